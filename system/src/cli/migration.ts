import "reflect-metadata";
import { resolve } from "node:path";
import { openDatabase, startEmbeddedPostgres } from "@concert/db";
import { SUBGRAPH_NAMES, type SubgraphName } from "../config/index.js";
import { SUBGRAPHS } from "../subgraphs.js";

/**
 * `npm run migration -- <subgraph>`: applies the existing migrations to a throwaway database and
 * writes a new migration for whatever the entities add, into the subgraph's src/migrations.
 */
async function main(): Promise<void> {
  const name = process.argv[2] as SubgraphName;
  if (!SUBGRAPH_NAMES.includes(name)) throw new Error(`usage: npm run migration -- <${SUBGRAPH_NAMES.join("|")}>`);
  const module = SUBGRAPHS[name];
  const pg = await startEmbeddedPostgres();
  try {
    const db = await openDatabase({ serverUrl: pg.url, dbName: name, entities: module.entities, migrationsPath: module.migrationsPath });
    try {
      // The subgraph's own folder (the last: the kit's migrations, when listed, come first and are written in the kit).
      const target = resolve([module.migrationsPath].flat().at(-1)!, "../../src/migrations");
      const result = await db.orm.getMigrator().createMigration(target);
      console.log(result.fileName ? `Wrote ${target}/${result.fileName}` : "No changes: the entities match the migrations.");
    } finally {
      await db.close();
    }
  } finally {
    await pg.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
