import { Migration } from "@mikro-orm/migrations";

export class Migration20261122032057 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "deployment_snapshot" ("id" uuid not null, "mission_acronym" varchar(16) not null, "month" varchar(7) not null, "contributor" varchar(32) not null, "capability_type_code" varchar(40) not null, "units" int not null, "personnel" int not null, "women_personnel" int not null, "demo" boolean not null default false, "version" int not null default 1, "updated_at" timestamptz not null, constraint "deployment_snapshot_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "deployment_snapshot_updated_at_index" on "deployment_snapshot" ("updated_at");`);
    this.addSql(`create index "deployment_snapshot_contributor_month_index" on "deployment_snapshot" ("contributor", "month");`);
    this.addSql(
      `alter table "deployment_snapshot" add constraint "deployment_snapshot_mission_acronym_month_contrib_eaf7b_unique" unique ("mission_acronym", "month", "contributor", "capability_type_code");`,
    );

    this.addSql(
      `create table "capability_requirement" ("id" uuid not null, "mission_acronym" varchar(16) not null, "capability_type_code" varchar(40) not null, "quantity" int not null, "personnel" int not null, "needed_by" date null, "note" text null, "demo" boolean not null default false, "version" int not null default 1, "updated_at" timestamptz not null, constraint "capability_requirement_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "capability_requirement_updated_at_index" on "capability_requirement" ("updated_at");`);
    this.addSql(`create index "capability_requirement_capability_type_code_index" on "capability_requirement" ("capability_type_code");`);
    this.addSql(
      `alter table "capability_requirement" add constraint "capability_requirement_mission_acronym_capability_79cb1_unique" unique ("mission_acronym", "capability_type_code");`,
    );

    this.addSql(
      `create table "pledge_transition" ("id" bigserial primary key, "pledge_id" uuid not null, "from" text check ("from" in ('PLEDGED', 'VERIFIED', 'DEPLOYED', 'WITHDRAWN', 'EXPIRED')) null, "to" text check ("to" in ('PLEDGED', 'VERIFIED', 'DEPLOYED', 'WITHDRAWN', 'EXPIRED')) not null, "at" timestamptz not null, "by_partner" varchar(32) not null, "note" text null);`,
    );
    this.addSql(`create index "pledge_transition_pledge_id_at_index" on "pledge_transition" ("pledge_id", "at");`);

    this.addSql(
      `alter table "deployment_snapshot" add constraint "deployment_snapshot_mission_acronym_foreign" foreign key ("mission_acronym") references "mission" ("acronym") on update cascade;`,
    );
    this.addSql(
      `alter table "deployment_snapshot" add constraint "deployment_snapshot_capability_type_code_foreign" foreign key ("capability_type_code") references "capability_type" ("code") on update cascade;`,
    );

    this.addSql(
      `alter table "capability_requirement" add constraint "capability_requirement_mission_acronym_foreign" foreign key ("mission_acronym") references "mission" ("acronym") on update cascade;`,
    );
    this.addSql(
      `alter table "capability_requirement" add constraint "capability_requirement_capability_type_code_foreign" foreign key ("capability_type_code") references "capability_type" ("code") on update cascade;`,
    );

    this.addSql(
      `alter table "pledge_transition" add constraint "pledge_transition_pledge_id_foreign" foreign key ("pledge_id") references "pledge" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(`alter table "mission" add column "version" int not null default 1;`);

    this.addSql(`create index "pledge_created_at_id_index" on "pledge" ("created_at", "id");`);
    this.addSql(`create index "pledge_readiness_status_index" on "pledge" ("readiness", "status");`);
    this.addSql(`create index "pledge_status_renewal_due_index" on "pledge" ("status", "renewal_due");`);
    this.addSql(`create index "pledge_event_code_index" on "pledge" ("event_code");`);
    this.addSql(`create index "pledge_capability_type_code_index" on "pledge" ("capability_type_code");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "deployment_snapshot" cascade;`);

    this.addSql(`drop table if exists "capability_requirement" cascade;`);

    this.addSql(`drop table if exists "pledge_transition" cascade;`);

    this.addSql(`alter table "mission" drop column "version";`);

    this.addSql(`drop index "pledge_created_at_id_index";`);
    this.addSql(`drop index "pledge_readiness_status_index";`);
    this.addSql(`drop index "pledge_status_renewal_due_index";`);
    this.addSql(`drop index "pledge_event_code_index";`);
    this.addSql(`drop index "pledge_capability_type_code_index";`);
  }
}
