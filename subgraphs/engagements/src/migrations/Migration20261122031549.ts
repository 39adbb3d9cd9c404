import { Migration } from "@mikro-orm/migrations";

export class Migration20261122031549 extends Migration {
  override async up(): Promise<void> {
    // array_to_string is only STABLE in general; for text[] it is immutable, as a generated column requires.
    this.addSql(
      `create or replace function concert_immutable_join(text[]) returns text language sql immutable parallel safe as $$ select array_to_string($1, ' ') $$;`,
    );
    this.addSql(
      `alter table "engagement" add column "search_vector" tsvector generated always as (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B') || setweight(to_tsvector('english', concert_immutable_join(outcomes)), 'C')) stored not null;`,
    );
    this.addSql(`create index "engagement_forum_code_index" on "engagement" ("forum_code");`);
    this.addSql(`create index "engagement_participant_codes_index" on "engagement" using GIN ("participant_codes");`);
    this.addSql(`create index "engagement_search_vector_index" on "public"."engagement" using gin("search_vector");`);

    this.addSql(`alter table "partner" add column "version" int not null default 1;`);

    // Practices recorded before this migration are dated by when they were shared.
    this.addSql(`alter table "practice" add column "date" date null;`);
    this.addSql(`update "practice" set "date" = "created_at"::date;`);
    this.addSql(
      `alter table "practice" alter column "date" set not null, add column "search_vector" tsvector generated always as (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B') || setweight(to_tsvector('english', coalesce(evidence_of_effect, '')), 'C')) stored not null;`,
    );
    this.addSql(`create index "practice_engagement_id_index" on "practice" ("engagement_id");`);
    this.addSql(`create index "practice_search_vector_index" on "public"."practice" using gin("search_vector");`);
    this.addSql(`create index "practice_date_id_index" on "practice" ("date", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "engagement_forum_code_index";`);
    this.addSql(`drop index "engagement_participant_codes_index";`);
    this.addSql(`drop index "engagement_search_vector_index";`);
    this.addSql(`alter table "engagement" drop column "search_vector";`);

    this.addSql(`alter table "partner" drop column "version";`);

    this.addSql(`drop index "practice_engagement_id_index";`);
    this.addSql(`drop index "practice_search_vector_index";`);
    this.addSql(`drop index "practice_date_id_index";`);
    this.addSql(`alter table "practice" drop column "date", drop column "search_vector";`);
    this.addSql(`drop function concert_immutable_join(text[]);`);
  }
}
