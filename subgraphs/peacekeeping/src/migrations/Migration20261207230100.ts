import { dataVersionTriggersSql, dropDataVersionTriggersSql } from "@concert/subgraph-kit/reads";
import { Migration } from "@mikro-orm/migrations";

const TABLES = ["pledge", "pledge_caveat"];

/** Every write to the pledges or their caveats moves the pledge totals' data version (kept totals are read again). */
export class Migration20261207230100 extends Migration {
  override async up(): Promise<void> {
    for (const sql of dataVersionTriggersSql("pledge_totals", TABLES)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of dropDataVersionTriggersSql("pledge_totals", TABLES)) this.addSql(sql);
  }
}
