import { join } from "node:path";
import type { AlertsWorker } from "@concert/alerts";
import {
  createServiceTokenVerifier,
  createTokenVerifier,
  remoteDirectory,
  serviceIssuerKeys,
  systemIssuers,
  type TrustedIssuer,
} from "@concert/auth";
import { databaseServer } from "@concert/db";
import { SessionStore, startGateway } from "@concert/gateway";
import { DEFAULT_CHANGE_FEED_RETENTION_DAYS, ensureChangeFeedKey } from "@concert/subgraph-kit/feeds";
import { DEFAULT_READ_SETTINGS } from "@concert/subgraph-kit/reads";
import { type RunningSubgraph, runSubgraph } from "@concert/subgraph-kit/server";
import { startMetricsServer } from "@concert/telemetry";
import { ensureSecretKeyFile } from "@concert/webhooks";
import { alertsWorker } from "./alerts-worker.js";
import { alertsFrom, DEFAULT_AUTHORITY } from "./config/fields.js";
import { type AuthoritySettings, CONSOLE_DIST, SUBGRAPH_NAMES, type SubgraphName, type SystemConfig } from "./config/index.js";
import { subgraphModule } from "./subgraphs.js";
import { committedSupergraph } from "./supergraph.js";

export interface RunningSystem {
  gatewayUrl: string;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  /** Server URL of the PostgreSQL server in use. */
  databaseUrl: string;
  /** The URL of `/metrics` on `METRICS_PORT`, when set. */
  metricsUrl?: string;
  /** The alerts worker, when it runs in this process (its evaluation entry point `ingest`, for tests). */
  alertsWorker?: AlertsWorker;
  /** Console sessions, when `config.console` asked for them. */
  sessions?: SessionStore;
  stop(): Promise<void>;
}

/** Who the system trusts: the token verifiers of callers and of Concert's own services, and the service issuer's keys. */
async function identityOf(config: SystemConfig, authority: AuthoritySettings, extraIssuers: TrustedIssuer[]) {
  const configured = config.identity?.issuers ?? [];
  const issuers = [...(await systemIssuers(config.dataDir, { configured, development: config.development })), ...extraIssuers];
  const verify = createTokenVerifier(issuers, { maxLifetimeSeconds: authority.maxTokenLifetimeSeconds });
  const serviceKeys = await serviceIssuerKeys(config.dataDir, {
    jwksJson: config.identity?.serviceJwks,
    privateKeyJson: config.identity?.serviceKey,
    development: config.development,
  });
  const verifyService = serviceKeys ? createServiceTokenVerifier(serviceKeys) : undefined;
  return { verify, verifyService, serviceKeys };
}

/** The gateway's console settings, when `config.console` asks for the console. */
function gatewayConsole(config: SystemConfig, authority: AuthoritySettings, sessions: SessionStore | undefined) {
  return (
    config.console && {
      distDir: config.console.distDir ?? CONSOLE_DIST,
      manifests: config.console.manifests,
      sessions,
      sessionTtlSeconds: config.console.sessionTtlSeconds,
      devSignIn: config.console.devSignIn ? { dataDir: config.dataDir } : undefined,
      operators: authority.operators,
      signIn: config.console.signIn,
      publicOrigin: config.console.publicOrigin,
    }
  );
}

/** The alerts worker's background task for a subgraph (none but at alerts), unless `config.alertsWorker` is false. */
function workerOf(config: SystemConfig, name: SubgraphName, parts: Omit<Parameters<typeof alertsWorker>[1], "feedUrls">) {
  if (config.alertsWorker === false) return undefined;
  const feedUrls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, `http://127.0.0.1:${config.subgraphPorts[n]}/graphql`]));
  return alertsWorker(name, { ...parts, feedUrls });
}

/** The change feeds' cursor key and retention: configured, or a key kept in the data directory. */
function changeFeedOf(config: SystemConfig) {
  return {
    key: config.changeFeed?.key ?? ensureChangeFeedKey(config.dataDir),
    retentionDays: config.changeFeed?.retentionDays ?? DEFAULT_CHANGE_FEED_RETENTION_DAYS,
  };
}

/** The console's sessions, in this run's `gateway` database, when `config.console` asks for the console. */
async function consoleSessions(config: SystemConfig, serverUrl: string): Promise<SessionStore | undefined> {
  if (!config.console) return undefined;
  return SessionStore.open(
    { serverUrl, dbName: `${config.databasePrefix}gateway` },
    { key: ensureSecretKeyFile(join(config.dataDir, "gateway", "session-key")), migrate: true },
  );
}

