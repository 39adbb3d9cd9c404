import { Migration } from "@mikro-orm/migrations";

export class Migration20261122032246 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "factor_rating" ("id" uuid not null, "assessment_id" uuid not null, "factor_number" int not null, "level" text check ("level" in ('NOT_PRESENT', 'LOW', 'MODERATE', 'HIGH', 'SEVERE')) not null, "rationale" text not null, constraint "factor_rating_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "factor_rating" add constraint "factor_rating_assessment_id_factor_number_unique" unique ("assessment_id", "factor_number");`,
    );

    this.addSql(
      `create table "finding" ("id" uuid not null, "rating_id" uuid not null, "indicator_code" varchar(8) null, "evidence" text not null, "source" text not null, "observed_on" date not null, "reliability" text check ("reliability" in ('CONFIRMED', 'PROBABLY_TRUE', 'POSSIBLY_TRUE', 'DOUBTFUL', 'IMPROBABLE', 'CANNOT_BE_JUDGED')) not null, constraint "finding_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "finding_rating_id_index" on "finding" ("rating_id");`);

    this.addSql(
      `create table "watchlist" ("id" uuid not null, "marking" text check ("marking" in ('PUBLIC', 'PARTNERS', 'GOVERNMENTS', 'RESTRICTED', 'ORIGINATOR')) not null, "releasable_to" text[] not null, "originator" varchar(255) not null, "version" int not null default 1, "demo" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, "title" text not null, constraint "watchlist_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "watchlist_originator_index" on "watchlist" ("originator");`);
    this.addSql(`create index "watchlist_updated_at_index" on "watchlist" ("updated_at");`);
    this.addSql(`alter table "watchlist" add constraint "watchlist_originator_unique" unique ("originator");`);

    this.addSql(
      `create table "watchlist_entry" ("id" uuid not null, "watchlist_id" uuid not null, "country_code" varchar(3) not null, "rank" int not null, "rationale" text not null, "since" date not null, constraint "watchlist_entry_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "watchlist_entry_country_code_index" on "watchlist_entry" ("country_code");`);
    this.addSql(
      `alter table "watchlist_entry" add constraint "watchlist_entry_watchlist_id_country_code_unique" unique ("watchlist_id", "country_code");`,
    );

    this.addSql(
      `alter table "factor_rating" add constraint "factor_rating_assessment_id_foreign" foreign key ("assessment_id") references "risk_assessment" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "factor_rating" add constraint "factor_rating_factor_number_foreign" foreign key ("factor_number") references "risk_factor" ("number") on update cascade;`,
    );

    this.addSql(
      `alter table "finding" add constraint "finding_rating_id_foreign" foreign key ("rating_id") references "factor_rating" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "finding" add constraint "finding_indicator_code_foreign" foreign key ("indicator_code") references "indicator" ("code") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "watchlist_entry" add constraint "watchlist_entry_watchlist_id_foreign" foreign key ("watchlist_id") references "watchlist" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "risk_assessment" add column "revision" int not null default 1, add column "supersedes_id" uuid null, add column "evidence_marking" text check ("evidence_marking" in ('PUBLIC', 'PARTNERS', 'GOVERNMENTS', 'RESTRICTED', 'ORIGINATOR')) not null default 'ORIGINATOR', add column "evidence_releasable_to" text[] not null default '{}';`,
    );
    this.addSql(`alter table "risk_assessment" add constraint "risk_assessment_supersedes_id_unique" unique ("supersedes_id");`);
    this.addSql(`create index "risk_assessment_likelihood_index" on "risk_assessment" ("likelihood");`);
    this.addSql(`create index "risk_assessment_stage_index" on "risk_assessment" ("stage");`);
    this.addSql(`create index "risk_assessment_status_index" on "risk_assessment" ("status");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "finding" drop constraint "finding_rating_id_foreign";`);

    this.addSql(`alter table "watchlist_entry" drop constraint "watchlist_entry_watchlist_id_foreign";`);

    this.addSql(`drop table if exists "factor_rating" cascade;`);

    this.addSql(`drop table if exists "finding" cascade;`);

    this.addSql(`drop table if exists "watchlist" cascade;`);

    this.addSql(`drop table if exists "watchlist_entry" cascade;`);

    this.addSql(`alter table "risk_assessment" drop constraint "risk_assessment_supersedes_id_unique";`);
    this.addSql(`drop index "risk_assessment_likelihood_index";`);
    this.addSql(`drop index "risk_assessment_stage_index";`);
    this.addSql(`drop index "risk_assessment_status_index";`);
    this.addSql(
      `alter table "risk_assessment" drop column "revision", drop column "supersedes_id", drop column "evidence_marking", drop column "evidence_releasable_to";`,
    );
  }
}
