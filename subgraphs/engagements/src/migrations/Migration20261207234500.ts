import { dataVersionTriggersSql, dropDataVersionTriggersSql } from "@concert/subgraph-kit/reads";
import { Migration } from "@mikro-orm/migrations";

/**
 * Every write to the practices moves their data version, `practices`, and every write to the engagements moves
 * `engagements`: the matches, counts and rows kept until then are read again.
 */
export class Migration20261207234500 extends Migration {
  override async up(): Promise<void> {
    for (const sql of dataVersionTriggersSql("practices", ["practice"])) this.addSql(sql);
    for (const sql of dataVersionTriggersSql("engagements", ["engagement"])) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of dropDataVersionTriggersSql("practices", ["practice"])) this.addSql(sql);
    for (const sql of dropDataVersionTriggersSql("engagements", ["engagement"])) this.addSql(sql);
  }
}
