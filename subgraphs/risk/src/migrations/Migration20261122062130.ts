import { Migration } from "@mikro-orm/migrations";

export class Migration20261122062130 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index "risk_assessment_updated_at_id_index";`);

    this.addSql(`create index "risk_assessment_updated_at_desc_id_index" on "risk_assessment" ("updated_at" desc, "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "risk_assessment_updated_at_desc_id_index";`);

    this.addSql(`create index "risk_assessment_updated_at_id_index" on "risk_assessment" ("updated_at", "id");`);
  }
}
