import { Migration } from "@mikro-orm/migrations";

export class Migration20261122033832 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "deployment_snapshot_capability_type_code_index" on "deployment_snapshot" ("capability_type_code");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "deployment_snapshot_capability_type_code_index";`);
  }
}
