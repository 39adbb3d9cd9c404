import { migrateDatabase, withMigrationLock } from "@concert/db";
import { type Database, SUBGRAPH_NAMES, type SubgraphName } from "./config/index.js";
import { SUBGRAPHS } from "./subgraphs.js";

/**
 * Migrates and seeds the given subgraphs' databases, one server's at a time under its migration
 * lock: replicas running this together wait for each other, and the later ones find nothing to do.
 * Returns the migrations applied, by subgraph.
 */
export async function migrateAll(
  databases: Partial<Record<SubgraphName, Database>>,
  options: { demoData: boolean },
): Promise<Partial<Record<SubgraphName, string[]>>> {
  const byServer = new Map<string, SubgraphName[]>();
  for (const name of SUBGRAPH_NAMES) {
    const db = databases[name];
    if (db) byServer.set(db.serverUrl, [...(byServer.get(db.serverUrl) ?? []), name]);
  }
  const applied: Partial<Record<SubgraphName, string[]>> = {};
  for (const [serverUrl, names] of byServer) {
    await withMigrationLock(serverUrl, async () => {
      for (const name of names) {
        const module = SUBGRAPHS[name];
        applied[name] = await migrateDatabase({
          serverUrl,
          dbName: databases[name]!.dbName,
          entities: module.entities,
          migrationsPath: module.migrationsPath,
          seed: (em) => module.seed(em, { demo: options.demoData }),
        });
      }
    });
  }
  return applied;
}
