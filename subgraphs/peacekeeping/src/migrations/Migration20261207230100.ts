import { dataVersionTriggersSql, dropDataVersionTriggersSql } from "@concert/subgraph-kit/reads";
import { Migration } from "@mikro-orm/migrations";

const TABLES = ["pledge", "pledge_caveat"];

/** Every write to the pledges or their caveats moves their data version, `pledges`: totals and counts kept until then are read again. */
export class Migration20261207230100 extends Migration {
  override async up(): Promise<void> {
    for (const sql of dataVersionTriggersSql("pledges", TABLES)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of dropDataVersionTriggersSql("pledges", TABLES)) this.addSql(sql);
  }
}
