import { Migration } from "@mikro-orm/migrations";

export class Migration20261207040000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "console_session" ("id_hash" char(64) not null, "subject" text not null, "partner" varchar(32) not null, "partner_name" text not null, "roles" jsonb not null, "persona" varchar(64) null, "token" text not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, constraint "console_session_pkey" primary key ("id_hash"));`,
    );
    this.addSql(`create index "console_session_expires_at_index" on "console_session" ("expires_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "console_session" cascade;`);
  }
}
