import { KitMigration } from "../kit-migration.js";

/** The audit log (as each subgraph's first migration created it until 159f8da). */
export class KitMigration20261122000000 extends KitMigration {
  override async up(): Promise<void> {
    if (await this.hasTable("audit_entry")) return;
    this.addSql(
      `create table "audit_entry" ("id" bigserial primary key, "at" timestamptz not null, "subject" varchar(255) null, "partner" varchar(255) null, "action" varchar(255) not null, "entity_type" varchar(255) not null, "entity_id" varchar(255) not null, "originator" varchar(255) not null, "marking" varchar(255) not null, "decision" varchar(255) not null, "reason" varchar(255) null);`,
    );
    this.addSql(`create index "audit_entry_originator_at_index" on "audit_entry" ("originator", "at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_entry" cascade;`);
  }
}