/** Waits until every subgraph reports ready (its registry copy loaded), 30 seconds at most each. */
async function untilSubgraphsReady(subgraphs: Record<SubgraphName, RunningSubgraph>): Promise<void> {
  for (const name of SUBGRAPH_NAMES) {
    for (let started = Date.now(); (await subgraphs[name].ready()).status !== 200; await new Promise((r) => setTimeout(r, 50))) {
      if (Date.now() - started > 30_000) throw new Error(`${name} is not ready: ${JSON.stringify((await subgraphs[name].ready()).body)}`);
    }
  }
}

/**
 * Starts the database (unless `DATABASE_URL` names one), the three subgraphs and the gateway, all in
 * this process (the test harness; `npm start` runs each part as its own process, see supervisor.ts).
 * Whatever started is stopped again if a later step fails.
 */
export async function startSystem(
  config: SystemConfig,
  extraIssuers: TrustedIssuer[] = [],
  /** Where the gateway finds a subgraph instead of the one started here (tests point one at a server that hangs). */
  subgraphUrlOverrides: Partial<Record<SubgraphName, string>> = {},
): Promise<RunningSystem> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((err) => console.error(err));
    stops.length = 0;
  };
  try {
    const db = await databaseServer({
      databaseUrl: config.databaseUrl,
      dataDir: config.persistent ? config.dataDir : undefined,
      port: config.embeddedDatabasePort,
    });
    stops.push(db.stop);
    const authority = config.authority ?? DEFAULT_AUTHORITY;
    const { verify, verifyService, serviceKeys } = await identityOf(config, authority, extraIssuers);
    const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
    let alertsRunning: AlertsWorker | undefined;
    const directory = remoteDirectory(`http://127.0.0.1:${config.subgraphPorts.engagements}/graphql`, authority.directory);
    stops.push(async () => directory.close());
    const changeFeed = changeFeedOf(config);
    const problems: string[] = [];
    const alerts = config.alerts ?? alertsFrom({}, config, problems);
    if (!alerts) throw new Error(problems.join("; "));
    for (const name of SUBGRAPH_NAMES) {
      const dbName = `${config.databasePrefix}${name}`;
      const database = { serverUrl: db.url, dbName };
      const worker = workerOf(config, name, { database, directory, settings: alerts, serviceKey: serviceKeys?.privateKey });
      subgraphs[name] = await runSubgraph(subgraphModule(name, alerts), {
        serverUrl: db.url,
        dbName,
        port: config.subgraphPorts[name],
        verify,
        verifyService,
        directory,
        background: worker ? async (orm, logger) => (alertsRunning = await worker(orm, logger)) : undefined,
        development: config.development,
        // In one process the system serves tests, which read the demo data.
        demoData: true,
        operators: authority.operators,
        directoryBounds: authority.directory,
        maxTokenLifetimeSeconds: authority.maxTokenLifetimeSeconds,
        databaseTimeouts: authority.database,
        edge: config.edge,
        logDestination: config.logDestination,
        logLevel: config.logLevel,
        sqlLog: config.sqlLog,
        metricsRoute: config.metricsPort === undefined,
        changeFeed,
        reads: { ...DEFAULT_READ_SETTINGS, ...config.reads },
      });
      stops.push(subgraphs[name].stop);
    }
    const sessions = await consoleSessions(config, db.url);
    if (sessions) stops.push(() => sessions.close());
    const gateway = await startGateway({
      supergraphSdl: committedSupergraph(),
      subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, subgraphUrlOverrides[n] ?? subgraphs[n].url])),
      verify,
      directory,
      port: config.gatewayPort,
      development: config.development,
      edge: config.edge,
      logDestination: config.logDestination,
      logLevel: config.logLevel,
      metricsRoute: config.metricsPort === undefined,
      console: gatewayConsole(config, authority, sessions),
    });
    stops.push(gateway.stop);
    // Ready means ready: no part answers its first request before its copy of the registry has loaded.
    await directory.activePartners();
    await untilSubgraphsReady(subgraphs);
    // One process, one registry: the metrics of every service started here, on one port.
    const metrics =
      config.metricsPort === undefined ? undefined : await startMetricsServer({ port: config.metricsPort, host: config.metricsHost });
    if (metrics) stops.push(metrics.stop);
    return {
      gatewayUrl: gateway.url,
      subgraphs,
      databaseUrl: db.url,
      metricsUrl: metrics?.url,
      alertsWorker: alertsRunning,
      sessions,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
