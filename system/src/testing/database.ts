import { type Database, dropDatabase, openDatabase } from "@concert/db";
import type { SubgraphName } from "../config/index.js";
import { SUBGRAPHS } from "../subgraphs.js";
import type { Hooks } from "./system.js";

/** One subgraph's database for a test file that reads it without the service: its entities, seeded. */
export interface TestDatabase {
  /** The open database; usable inside tests and hooks. */
  readonly db: Database;
  /** The subgraph's entity class named `name` (its classes are not exported one by one). */
  entity<T>(name: string): new () => T;
}

let made = 0;

/**
 * A database of subgraph `name`, migrated and seeded (`demo`: with the demo data) in a `beforeAll` and dropped in an
 * `afterAll` that this call registers, on the server of DATABASE_URL.
 */
export function useSubgraphDatabase(name: SubgraphName, seed: { demo: boolean }): TestDatabase {
  const { beforeAll, afterAll } = globalThis as unknown as Hooks;
  const module = SUBGRAPHS[name];
  const serverUrl = process.env.DATABASE_URL!;
  const dbName = `u${process.pid}_${name}_db${++made}`;
  let db: Database | undefined;
  beforeAll(async () => {
    db = await openDatabase({ serverUrl, dbName, entities: module.entities, migrationsPath: module.migrationsPath });
    await module.seed(db.orm.em.fork(), seed);
  });
  afterAll(async () => {
    await db?.close();
    await dropDatabase(serverUrl, dbName);
  });
  return {
    get db() {
      if (!db) throw new Error("the test database opens in beforeAll: use it inside a test or a hook");
      return db;
    },
    entity<T>(entityName: string) {
      const found = module.entities.find((e) => (e as { name?: string }).name === entityName);
      if (!found) throw new Error(`${name} has no entity ${entityName}`);
      return found as new () => T;
    },
  };
}
