import { Migration } from "@mikro-orm/migrations";

/** The kit's tables (`audit_entry`) are created by the kit's migrations (`withKitMigrations`), which run first. */
export class Migration20261122030545 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "country" ("code" varchar(3) not null, "name" varchar(255) not null, "official_name" varchar(255) not null, "region" varchar(255) not null, "subregion" varchar(255) null, "m49" varchar(3) null, constraint "country_pkey" primary key ("code"));`,
    );

    this.addSql(
      `create table "forum" ("code" varchar(16) not null, "name" varchar(255) not null, "description" text not null, constraint "forum_pkey" primary key ("code"));`,
    );

    this.addSql(
      `create table "engagement" ("id" uuid not null, "marking" text check ("marking" in ('PUBLIC', 'PARTNERS', 'GOVERNMENTS', 'RESTRICTED', 'ORIGINATOR')) not null, "releasable_to" text[] not null, "originator" varchar(255) not null, "version" int not null default 1, "demo" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, "kind" text check ("kind" in ('MEETING', 'TRAINING', 'EXCHANGE', 'JOINT_ASSESSMENT', 'FIELD_COORDINATION', 'DEMARCHE')) not null, "title" varchar(255) not null, "forum_code" varchar(16) null, "participant_codes" text[] not null, "country_codes" text[] not null, "date" date not null, "summary" text not null, "outcomes" text[] not null, constraint "engagement_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "engagement_originator_index" on "engagement" ("originator");`);
    this.addSql(`create index "engagement_updated_at_index" on "engagement" ("updated_at");`);
    this.addSql(`create index "engagement_country_codes_index" on "engagement" using GIN ("country_codes");`);
    this.addSql(`create index "engagement_date_id_index" on "engagement" ("date", "id");`);

    this.addSql(
      `create table "partner" ("code" varchar(16) not null, "name" varchar(255) not null, "kind" text check ("kind" in ('GOVERNMENT', 'MULTILATERAL', 'CIVIL_SOCIETY')) not null, "country_code" varchar(3) null, "active_from" date not null, "active_to" date null, "updated_at" timestamptz not null, constraint "partner_pkey" primary key ("code"));`,
    );

    this.addSql(
      `create table "forum_membership" ("id" serial primary key, "forum_code" varchar(16) not null, "partner_code" varchar(16) not null, "role" text check ("role" in ('MEMBER', 'CO_CHAIR', 'OBSERVER')) not null, "since" date not null, "until" date null);`,
    );
    this.addSql(`create index "forum_membership_partner_code_index" on "forum_membership" ("partner_code");`);
    this.addSql(
      `alter table "forum_membership" add constraint "forum_membership_forum_code_partner_code_since_unique" unique ("forum_code", "partner_code", "since");`,
    );

    this.addSql(
      `create table "theme" ("code" varchar(40) not null, "name" varchar(255) not null, constraint "theme_pkey" primary key ("code"));`,
    );

    this.addSql(
      `create table "practice" ("id" uuid not null, "marking" text check ("marking" in ('PUBLIC', 'PARTNERS', 'GOVERNMENTS', 'RESTRICTED', 'ORIGINATOR')) not null, "releasable_to" text[] not null, "originator" varchar(255) not null, "version" int not null default 1, "demo" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, "kind" text check ("kind" in ('BEST_PRACTICE', 'LESSON_LEARNED')) not null, "theme_code" varchar(40) not null, "title" varchar(255) not null, "country_codes" text[] not null, "summary" text not null, "evidence_of_effect" text null, "engagement_id" uuid null, constraint "practice_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "practice_originator_index" on "practice" ("originator");`);
    this.addSql(`create index "practice_updated_at_index" on "practice" ("updated_at");`);
    this.addSql(`create index "practice_country_codes_index" on "practice" using GIN ("country_codes");`);
    this.addSql(`create index "practice_theme_code_originator_index" on "practice" ("theme_code", "originator");`);

    this.addSql(
      `alter table "engagement" add constraint "engagement_forum_code_foreign" foreign key ("forum_code") references "forum" ("code") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "forum_membership" add constraint "forum_membership_forum_code_foreign" foreign key ("forum_code") references "forum" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "forum_membership" add constraint "forum_membership_partner_code_foreign" foreign key ("partner_code") references "partner" ("code") on update cascade;`,
    );

    this.addSql(
      `alter table "practice" add constraint "practice_theme_code_foreign" foreign key ("theme_code") references "theme" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "practice" add constraint "practice_engagement_id_foreign" foreign key ("engagement_id") references "engagement" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "engagement" drop constraint "engagement_forum_code_foreign";`);

    this.addSql(`alter table "forum_membership" drop constraint "forum_membership_forum_code_foreign";`);

    this.addSql(`alter table "practice" drop constraint "practice_engagement_id_foreign";`);

    this.addSql(`alter table "forum_membership" drop constraint "forum_membership_partner_code_foreign";`);

    this.addSql(`alter table "practice" drop constraint "practice_theme_code_foreign";`);

    this.addSql(`drop table if exists "country" cascade;`);

    this.addSql(`drop table if exists "forum" cascade;`);

    this.addSql(`drop table if exists "engagement" cascade;`);

    this.addSql(`drop table if exists "partner" cascade;`);

    this.addSql(`drop table if exists "forum_membership" cascade;`);

    this.addSql(`drop table if exists "theme" cascade;`);

    this.addSql(`drop table if exists "practice" cascade;`);
  }
}
