import { Migration } from "@mikro-orm/migrations";

/** The kit's tables (`audit_entry`) are created by the kit's migrations (`withKitMigrations`), which run first. */
export class Migration20261122030823 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "capability_type" ("code" varchar(40) not null, "name" varchar(255) not null, constraint "capability_type_pkey" primary key ("code"));`,
    );

    this.addSql(
      `create table "mission" ("acronym" varchar(16) not null, "name" varchar(255) not null, "host_country_codes" text[] not null, "protection_of_civilians" boolean not null, "chapter_vii" boolean not null, "start_date" date not null, "end_date" date null, "status" text check ("status" in ('ACTIVE', 'DRAWING_DOWN', 'CLOSED')) not null, "updated_at" timestamptz not null, constraint "mission_pkey" primary key ("acronym"));`,
    );
    this.addSql(`create index "mission_host_country_codes_index" on "mission" using GIN ("host_country_codes");`);

    this.addSql(
      `create table "pledging_event" ("code" varchar(32) not null, "name" varchar(255) not null, "place" varchar(255) not null, "date" date not null, constraint "pledging_event_pkey" primary key ("code"));`,
    );

    this.addSql(
      `create table "pledge" ("id" uuid not null, "marking" text check ("marking" in ('PUBLIC', 'PARTNERS', 'GOVERNMENTS', 'RESTRICTED', 'ORIGINATOR')) not null, "releasable_to" text[] not null, "originator" varchar(255) not null, "version" int not null default 1, "demo" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, "mission_acronym" varchar(16) null, "capability_type_code" varchar(40) not null, "quantity" int not null, "personnel" int not null, "women_personnel" int not null, "readiness" text check ("readiness" in ('LEVEL_1', 'LEVEL_2', 'LEVEL_3', 'RAPID_DEPLOYMENT')) not null, "status" text check ("status" in ('PLEDGED', 'VERIFIED', 'DEPLOYED', 'WITHDRAWN', 'EXPIRED')) not null default 'PLEDGED', "event_code" varchar(32) null, "renewal_due" date null, "unit_details" text null, "unit_details_marking" text check ("unit_details_marking" in ('PUBLIC', 'PARTNERS', 'GOVERNMENTS', 'RESTRICTED', 'ORIGINATOR')) not null, "unit_details_releasable_to" text[] not null, "aggregate_marking" text check ("aggregate_marking" in ('PUBLIC', 'PARTNERS', 'GOVERNMENTS', 'RESTRICTED', 'ORIGINATOR')) not null default 'PARTNERS', constraint "pledge_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "pledge_originator_index" on "pledge" ("originator");`);
    this.addSql(`create index "pledge_updated_at_index" on "pledge" ("updated_at");`);
    this.addSql(
      `create index "pledge_mission_acronym_capability_type_code_index" on "pledge" ("mission_acronym", "capability_type_code");`,
    );

    this.addSql(
      `alter table "pledge" add constraint "pledge_mission_acronym_foreign" foreign key ("mission_acronym") references "mission" ("acronym") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "pledge" add constraint "pledge_capability_type_code_foreign" foreign key ("capability_type_code") references "capability_type" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "pledge" add constraint "pledge_event_code_foreign" foreign key ("event_code") references "pledging_event" ("code") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "pledge" drop constraint "pledge_capability_type_code_foreign";`);

    this.addSql(`alter table "pledge" drop constraint "pledge_mission_acronym_foreign";`);

    this.addSql(`alter table "pledge" drop constraint "pledge_event_code_foreign";`);

    this.addSql(`drop table if exists "capability_type" cascade;`);

    this.addSql(`drop table if exists "mission" cascade;`);

    this.addSql(`drop table if exists "pledging_event" cascade;`);

    this.addSql(`drop table if exists "pledge" cascade;`);
  }
}
