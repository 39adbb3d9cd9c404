import { KitMigration } from "../kit-migration.js";

/** Change entries store the parent's marking of a record whose declaration names a parent. */
export class KitMigration20261207040000 extends KitMigration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "change_entry" add column if not exists "parent_marking" varchar(20) null, add column if not exists "parent_releasable_to" text[] null, add column if not exists "parent_originator" varchar(255) null, add column if not exists "previous_parent_marking" varchar(20) null, add column if not exists "previous_parent_releasable_to" text[] null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "change_entry" drop column if exists "parent_marking", drop column if exists "parent_releasable_to", drop column if exists "parent_originator", drop column if exists "previous_parent_marking", drop column if exists "previous_parent_releasable_to";`,
    );
  }
}
