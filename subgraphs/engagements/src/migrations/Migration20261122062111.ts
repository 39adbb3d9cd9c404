import { Migration } from "@mikro-orm/migrations";

export class Migration20261122062111 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index "engagement_date_id_index";`);

    this.addSql(`create index "engagement_date_desc_id_index" on "engagement" ("date" desc, "id");`);

    this.addSql(`drop index "practice_date_id_index";`);

    this.addSql(`create index "practice_updated_at_desc_id_index" on "practice" ("updated_at" desc, "id");`);
    this.addSql(`create index "practice_date_desc_id_index" on "practice" ("date" desc, "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "engagement_date_desc_id_index";`);

    this.addSql(`create index "engagement_date_id_index" on "engagement" ("date", "id");`);

    this.addSql(`drop index "practice_updated_at_desc_id_index";`);
    this.addSql(`drop index "practice_date_desc_id_index";`);

    this.addSql(`create index "practice_date_id_index" on "practice" ("date", "id");`);
  }
}
