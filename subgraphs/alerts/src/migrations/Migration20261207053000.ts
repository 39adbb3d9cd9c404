import { Migration } from "@mikro-orm/migrations";

/** The rotation and readiness kinds (issue 27) and the forecast kinds (issue 26) were added side by side: allow all of them. */
export class Migration20261207053000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "alert_rule" drop constraint if exists "alert_rule_kind_check";`);
    this.addSql(
      `alter table "alert_rule" add constraint "alert_rule_kind_check" check("kind" in ('ASSESSMENT_LEVEL', 'ASSESSMENT_DIVERGENCE', 'PLEDGE_STATUS', 'MISSION_GAP', 'PRACTICE_THEME', 'ROTATION_UNCOVERED', 'READINESS_STALLED', 'FORECAST_RISE', 'CROWD_FORECAST'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "alert_rule" drop constraint if exists "alert_rule_kind_check";`);
    this.addSql(
      `alter table "alert_rule" add constraint "alert_rule_kind_check" check("kind" in ('ASSESSMENT_LEVEL', 'ASSESSMENT_DIVERGENCE', 'PLEDGE_STATUS', 'MISSION_GAP', 'PRACTICE_THEME', 'FORECAST_RISE', 'CROWD_FORECAST'));`,
    );
  }
}
