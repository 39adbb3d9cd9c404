import { KitMigration } from "../kit-migration.js";

/**
 * Data versions (`until-changed.ts`): a row per name, moved by the triggers a subgraph's migration declares with
 * `dataVersionTriggersSql`, in the writing transaction. The first write of a name inserts its row.
 */
export class KitMigration20261207230000 extends KitMigration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "data_version" ("name" varchar(63) primary key, "epoch" uuid not null default gen_random_uuid(), "version" bigint not null default 0);`,
    );
    this.addSql(
      `create or replace function concert_bump_data_version() returns trigger language plpgsql as $$ begin insert into "data_version" ("name") values (TG_ARGV[0]) on conflict ("name") do update set "version" = "data_version"."version" + 1; return null; end $$;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists concert_bump_data_version() cascade;`);
    this.addSql(`drop table if exists "data_version";`);
  }
}
