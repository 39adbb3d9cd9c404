import { Migration } from "@mikro-orm/migrations";

export class Migration20261129204316 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "token_revocation" ("id" serial primary key, "partner_code" varchar(16) not null, "subject" text not null, "subject_digest" varchar(64) not null, "revoked_at" timestamptz not null);`,
    );
    this.addSql(
      `alter table "token_revocation" add constraint "token_revocation_partner_code_subject_unique" unique ("partner_code", "subject");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "token_revocation" cascade;`);
  }
}
