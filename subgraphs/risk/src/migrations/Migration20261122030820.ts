import { Migration } from "@mikro-orm/migrations";

/** The kit's tables (`audit_entry`) are created by the kit's migrations (`withKitMigrations`), which run first. */
export class Migration20261122030820 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "risk_assessment" ("id" uuid not null, "marking" text check ("marking" in ('PUBLIC', 'PARTNERS', 'GOVERNMENTS', 'RESTRICTED', 'ORIGINATOR')) not null, "releasable_to" text[] not null, "originator" varchar(255) not null, "version" int not null default 1, "demo" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, "country_code" varchar(3) not null, "period_start" date not null, "period_end" date not null, "likelihood" text check ("likelihood" in ('LOW', 'MODERATE', 'HIGH', 'VERY_HIGH')) not null, "probability" double precision null, "confidence" text check ("confidence" in ('LOW', 'MEDIUM', 'HIGH')) not null, "stage" text check ("stage" in ('PREVENTION', 'MITIGATION', 'RESPONSE')) not null, "status" text check ("status" in ('DRAFT', 'PUBLISHED', 'SUPERSEDED')) not null default 'DRAFT', "summary" text not null, "scenarios" text[] not null, "recommended_actions" text[] not null, constraint "risk_assessment_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "risk_assessment_originator_index" on "risk_assessment" ("originator");`);
    this.addSql(`create index "risk_assessment_updated_at_index" on "risk_assessment" ("updated_at");`);
    this.addSql(`create index "risk_assessment_country_code_index" on "risk_assessment" ("country_code");`);
    this.addSql(`create index "risk_assessment_updated_at_id_index" on "risk_assessment" ("updated_at", "id");`);
    this.addSql(
      `create index "risk_assessment_country_code_originator_period_end_index" on "risk_assessment" ("country_code", "originator", "period_end");`,
    );

    this.addSql(
      `create table "risk_factor" ("number" int not null, "title" text not null, "scope" text check ("scope" in ('COMMON', 'GENOCIDE', 'CRIMES_AGAINST_HUMANITY', 'WAR_CRIMES')) not null, constraint "risk_factor_pkey" primary key ("number"));`,
    );

    this.addSql(
      `create table "indicator" ("code" varchar(8) not null, "factor_number" int not null, "text" text not null, constraint "indicator_pkey" primary key ("code"));`,
    );

    this.addSql(
      `alter table "indicator" add constraint "indicator_factor_number_foreign" foreign key ("factor_number") references "risk_factor" ("number") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "indicator" drop constraint "indicator_factor_number_foreign";`);

    this.addSql(`drop table if exists "risk_assessment" cascade;`);

    this.addSql(`drop table if exists "risk_factor" cascade;`);

    this.addSql(`drop table if exists "indicator" cascade;`);
  }
}
