import { Migration } from "@mikro-orm/migrations";

/**
 * `latest_of_mission`: true for the snapshots of each mission's latest month (its greatest `month`). A trigger keeps it
 * in every write's own transaction, whatever writes (mutations, seeds, bulk inserts, an operator's deletes); the
 * backfill sets it for the rows already there. Gaps, contributions and `latestDeploymentMonth` read the flagged rows
 * through the partial indexes instead of finding each mission's latest month over all its months.
 */
export class Migration20261130020453 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "deployment_snapshot" add column "latest_of_mission" boolean not null default false;`);
    this.addSql(
      `create index "deployment_snapshot_latest_by_contributor_index" on "deployment_snapshot" ("contributor") where "latest_of_mission";`,
    );
    this.addSql(
      `create index "deployment_snapshot_latest_of_mission_index" on "deployment_snapshot" ("mission_acronym", "month") where "latest_of_mission";`,
    );
    // Recomputes one mission's flags, touching only the rows whose flag changes: those of the month flagged until now
    // and those of the latest month (the unique key's index finds the latest month and its rows, the partial index the
    // flagged ones). Writers of one mission take turns (a transaction-scoped advisory lock), each statement after the
    // lock seeing the other's committed rows: two new months written at once cannot both stay flagged.
    this.addSql(`create function "deployment_snapshot_refresh_latest"(m text) returns void language plpgsql as $$
      declare
        latest text;
      begin
        perform pg_advisory_xact_lock(hashtextextended('deployment_snapshot_latest:' || m, 0));
        select max(s.month) into latest from deployment_snapshot s where s.mission_acronym = m;
        update deployment_snapshot d set latest_of_mission = (d.month = latest)
        where d.mission_acronym = m and (d.latest_of_mission or d.month = latest)
          and d.latest_of_mission is distinct from (d.month = latest);
      end
    $$;`);
    this.addSql(`create function "deployment_snapshot_latest_trigger"() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          perform deployment_snapshot_refresh_latest(old.mission_acronym);
        end if;
        if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.mission_acronym is distinct from old.mission_acronym) then
          perform deployment_snapshot_refresh_latest(new.mission_acronym);
        end if;
        return null;
      end
    $$;`);
    // Not on updates of latest_of_mission itself: the function's own update does not fire it again. A mission's
    // renamed acronym reaches its snapshots by the foreign key's cascade, an update of mission_acronym.
    this.addSql(`create trigger "deployment_snapshot_latest"
      after insert or delete or update of mission_acronym, month
      on "deployment_snapshot" for each row execute function deployment_snapshot_latest_trigger();`);
    this.addSql(`update "deployment_snapshot" d set latest_of_mission = true from (
      select mission_acronym, max(month) as month from deployment_snapshot group by mission_acronym
    ) l where d.mission_acronym = l.mission_acronym and d.month = l.month;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger "deployment_snapshot_latest" on "deployment_snapshot";`);
    this.addSql(`drop function "deployment_snapshot_latest_trigger"();`);
    this.addSql(`drop function "deployment_snapshot_refresh_latest"(text);`);
    this.addSql(`drop index "deployment_snapshot_latest_of_mission_index";`);
    this.addSql(`drop index "deployment_snapshot_latest_by_contributor_index";`);
    this.addSql(`alter table "deployment_snapshot" drop column "latest_of_mission";`);
  }
}
