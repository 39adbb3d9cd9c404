import { Migration } from "@mikro-orm/migrations";

export class Migration20261122062121 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "deployment_snapshot_month_desc_id_index" on "deployment_snapshot" ("month" desc, "id");`);

    this.addSql(`drop index "pledge_created_at_id_index";`);

    this.addSql(`create index "pledge_created_at_desc_id_index" on "pledge" ("created_at" desc, "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "deployment_snapshot_month_desc_id_index";`);

    this.addSql(`drop index "pledge_created_at_desc_id_index";`);

    this.addSql(`create index "pledge_created_at_id_index" on "pledge" ("created_at", "id");`);
  }
}
