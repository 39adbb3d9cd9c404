import { KitMigration } from "../kit-migration.js";

/** The change feed's log and the database's epoch. */
export class KitMigration20261129231900 extends KitMigration {
  override async up(): Promise<void> {
    if (await this.hasTable("change_entry")) return;
    this.addSql(
      `create table "change_entry" ("position" bigserial primary key, "xid" xid8 not null default pg_current_xact_id(), "at" timestamptz not null default now(), "record_type" varchar(64) not null, "record_id" varchar(64) not null, "kind" varchar(20) not null, "version" int not null, "marking" varchar(20) not null, "releasable_to" text[] not null, "originator" varchar(255) not null, "previous_marking" varchar(20) null, "previous_releasable_to" text[] null);`,
    );
    this.addSql(`create index "change_entry_at_index" on "change_entry" ("at");`);
    this.addSql(`create index "change_entry_xid_position_index" on "change_entry" ("xid", "position");`);

    this.addSql(`create table "change_feed_epoch" ("epoch" uuid not null, constraint "change_feed_epoch_pkey" primary key ("epoch"));`);
    // The database's epoch, set once here: a database created anew gets another, and refuses the old one's cursors.
    this.addSql(`insert into "change_feed_epoch" ("epoch") values (gen_random_uuid());`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "change_entry" cascade;`);
    this.addSql(`drop table if exists "change_feed_epoch" cascade;`);
  }
}
