import type { PartnerDirectory, TokenVerifier } from "@concert/auth";
import { openDatabase, type StatementCounter } from "@concert/db";
import type { DirectoryBounds } from "@concert/auth";
import type { DatabaseTimeouts } from "@concert/db";
import type { EdgeSettings } from "@concert/edge";
import { createLogger, knexPoolStats, type LogDestination, serviceTelemetry } from "@concert/telemetry";
import { type RunningService, startSubgraphServer } from "./server.js";
import type { SubgraphModule } from "./subgraph-module.js";

export interface SubgraphRunOptions {
  serverUrl: string;
  dbName: string;
  port: number;
  host?: string;
  verify: TokenVerifier;
  /** Used unless the module answers from its own registry. */
  directory?: PartnerDirectory;
  development: boolean;
  /** Partner codes of the deployment's operators (configuration). */
  operators?: readonly string[];
  /** Freshness and outage bounds of the registry copy the subgraph that owns it keeps. */
  directoryBounds?: DirectoryBounds;
  databaseTimeouts?: DatabaseTimeouts;
  /** See `SubgraphServerOptions.inlineTracing`. */
  inlineTracing?: boolean;
  edge?: EdgeSettings;
  /** Where the log lines go; stdout when absent. */
  logDestination?: LogDestination;
  /** See `SubgraphServerOptions.metricsRoute`. */
  metricsRoute?: boolean;
}

export interface RunningSubgraph extends RunningService {
  statements: StatementCounter;
}

/** Opens the subgraph's database (migrating and seeding it) and serves it. */
export async function runSubgraph(module: SubgraphModule, options: SubgraphRunOptions): Promise<RunningSubgraph> {
  const logger = options.logDestination ? createLogger({ service: module.name, destination: options.logDestination }) : undefined;
  const telemetry = serviceTelemetry({ service: module.name, development: options.development, logger });
  const db = await openDatabase({
    serverUrl: options.serverUrl,
    dbName: options.dbName,
    entities: module.entities,
    migrationsPath: module.migrationsPath,
    timeouts: options.databaseTimeouts,
    loggerFactory: telemetry.ormLoggerFactory,
  });
  telemetry.metrics.trackPool(knexPoolStats(db.orm.em.getConnection().getKnex()));
  try {
    await module.seed(db.orm.em.fork());
    const directory = module.localDirectory?.(db.orm, options.directoryBounds) ?? options.directory;
    if (!directory) throw new Error(`${module.name}: no partner directory configured`);
    const service = await startSubgraphServer({
      name: module.name,
      schema: await module.buildSchema(),
      orm: db.orm,
      verify: options.verify,
      directory,
      port: options.port,
      host: options.host,
      development: options.development,
      operators: options.operators,
      inlineTracing: options.inlineTracing,
      edge: options.edge,
      telemetry,
      metricsRoute: options.metricsRoute,
    });
    db.statements.reset();
    return {
      ...service,
      statements: db.statements,
      stop: async () => {
        await service.stop();
        await db.close();
      },
    };
  } catch (err) {
    await db.close();
    throw err;
  }
}
