import { Migration } from "@mikro-orm/migrations";

/** Audit entries hold the ids of every record one operation read (issue 15); existing entries keep theirs, as one-element lists. */
export class Migration20261129232054 extends Migration {
  override async up(): Promise<void> {
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
