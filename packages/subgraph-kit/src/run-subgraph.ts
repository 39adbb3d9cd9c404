import type { DirectoryBounds, PartnerDirectory, ServiceTokenVerifier, TokenVerifier } from "@concert/auth";
import {
  connectDatabase,
  type Database,
  type DatabaseTimeouts,
  MigrationsBehind,
  openDatabase,
  pendingMigrations,
  type StatementCounter,
} from "@concert/db";
import type { EdgeSettings } from "@concert/edge";
import { createLogger, knexPoolStats, type LogDestination, type Logger, serviceTelemetry } from "@concert/telemetry";
import type { MikroORM } from "@mikro-orm/core";
import type { PostgreSqlDriver } from "@mikro-orm/postgresql";
import { pruneChangeEntries, rebaseRestoredChangeEntries } from "./change-feed/read.js";
import { ChangeRecorder } from "./change-feed/recorder.js";
import type { ChangeFeedSettings } from "./change-feed/settings.js";
import { compiledSqlCacheStats } from "./compiled-query.js";
import { type HealthResponse, liveness, readiness } from "./health.js";
import { configureReads, DEFAULT_READ_SETTINGS, type ReadSettings } from "./read-settings.js";
import { warmReferenceCaches } from "./reference-cache.js";
import { type RunningService, startSubgraphServer } from "./server.js";
import type { SubgraphModule } from "./subgraph-module.js";
import { compactDataVersions, untilChangedCacheStats } from "./until-changed.js";

export interface SubgraphRunOptions {
  serverUrl: string;
  dbName: string;
  port: number;
  host?: string;
  verify: TokenVerifier;
  /** Verifies tokens of the service issuer (Concert's own parts, e.g. the alerts worker). */
  verifyService?: ServiceTokenVerifier;
  /** Used unless the module answers from its own registry. */
  directory?: PartnerDirectory;
  development: boolean;
  /** Partner codes of the deployment's operators (configuration). */
  operators?: readonly string[];
  /** Freshness and outage bounds of the registry copy the subgraph that owns it keeps. */
  directoryBounds?: DirectoryBounds;
  /** The longest token lifetime accepted (CONCERT_MAX_TOKEN_LIFETIME_SECONDS): the registry's owner prunes older revocations. */
  maxTokenLifetimeSeconds?: number;
  databaseTimeouts?: DatabaseTimeouts;
  /** See `SubgraphServerOptions.inlineTracing`. */
  inlineTracing?: boolean;
  /**
   * "migrate" (the default, for tests): create, migrate and seed the database here.
   * "verify" (`npm run serve`): `npm run migrate` did that; refuse to serve if its migrations are behind.
   */
  database?: "migrate" | "verify";
  /** With "migrate": seed the flagged demo data too. */
  demoData?: boolean;
  edge: EdgeSettings;
  /** Where the log lines go; stdout when absent. */
  logDestination?: LogDestination;
  /** LOG_LEVEL; info when absent. */
  logLevel?: string;
  /** CONCERT_SQL_LOG: log every SQL statement. */
  sqlLog?: boolean;
  /** See `SubgraphServerOptions.metricsRoute`. */
  metricsRoute?: boolean;
  /** The change feed's cursor key and retention; required when the module has a change feed. */
  changeFeed?: ChangeFeedSettings;
  /** The read path's cache size and reference-data refresh bound; `DEFAULT_READ_SETTINGS` when absent. */
  reads?: ReadSettings;
  /** Work the part does besides serving (the alerts worker), started once it serves and stopped before it. */
  background?: (orm: MikroORM<PostgreSqlDriver>, logger: Logger) => Promise<{ stop(): Promise<void> }>;
}

export interface RunningSubgraph extends RunningService {
  statements: StatementCounter;
  /** `GET /healthz`. */
  live(): HealthResponse;
  /** `GET /readyz`: database reachable, migrations current, partner registry loaded. */
  ready(): Promise<HealthResponse>;
}

/** Remembers whether the registry has answered once: until then the subgraph cannot check any caller. */
function trackLoaded(directory: PartnerDirectory): { directory: PartnerDirectory; loaded: () => Promise<void> } {
  let loaded = false;
  const tracked: PartnerDirectory = {
    async lookup(code, deadline) {
      const entry = await directory.lookup(code, deadline);
      loaded = true;
      return entry;
    },
    revokedAt: (partner, subject, deadline) => directory.revokedAt(partner, subject, deadline),
    unknownAudience: (codes) => directory.unknownAudience(codes),
    activePartners: () => directory.activePartners(),
  };
  return {
    directory: tracked,
    loaded: async () => {
      if (loaded) return;
      // Any code will do: an unknown one answers null once the registry is there, and throws while it is not.
      await tracked.lookup("");
    },
  };
}

/** The flush listeners of a subgraph's database: its change feed's recorder, if it has a feed. */
export function changeSubscribers(module: SubgraphModule): ChangeRecorder[] {
  return module.changeFeed ? [new ChangeRecorder(module.changeFeed)] : [];
}

