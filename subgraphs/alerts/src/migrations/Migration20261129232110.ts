import { Migration } from "@mikro-orm/migrations";

export class Migration20261129232110 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "alert_delivery" ("id" uuid not null, "rule" uuid not null, "partner" varchar(255) not null, "event" varchar(255) not null, "record_type" varchar(255) not null, "record_id" varchar(255) not null, "payload" jsonb not null, "status" text check ("status" in ('PENDING', 'DELIVERED', 'RETRYING', 'DEAD')) not null default 'PENDING', "attempts" int not null default 0, "last_error" text null, "created_at" timestamptz not null, "delivered_at" varchar(255) null, constraint "alert_delivery_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "alert_delivery_rule_index" on "alert_delivery" ("rule");`);
    this.addSql(`create index "alert_delivery_partner_created_at_id_index" on "alert_delivery" ("partner", "created_at", "id");`);

    this.addSql(
      `create table "alert_rule" ("id" uuid not null, "partner" varchar(255) not null, "name" text not null, "url" text not null, "condition" jsonb not null, "kind" text check ("kind" in ('ASSESSMENT_LEVEL', 'ASSESSMENT_DIVERGENCE', 'PLEDGE_STATUS', 'MISSION_GAP', 'PRACTICE_THEME')) not null, "secret" text not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "alert_rule_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "alert_rule_partner_index" on "alert_rule" ("partner");`);

    this.addSql(
      `create table "feed_cursor" ("feed" varchar(40) not null, "cursor" text not null, "updated_at" timestamptz not null, constraint "feed_cursor_pkey" primary key ("feed"));`,
    );

    this.addSql(
      `create table "observed_record" ("record_type" varchar(40) not null, "id" varchar(80) not null, "key" text null, "version" int not null, "data" jsonb not null, "updated_at" timestamptz not null, constraint "observed_record_pkey" primary key ("record_type", "id"));`,
    );
    this.addSql(`create index "observed_record_record_type_key_index" on "observed_record" ("record_type", "key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "alert_delivery" cascade;`);

    this.addSql(`drop table if exists "alert_rule" cascade;`);

    this.addSql(`drop table if exists "feed_cursor" cascade;`);

    this.addSql(`drop table if exists "observed_record" cascade;`);
  }
}
