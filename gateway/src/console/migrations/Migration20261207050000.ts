import { Migration } from "@mikro-orm/migrations";

/** Sessions signed in through an identity provider (issue 25): which one, the sealed refresh and ID tokens, the access token's expiry. */
export class Migration20261207050000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "console_session" add column "provider" varchar(64) null, add column "refresh_token" text null, add column "id_token" text null, add column "token_expires_at" timestamptz null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "console_session" drop column "provider", drop column "refresh_token", drop column "id_token", drop column "token_expires_at";`,
    );
  }
}
