import { KitMigration } from "../kit-migration.js";

/**
 * Data versions (`until-changed.ts`): a version is the sum of its rows. A writing transaction adds one to the row of
 * its own server process (`slot`, the backend's pid; inserted at 1), so concurrent writers never wait for each other;
 * slot 0, made by the migration that declares the version, carries its epoch and what compaction folds into it.
 */
export class KitMigration20261207230000 extends KitMigration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "data_version" ("name" varchar(63) not null, "slot" integer not null, "epoch" uuid not null default gen_random_uuid(), "version" bigint not null default 1, primary key ("name", "slot"));`,
    );
    this.addSql(
      `create or replace function concert_bump_data_version() returns trigger language plpgsql as $$ begin insert into "data_version" ("name", "slot") values (TG_ARGV[0], pg_backend_pid()) on conflict ("name", "slot") do update set "version" = "data_version"."version" + 1; return null; end $$;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists concert_bump_data_version() cascade;`);
    this.addSql(`drop table if exists "data_version";`);
  }
}
