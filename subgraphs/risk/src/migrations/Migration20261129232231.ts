import { Migration } from "@mikro-orm/migrations";

/**
 * `latest_of_class`: true for the latest published assessment of each (country, author, marking, releasable-to)
 * class, as `newestFirst` orders (later period end, later creation, then id). A trigger keeps it in every write's
 * own transaction, whatever writes (mutations, seeds, bulk inserts); the backfill sets it for the rows already there.
 */
export class Migration20261129232231 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "risk_assessment" add column "latest_of_class" boolean not null default false;`);
    this.addSql(
      `create index "risk_assessment_latest_of_class_index" on "risk_assessment" ("country_code", "originator") where "latest_of_class";`,
    );
    this.addSql(
      `create index "risk_assessment_published_newest_index" on "risk_assessment" ("country_code", "originator", "period_end" desc, "created_at" desc, "id") where "status" = 'PUBLISHED';`,
    );
    // Recomputes one class's flag, touching only the (at most two) rows whose flag changes.
    this.addSql(`create function "risk_assessment_refresh_latest"(c text, o text, m text, r text[]) returns void language sql as $$
      with latest as (
        select l.id from risk_assessment l
        where l.country_code = c and l.originator = o and l.marking = m and l.releasable_to = r and l.status = 'PUBLISHED'
        order by l.period_end desc, l.created_at desc, l.id asc
        limit 1
      )
      update risk_assessment a set latest_of_class = (a.id in (select id from latest))
      where a.country_code = c and a.originator = o and a.marking = m and a.releasable_to = r
        and a.latest_of_class is distinct from (a.id in (select id from latest))
    $$;`);
    this.addSql(`create function "risk_assessment_latest_trigger"() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          perform risk_assessment_refresh_latest(old.country_code, old.originator, old.marking, old.releasable_to);
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
          perform risk_assessment_refresh_latest(new.country_code, new.originator, new.marking, new.releasable_to);
        end if;
        return null;
      end
    $$;`);
    // Not on updates of latest_of_class itself: the function's own update does not fire it again.
    this.addSql(`create trigger "risk_assessment_latest"
      after insert or delete or update of country_code, originator, marking, releasable_to, status, period_end, created_at
      on "risk_assessment" for each row execute function risk_assessment_latest_trigger();`);
    this.addSql(`update "risk_assessment" a set latest_of_class = true from (
      select distinct on (country_code, originator, marking, releasable_to) id from risk_assessment where status = 'PUBLISHED'
      order by country_code, originator, marking, releasable_to, period_end desc, created_at desc, id asc
    ) l where a.id = l.id;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger "risk_assessment_latest" on "risk_assessment";`);
    this.addSql(`drop function "risk_assessment_latest_trigger"();`);
    this.addSql(`drop function "risk_assessment_refresh_latest"(text, text, text, text[]);`);
    this.addSql(`drop index "risk_assessment_published_newest_index";`);
    this.addSql(`drop index "risk_assessment_latest_of_class_index";`);
    this.addSql(`alter table "risk_assessment" drop column "latest_of_class";`);
  }
}
