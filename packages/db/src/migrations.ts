import { MikroORM } from "@mikro-orm/core";
import type { EntityManager, PostgreSqlDriver } from "@mikro-orm/postgresql";
import { type Database, type DatabaseOptions, ensureDatabase, ormOptions, withDatabaseClient } from "./open-database.js";
import { StatementCounter } from "./statement-counter.js";

/** Key of the advisory lock that serialises every `npm run migrate` on a server ("concert" in ASCII). */
const MIGRATION_LOCK = "27991888162140788";

/** A database URL split into the server URL (no database name) and the database name. */
export function splitDatabaseUrl(url: string): { serverUrl: string; dbName: string } {
  const parsed = new URL(url);
  const dbName = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  parsed.pathname = "/";
  return { serverUrl: parsed.toString().replace(/\/$/, ""), dbName };
}

/**
 * Runs `work` while holding the migration lock, taken in the server's `postgres` database so that
 * creating the databases is serialised too. Replicas that start together wait for each other here.
 */
export async function withMigrationLock<T>(serverUrl: string, work: () => Promise<T>): Promise<T> {
  return withDatabaseClient(serverUrl, "postgres", async (client) => {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      return await work();
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  });
}

/** Names of the migrations not yet applied to the ORM's database. */
export async function pendingMigrations(orm: MikroORM<PostgreSqlDriver>): Promise<string[]> {
  return (await orm.getMigrator().getPendingMigrations()).map((m) => m.name);
}

/** Thrown when a service in production mode finds its database behind its code. */
export class MigrationsBehind extends Error {
  constructor(
    readonly dbName: string,
    readonly pending: string[],
  ) {
    super(
      `database "${dbName}" is behind: ${pending.length} migration(s) not applied (${pending.join(", ")}); run \`npm run migrate\` first`,
    );
  }
}

/** Connects to an existing database without creating or migrating anything. */
export async function connectDatabase(options: DatabaseOptions): Promise<Database> {
  const statements = new StatementCounter();
  const orm = await MikroORM.init(ormOptions(options, statements));
  return { orm, statements, close: () => orm.close(true) };
}

/**
 * Creates the database if it is missing (only then: a managed server may forbid `CREATE DATABASE`),
 * applies its pending migrations and seeds it. Call it inside `withMigrationLock`.
 * Returns the names of the migrations applied.
 */
export async function migrateDatabase(options: DatabaseOptions & { seed?: (em: EntityManager) => Promise<void> }): Promise<string[]> {
  await ensureDatabase(options.serverUrl, options.dbName);
  const db = await connectDatabase(options);
  try {
    const applied = await db.orm.getMigrator().up();
    if (options.seed) await options.seed(db.orm.em.fork());
    return applied.map((m) => m.name);
  } finally {
    await db.close();
  }
}
