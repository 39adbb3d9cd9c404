import { join } from "node:path";
import { Migration } from "@concert/db";

/**
 * A migration of a table the kit owns (`audit_entry`, `change_entry`, `change_feed_epoch`), run in every subgraph
 * database that has them, before the subgraph's own migrations. Until release 159f8da each subgraph created and changed
 * these tables in its own migrations: a migration of that time applies only where its change is missing (`unless`), so
 * a database made then adopts it without running it again, and a new database runs it.
 */
export abstract class KitMigration extends Migration {
  /** True when the table exists (in the migration's transaction). */
  protected async hasTable(table: string): Promise<boolean> {
    const rows = await this.execute("select to_regclass(?) is not null as present", [`"${table}"`]);
    return rows[0]?.present === true;
  }

  /** True when the table has the column. */
  protected async hasColumn(table: string, column: string): Promise<boolean> {
    const rows = await this.execute(
      "select exists (select 1 from information_schema.columns where table_schema = current_schema() and table_name = ? and column_name = ?) as present",
      [table, column],
    );
    return rows[0]?.present === true;
  }
}

/**
 * Folder of the compiled migrations of the tables the kit owns (`audit_entry`, `change_entry`, `change_feed_epoch`):
 * a change to them is one migration here, applied to every subgraph database that lists this folder.
 */
export const KIT_MIGRATIONS_PATH = join(__dirname, "migrations");

/**
 * The migration folders of a subgraph whose database holds the kit's tables: the kit's first, then its own
 * (`migrationsPath` of its `SubgraphModule`).
 */
export function withKitMigrations(ownMigrationsPath: string): readonly string[] {
  return [KIT_MIGRATIONS_PATH, ownMigrationsPath];
}
