import { CHANGE_ENTRY_UPGRADES } from "@concert/subgraph-kit";
import { Migration } from "@mikro-orm/migrations";

/** Change entries store the parent's marking of a record whose declaration names a parent (the kit's first upgrade). */
export class Migration20261207040000 extends Migration {
  override async up(): Promise<void> {
    for (const sql of CHANGE_ENTRY_UPGRADES[0]!) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "change_entry" drop column if exists "parent_marking", drop column if exists "parent_releasable_to", drop column if exists "parent_originator", drop column if exists "previous_parent_marking", drop column if exists "previous_parent_releasable_to";`,
    );
  }
}
