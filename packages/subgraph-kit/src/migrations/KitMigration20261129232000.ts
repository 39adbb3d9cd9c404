import { KitMigration } from "../kit-migration.js";

/** Audit entries hold the ids of every record one operation read (issue 15); existing entries keep theirs, as one-element lists. */
export class KitMigration20261129232000 extends KitMigration {
  override async up(): Promise<void> {
    if (await this.hasColumn("audit_entry", "entity_ids")) return;
    this.addSql(`alter table "audit_entry" add column "entity_ids" text[] not null default '{}';`);
    this.addSql(`update "audit_entry" set "entity_ids" = array["entity_id"]::text[];`);
    this.addSql(`alter table "audit_entry" alter column "entity_ids" drop default;`);
    this.addSql(`alter table "audit_entry" drop column "entity_id";`);
    this.addSql(`create index "audit_entry_entity_ids_index" on "audit_entry" using GIN ("entity_ids");`);
  }

  override async down(): Promise<void> {
    // An entry of several records keeps only the first.
    this.addSql(`drop index "audit_entry_entity_ids_index";`);
    this.addSql(`alter table "audit_entry" add column "entity_id" varchar(255) not null default '';`);
    this.addSql(`update "audit_entry" set "entity_id" = coalesce("entity_ids"[1], '');`);
    this.addSql(`alter table "audit_entry" alter column "entity_id" drop default;`);
    this.addSql(`alter table "audit_entry" drop column "entity_ids";`);
  }
}
