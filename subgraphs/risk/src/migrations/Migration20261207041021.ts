import { Migration } from "@mikro-orm/migrations";

export class Migration20261207041021 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "forecast_question" ("id" uuid not null, "marking" text check ("marking" in ('PUBLIC', 'PARTNERS', 'GOVERNMENTS', 'RESTRICTED', 'ORIGINATOR')) not null, "releasable_to" text[] not null, "originator" varchar(255) not null, "version" int not null default 1, "demo" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, "country_code" varchar(3) not null, "event" text check ("event" in ('MASS_KILLING_ONSET')) not null, "window_start" date not null, "window_end" date not null, "resolution_criteria" text not null, "status" text check ("status" in ('OPEN', 'CLOSED', 'RESOLVED_YES', 'RESOLVED_NO', 'ANNULLED')) not null default 'OPEN', "resolution_source" text null, "resolved_on" date null, constraint "forecast_question_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "forecast_question_originator_index" on "forecast_question" ("originator");`);
    this.addSql(`create index "forecast_question_updated_at_index" on "forecast_question" ("updated_at");`);
    this.addSql(`create index "forecast_question_country_code_index" on "forecast_question" ("country_code");`);
    this.addSql(`create index "forecast_question_status_index" on "forecast_question" ("status");`);

    this.addSql(
      `create table "forecast" ("id" uuid not null, "marking" text check ("marking" in ('PUBLIC', 'PARTNERS', 'GOVERNMENTS', 'RESTRICTED', 'ORIGINATOR')) not null, "releasable_to" text[] not null, "originator" varchar(255) not null, "version" int not null default 1, "demo" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, "question_id" uuid not null, "probability" double precision not null, "rationale" text not null, "made_at" timestamptz not null, constraint "forecast_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "forecast_originator_index" on "forecast" ("originator");`);
    this.addSql(`create index "forecast_updated_at_index" on "forecast" ("updated_at");`);
    this.addSql(`create index "forecast_question_id_originator_made_at_index" on "forecast" ("question_id", "originator", "made_at");`);

    this.addSql(
      `create table "opinion" ("id" uuid not null, "marking" text check ("marking" in ('PUBLIC', 'PARTNERS', 'GOVERNMENTS', 'RESTRICTED', 'ORIGINATOR')) not null, "releasable_to" text[] not null, "originator" varchar(255) not null, "version" int not null default 1, "demo" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, "assessment_id" uuid not null, "factor_number" int null, "stance" text check ("stance" in ('STRONGLY_DISAGREE', 'DISAGREE', 'NEUTRAL', 'AGREE', 'STRONGLY_AGREE')) not null, "explanation" text not null, constraint "opinion_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "opinion_originator_index" on "opinion" ("originator");`);
    this.addSql(`create index "opinion_updated_at_index" on "opinion" ("updated_at");`);
    this.addSql(`create index "opinion_assessment_id_index" on "opinion" ("assessment_id");`);

    this.addSql(
      `alter table "forecast" add constraint "forecast_question_id_foreign" foreign key ("question_id") references "forecast_question" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "opinion" add constraint "opinion_assessment_id_foreign" foreign key ("assessment_id") references "risk_assessment" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "opinion" add constraint "opinion_factor_number_foreign" foreign key ("factor_number") references "risk_factor" ("number") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "risk_assessment" add column "actors" jsonb not null default '[]', add column "target_groups" text[] not null default '{}', add column "resilience_factors" text[] not null default '{}', add column "triggers" jsonb not null default '[]';`,
    );

    this.addSql(
      `alter table "finding" add column "source_reliability" text check ("source_reliability" in ('A', 'B', 'C', 'D', 'E', 'F', 'NOT_GRADED')) null, add column "information_credibility" text check ("information_credibility" in ('CONFIRMED', 'PROBABLY_TRUE', 'POSSIBLY_TRUE', 'DOUBTFUL', 'IMPROBABLE', 'CANNOT_BE_JUDGED', 'NOT_GRADED')) null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "forecast" drop constraint "forecast_question_id_foreign";`);

    this.addSql(`drop table if exists "forecast_question" cascade;`);

    this.addSql(`drop table if exists "forecast" cascade;`);

    this.addSql(`drop table if exists "opinion" cascade;`);

    this.addSql(`alter table "finding" drop column "source_reliability", drop column "information_credibility";`);

    this.addSql(
      `alter table "risk_assessment" drop column "actors", drop column "target_groups", drop column "resilience_factors", drop column "triggers";`,
    );
  }
}