/** How often entries older than the retention are removed. */
const PRUNE_INTERVAL_MS = 60 * 60_000;

/** Rebases a restored change feed, prunes it and compacts the data versions, now and then every hour, until stopped. */
function pruneChanges(db: Database, settings: ChangeFeedSettings, onError: (err: unknown) => void): () => void {
  const prune = () =>
    rebaseRestoredChangeEntries(db.orm.em.fork())
      .then(() => pruneChangeEntries(db.orm.em.fork(), settings.retentionDays))
      .then(() => compactDataVersions(db.orm.em.fork()))
      .catch(onError);
  void prune();
  const timer = setInterval(prune, PRUNE_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

async function openSubgraphDatabase(
  module: SubgraphModule,
  options: SubgraphRunOptions,
  loggerFactory: ReturnType<typeof serviceTelemetry>["ormLoggerFactory"],
): Promise<Database> {
  const dbOptions = {
    serverUrl: options.serverUrl,
    dbName: options.dbName,
    entities: module.entities,
    migrationsPath: module.migrationsPath,
    timeouts: options.databaseTimeouts,
    loggerFactory,
    subscribers: changeSubscribers(module),
    sqlLog: options.sqlLog,
  };
  if (options.database !== "verify") {
    const db = await openDatabase(dbOptions);
    try {
      await module.seed(db.orm.em.fork(), { demo: options.demoData ?? false });
    } catch (err) {
      await db.close();
      throw err;
    }
    return db;
  }
  const db = await connectDatabase(dbOptions);
  const pending = await pendingMigrations(db.orm).catch(async (err) => {
    await db.close();
    throw err;
  });
  if (pending.length > 0) {
    await db.close();
    throw new MigrationsBehind(options.dbName, pending);
  }
  return db;
}

/** Opens the subgraph's database (migrating and seeding it, or checking that it is current) and serves it. */
export async function runSubgraph(module: SubgraphModule, options: SubgraphRunOptions): Promise<RunningSubgraph> {
  const logger = options.logDestination
    ? createLogger({ service: module.name, destination: options.logDestination, level: options.logLevel })
    : undefined;
  const telemetry = serviceTelemetry({ service: module.name, development: options.development, logLevel: options.logLevel, logger });
  if (module.changeFeed && !options.changeFeed) throw new Error(`${module.name}: no change-feed settings configured`);
  const db = await openSubgraphDatabase(module, options, telemetry.ormLoggerFactory);
  configureReads(db.orm.getMetadata(), options.reads ?? DEFAULT_READ_SETTINGS);
  telemetry.metrics.trackPool(knexPoolStats(db.orm.em.getConnection().getKnex()));
  telemetry.metrics.trackSqlCache(compiledSqlCacheStats);
  telemetry.metrics.trackUntilChangedCache(untilChangedCacheStats);
  try {
    // Immutable reference data, read once before the first request (see `referenceCache`).
    await warmReferenceCaches(db.orm.em.fork(), module.entities);
    const local = module.localDirectory?.(db.orm, options.directoryBounds, options.maxTokenLifetimeSeconds);
    const source = local ?? options.directory;
    if (!source) throw new Error(`${module.name}: no partner directory configured`);
    const { directory, loaded } = trackLoaded(source);
    // Load the registry now, not at the first signed-in request or probe: a copy taken while engagements is up
    // is what keeps this subgraph checking callers (and ready) through a later engagements outage.
    loaded().catch(() => {});
    // Built before the server, so that the HTTP front can answer /readyz from its first request.
    const ready = () =>
      readiness({
        database: async () => {
          await db.orm.em.getConnection().execute("select 1");
        },
        migrations: async () => {
          const pending = await pendingMigrations(db.orm);
          if (pending.length > 0) throw new MigrationsBehind(options.dbName, pending);
        },
        registry: loaded,
      });
    const service = await startSubgraphServer({
      name: module.name,
      schema: await module.buildSchema(),
      orm: db.orm,
      verify: options.verify,
      verifyService: options.verifyService,
      directory,
      port: options.port,
      host: options.host,
      development: options.development,
      operators: options.operators,
      inlineTracing: options.inlineTracing,
      edge: options.edge,
      health: { live: liveness, ready },
      telemetry,
      metricsRoute: options.metricsRoute,
      changeFeed: options.changeFeed,
    });
    const stopPruning =
      module.changeFeed && options.changeFeed
        ? pruneChanges(db, options.changeFeed, (err) => telemetry.logger.error({ err }, "pruning the change feed failed"))
        : () => {};
    const background = await options.background?.(db.orm, telemetry.logger).catch(async (err) => {
      await service.stop();
      throw err;
    });
    db.statements.reset();
    return {
      ...service,
      statements: db.statements,
      live: liveness,
      ready,
      stop: async () => {
        stopPruning();
        await background?.stop();
        await service.stop();
        local?.close();
        await db.close();
      },
    };
  } catch (err) {
    await db.close();
    throw err;
  }
}
