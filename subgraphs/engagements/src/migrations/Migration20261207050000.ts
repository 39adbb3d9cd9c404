import { Migration } from "@mikro-orm/migrations";

/** Exchange keys (issue 28): a partner's read-only credentials for its TAXII clients, kept as SHA-256 only. */
export class Migration20261207050000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "exchange_key" ("id" uuid not null, "partner_code" varchar(16) not null, "name" text not null, "secret_hash" varchar(64) not null, "prefix" varchar(16) not null, "created_by" text not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "last_used_at" timestamptz null, constraint "exchange_key_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "exchange_key_partner_code_index" on "exchange_key" ("partner_code");`);
    this.addSql(`create index "exchange_key_secret_hash_index" on "exchange_key" ("secret_hash");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "exchange_key" cascade;`);
  }
}
