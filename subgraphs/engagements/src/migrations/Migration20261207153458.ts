import { Migration } from "@mikro-orm/migrations";

/** A forum membership's version, so that two keepers ending one membership cannot overwrite each other's date. */
export class Migration20261207153458 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "forum_membership" add column "version" int not null default 1;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "forum_membership" drop column "version";`);
  }
}
