import { readdirSync } from "node:fs";
import { join } from "node:path";
import { type Constructor, DefaultLogger, type EntityClass, type EventSubscriber, MikroORM, type Options } from "@mikro-orm/core";
import { type Migration, Migrator } from "@mikro-orm/migrations";
import { PostgreSqlDriver } from "@mikro-orm/postgresql";
import pg from "pg";
import { countingLogger, StatementCounter } from "./statement-counter.js";

export interface DatabaseOptions {
  /** Server URL without a database name. */
  serverUrl: string;
  /** Database name; created when missing. */
  dbName: string;
  entities: EntityClass<unknown>[];
  /**
   * Folder holding the compiled migrations (`dist/migrations` of a subgraph), or several, applied in their order (the
   * kit's migrations of the tables it owns, then the subgraph's: `withKitMigrations`). Names are unique across them.
   */
  migrationsPath: string | readonly string[];
  timeouts?: DatabaseTimeouts;
  /** The ORM's logger (e.g. one writing to pino); MikroORM's default when absent. Statements are counted either way. */
  loggerFactory?: Options["loggerFactory"];
  /** Listeners of every flush, e.g. the change feed's recorder, which writes in the flush's transaction. */
  subscribers?: EventSubscriber[];
  /** CONCERT_SQL_LOG: log every statement. */
  sqlLog?: boolean;
}

/** How long one SQL statement may run, and how long a request may wait for a pooled connection. */
export interface DatabaseTimeouts {
  /** PostgreSQL `statement_timeout` of every connection (CONCERT_DB_STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs: number;
  /** Pool acquire timeout (CONCERT_DB_ACQUIRE_TIMEOUT_MS). */
  acquireTimeoutMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = { statementTimeoutMs: 15_000, acquireTimeoutMs: 10_000 };

export interface Database {
  orm: MikroORM<PostgreSqlDriver>;
  statements: StatementCounter;
  close(): Promise<void>;
}

export function databaseUrl(serverUrl: string, dbName: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  return url.toString();
}

/** Runs `work` with a plain client connected to one database of the server, and disconnects. */
export async function withDatabaseClient<T>(serverUrl: string, dbName: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, dbName) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the database on the server unless it exists. */
export async function ensureDatabase(serverUrl: string, dbName: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(dbName)) throw new Error(`invalid database name ${dbName}`);
  await withDatabaseClient(serverUrl, "postgres", async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [dbName]);
    if (rowCount) return;
    try {
      await client.query(`CREATE DATABASE "${dbName}"`);
    } catch (err) {
      // Another service may have created it between the check and the create.
      if ((err as { code?: string }).code !== "42P04") throw err;
    }
  });
}

export async function dropDatabase(serverUrl: string, dbName: string): Promise<void> {
  await withDatabaseClient(serverUrl, "postgres", (client) => client.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));
}

export function ormOptions(options: DatabaseOptions, statements: StatementCounter): Options<PostgreSqlDriver> {
  const timeouts = options.timeouts ?? DEFAULT_DATABASE_TIMEOUTS;
  return {
    driver: PostgreSqlDriver,
    clientUrl: databaseUrl(options.serverUrl, options.dbName),
    entities: options.entities,
    subscribers: options.subscribers ?? [],
    extensions: [Migrator],
    migrations: {
      ...(typeof options.migrationsPath === "string"
        ? { path: options.migrationsPath }
        : { path: options.migrationsPath.at(-1), migrationsList: migrationsIn(options.migrationsPath) }),
      glob: "!(*.d).js",
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
      emit: "ts",
    },
    pool: { min: 0, max: 10, acquireTimeoutMillis: timeouts.acquireTimeoutMs },
    driverOptions: { connection: { statement_timeout: timeouts.statementTimeoutMs } },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    ignoreUndefinedInQuery: true,
    loggerFactory: (loggerOptions) =>
      countingLogger(options.loggerFactory?.(loggerOptions) ?? new DefaultLogger(loggerOptions), statements),
    debug: options.sqlLog === true,
  };
}

/** The migrations of the folders, in the folders' order and by name within each (as MikroORM orders one folder). */
function migrationsIn(folders: readonly string[]): { name: string; class: Constructor<Migration> }[] {
  return folders.flatMap((folder) =>
    readdirSync(folder)
      .filter((file) => /^[^.]+\.js$/.test(file))
      .sort()
      .map((file) => {
        const exported: Record<string, unknown> = require(join(folder, file));
        const migration = Object.values(exported).find((value) => typeof value === "function") as Constructor<Migration>;
        return { name: file.slice(0, -".js".length), class: migration };
      }),
  );
}

/** Creates the database if needed, connects, and applies pending migrations. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  await ensureDatabase(options.serverUrl, options.dbName);
  const statements = new StatementCounter();
  const orm = await MikroORM.init(ormOptions(options, statements));
  await orm.getMigrator().up();
  return { orm, statements, close: () => orm.close(true) };
}
