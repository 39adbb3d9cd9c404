import { Migration } from "@mikro-orm/migrations";

export class Migration20261207034937 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "gender_parity_target" ("category" varchar(255) not null, "target" double precision not null, "year" int not null, "source" text not null, constraint "gender_parity_target_pkey" primary key ("category"));`,
    );

    this.addSql(
      `create table "pledge_caveat" ("id" uuid not null, "marking" text check ("marking" in ('PUBLIC', 'PARTNERS', 'GOVERNMENTS', 'RESTRICTED', 'ORIGINATOR')) not null, "releasable_to" text[] not null, "originator" varchar(255) not null, "version" int not null default 1, "demo" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, "pledge_id" uuid not null, "kind" text check ("kind" in ('GEOGRAPHIC', 'OPERATIONAL', 'TIME', 'OTHER')) not null, "text" text not null, constraint "pledge_caveat_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "pledge_caveat_originator_index" on "pledge_caveat" ("originator");`);
    this.addSql(`create index "pledge_caveat_updated_at_index" on "pledge_caveat" ("updated_at");`);
    this.addSql(`create index "pledge_caveat_pledge_id_index" on "pledge_caveat" ("pledge_id");`);

    this.addSql(
      `create table "verification_visit" ("id" uuid not null, "marking" text check ("marking" in ('PUBLIC', 'PARTNERS', 'GOVERNMENTS', 'RESTRICTED', 'ORIGINATOR')) not null, "releasable_to" text[] not null, "originator" varchar(255) not null, "version" int not null default 1, "demo" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, "pledge_id" uuid not null, "kind" text check ("kind" in ('AAV', 'RDL_VERIFICATION', 'PRE_DEPLOYMENT')) not null, "date" date not null, "training" text check ("training" in ('MET', 'MET_WITH_REMARKS', 'NOT_MET', 'NOT_ASSESSED')) not null default 'NOT_ASSESSED', "equipment" text check ("equipment" in ('MET', 'MET_WITH_REMARKS', 'NOT_MET', 'NOT_ASSESSED')) not null default 'NOT_ASSESSED', "self_sustainment" text check ("self_sustainment" in ('MET', 'MET_WITH_REMARKS', 'NOT_MET', 'NOT_ASSESSED')) not null default 'NOT_ASSESSED', "medical" text check ("medical" in ('MET', 'MET_WITH_REMARKS', 'NOT_MET', 'NOT_ASSESSED')) not null default 'NOT_ASSESSED', "aviation" text check ("aviation" in ('MET', 'MET_WITH_REMARKS', 'NOT_MET', 'NOT_ASSESSED')) not null default 'NOT_ASSESSED', "engineering" text check ("engineering" in ('MET', 'MET_WITH_REMARKS', 'NOT_MET', 'NOT_ASSESSED')) not null default 'NOT_ASSESSED', "ict" text check ("ict" in ('MET', 'MET_WITH_REMARKS', 'NOT_MET', 'NOT_ASSESSED')) not null default 'NOT_ASSESSED', "movement_control" text check ("movement_control" in ('MET', 'MET_WITH_REMARKS', 'NOT_MET', 'NOT_ASSESSED')) not null default 'NOT_ASSESSED', "remarks" text null, constraint "verification_visit_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "verification_visit_originator_index" on "verification_visit" ("originator");`);
    this.addSql(`create index "verification_visit_updated_at_index" on "verification_visit" ("updated_at");`);
    this.addSql(`create index "verification_visit_pledge_id_date_index" on "verification_visit" ("pledge_id", "date");`);

    this.addSql(
      `alter table "pledge_caveat" add constraint "pledge_caveat_pledge_id_foreign" foreign key ("pledge_id") references "pledge" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "verification_visit" add constraint "verification_visit_pledge_id_foreign" foreign key ("pledge_id") references "pledge" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(`alter table "pledging_event" add column "states_pledged" int null, add column "facts_source" text null;`);

    this.addSql(
      `alter table "pledge" add column "readiness_since" timestamptz not null default now(), add column "rotation_due" date null, add column "replaces_id" uuid null;`,
    );
    this.addSql(
      `alter table "pledge" add constraint "pledge_replaces_id_foreign" foreign key ("replaces_id") references "pledge" ("id") on update cascade on delete set null;`,
    );
    this.addSql(`create index "pledge_replaces_id_index" on "pledge" ("replaces_id");`);
    this.addSql(
      `create index "pledge_mission_acronym_status_rotation_due_index" on "pledge" ("mission_acronym", "status", "rotation_due");`,
    );
    // Pledges registered before readiness was dated: their registration is the best date known.
    this.addSql(`update "pledge" set "readiness_since" = "created_at";`);
    // The Berlin ministerial's public facts, for databases whose event rows were seeded before they were recorded.
    this.addSql(
      `update "pledging_event" set "states_pledged" = 74, "facts_source" = 'United Nations Peacekeeping Ministerial, Berlin, 13–14 May 2025: pledges from 74 Member States.' where "code" = 'BERLIN_2025';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "gender_parity_target" cascade;`);

    this.addSql(`drop table if exists "pledge_caveat" cascade;`);

    this.addSql(`drop table if exists "verification_visit" cascade;`);

    this.addSql(`alter table "pledge" drop constraint "pledge_replaces_id_foreign";`);

    this.addSql(`drop index "pledge_replaces_id_index";`);
    this.addSql(`drop index "pledge_mission_acronym_status_rotation_due_index";`);
    this.addSql(`alter table "pledge" drop column "readiness_since", drop column "rotation_due", drop column "replaces_id";`);

    this.addSql(`alter table "pledging_event" drop column "states_pledged", drop column "facts_source";`);
  }
}
