import { dataVersionTriggersSql, dropDataVersionTriggersSql } from "@concert/subgraph-kit/reads";
import { Migration } from "@mikro-orm/migrations";

/**
 * Every write to the assessments moves their data version, `assessments`; every write to the watchlists or their
 * entries moves `watchlists`: the latest assessments and watchlist entries kept until then are read again.
 */
export class Migration20261207233000 extends Migration {
  override async up(): Promise<void> {
    for (const sql of dataVersionTriggersSql("assessments", ["risk_assessment"])) this.addSql(sql);
    for (const sql of dataVersionTriggersSql("watchlists", ["watchlist", "watchlist_entry"])) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of dropDataVersionTriggersSql("assessments", ["risk_assessment"])) this.addSql(sql);
    for (const sql of dropDataVersionTriggersSql("watchlists", ["watchlist", "watchlist_entry"])) this.addSql(sql);
  }
}
