import { Migration } from "@mikro-orm/migrations";

/**
 * The kit's audit trail (`audit_entry`), now that alert rules are written through the kit's write flow, which audits
 * every write. The same table as the other subgraphs' (the kit's `AuditEntry`), in its current shape.
 */
export class Migration20261207123000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "audit_entry" ("id" bigserial primary key, "at" timestamptz not null, "subject" varchar(255) null, "partner" varchar(255) null, "action" varchar(255) not null, "entity_type" varchar(255) not null, "entity_ids" text[] not null, "originator" varchar(255) not null, "marking" varchar(255) not null, "decision" varchar(255) not null, "reason" varchar(255) null);`,
    );
    this.addSql(`create index if not exists "audit_entry_originator_at_index" on "audit_entry" ("originator", "at");`);
    this.addSql(`create index if not exists "audit_entry_entity_ids_index" on "audit_entry" using GIN ("entity_ids");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_entry" cascade;`);
  }
}
