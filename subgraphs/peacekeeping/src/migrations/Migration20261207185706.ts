import { Migration } from "@mikro-orm/migrations";

export class Migration20261207185706 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "pledge_status_marking_index" on "pledge" ("status") include ("marking", "originator", "releasable_to");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "pledge_status_marking_index";`);
  }
}
