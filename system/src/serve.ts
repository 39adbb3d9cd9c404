import {
  createServiceTokenVerifier,
  createTokenVerifier,
  type PartnerDirectory,
  remoteDirectory,
  serviceIssuerKeys,
  signDevToken,
  signIssuerToken,
  signServiceToken,
  systemIssuers,
  type TokenVerifier,
} from "@concert/auth";
import { type ExchangeKeySettings, startExchange } from "@concert/exchange";
import { SessionStore, startGateway } from "@concert/gateway";
import { EXCHANGE_KEY_ROLE, EXCHANGE_KEY_SUBJECT_PREFIX } from "@concert/policy";
import { type HealthResponse, liveness, type RunningSubgraph, readiness, runSubgraph } from "@concert/subgraph-kit/server";
import { startMetricsServer } from "@concert/telemetry";
import { alertsWorker } from "./alerts-worker.js";
import { type ServiceSettings, SUBGRAPH_NAMES } from "./config/index.js";
import { migrateAll } from "./migrate.js";
import { subgraphModule } from "./subgraphs.js";
import { committedSupergraph } from "./supergraph.js";

export interface RunningPart {
  url: string;
  /** `GET /healthz`. */
  live(): HealthResponse;
  /** `GET /readyz`. */
  ready(): Promise<HealthResponse>;
  stop(): Promise<void>;
  /** A subgraph's count of the SQL statements it sent (the bench reads it). */
  statements?: RunningSubgraph["statements"];
}

/** `/readyz` next to a subgraph's `/graphql`. */
function readyzUrl(graphqlUrl: string): string {
  return new URL("/readyz", graphqlUrl).toString();
}

/**
 * The gateway plans against the committed supergraph, so once started it can plan and serve: it stays
 * ready while a subgraph is down, and its body names that subgraph. It is not ready until its copy of the
 * partner registry has loaded once: before that it could check no signed-in caller.
 */
export function gatewayReadiness(
  subgraphUrls: Record<string, string>,
  directory: PartnerDirectory,
  sessions?: SessionStore,
): () => Promise<HealthResponse> {
  let loaded = false;
  const load = async () => {
    await directory.activePartners();
    loaded = true;
  };
  // Loaded now, not at the first probe: a copy taken while engagements is up keeps the gateway ready through a later outage.
  load().catch(() => {});
  const registry = async () => {
    if (!loaded) await load();
  };
  // Console sessions' database: informational, since Bearer callers never need it (docs/operations.md).
  const sessionCheck = sessions ? [["sessions", { informational: true, check: () => sessions.check() }] as const] : [];
  return () =>
    readiness({
      registry,
      ...Object.fromEntries([
        ...sessionCheck,
        ...Object.entries(subgraphUrls).map(([name, url]) => [
          name,
          {
            informational: true,
            check: async () => {
              const response = await fetch(readyzUrl(url));
              if (!response.ok) throw new Error(`not ready (HTTP ${response.status})`);
            },
          },
        ]),
      ]),
    });
}

/**
 * How the exchange turns exchange keys into identities: in development with the development issuer and service key
 * of the data dir; in production with CONCERT_SERVICE_KEY and its own issuer (EXCHANGE_ISSUER, EXCHANGE_ISSUER_KEY),
 * which the deployment trusts in CONCERT_ISSUERS. Without them, keys are refused and Bearer tokens still work.
 */
export function exchangeKeySettings(settings: ServiceSettings): ExchangeKeySettings | undefined {
  const engagementsUrl = settings.urls.engagements;
  if (!engagementsUrl) return undefined;
  const subject = (keyId: string) => `${EXCHANGE_KEY_SUBJECT_PREFIX}${keyId}`;
  const request = (partner: string, keyId: string) => ({ partner, roles: [EXCHANGE_KEY_ROLE], subject: subject(keyId), ttl: "5m" });
  if (settings.development) {
    return {
      engagementsUrl,
      serviceToken: () => signServiceToken(settings.dataDir, "exchange"),
      partnerToken: (partner, keyId) => signDevToken(settings.dataDir, request(partner, keyId)),
    };
  }
  const { serviceKey } = settings.identity;
  const issuer = settings.exchangeIssuer;
  if (!serviceKey || !issuer) return undefined;
  return {
    engagementsUrl,
    serviceToken: () => signServiceToken(JSON.parse(serviceKey), "exchange"),
    partnerToken: (partner, keyId) => signIssuerToken(JSON.parse(issuer.key), issuer.issuer, request(partner, keyId)),
    partners: issuer.partners,
  };
}

/** Starts one part of the system as `npm run serve` does, from its settings. */
export async function startPart(settings: ServiceSettings): Promise<RunningPart> {
  const part = await startService(settings);
  if (settings.metricsPort === undefined) return part;
  const metrics = await startMetricsServer({ port: settings.metricsPort, host: settings.metricsHost }).catch(async (err) => {
    await part.stop();
    throw err;
  });
  return {
    ...part,
    stop: async () => {
      await part.stop();
      await metrics.stop();
    },
  };
}

/** The exchange, ready when its own readiness probe answers. */
async function startExchangePart(settings: ServiceSettings): Promise<RunningPart> {
  const exchange = await startExchange({
    gatewayUrl: settings.gatewayUrl!,
    port: settings.port,
    host: settings.host || "0.0.0.0",
    development: settings.development,
    logLevel: settings.logLevel,
    keys: exchangeKeySettings(settings),
  });
  const ready = async (): Promise<HealthResponse> => {
    const response = await fetch(`${exchange.url}/readyz`).catch(() => null);
    return response?.ok ? { status: 200, body: { status: "ok" } } : { status: 503, body: { status: "unavailable" } };
  };
  return { url: exchange.discoveryUrl, stop: exchange.stop, live: liveness, ready };
}

/** The gateway, with the console's sessions when a database for them is set. */
async function startGatewayPart(settings: ServiceSettings, verify: TokenVerifier, metricsRoute: boolean): Promise<RunningPart> {
  const { authority } = settings;
  const registry = settings.urls.engagements;
  const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, settings.urls[n]!]));
  const consoleSettings = settings.console!;
  // In development the gateway brings its database up to date itself; in production that is `npm run migrate`'s job.
  const sessions = consoleSettings.database
    ? await SessionStore.open(consoleSettings.database, {
        key: consoleSettings.sessionKey!,
        migrate: settings.development,
        timeouts: authority.database,
      })
    : undefined;
  const directory = remoteDirectory(registry!, authority.directory);
  const ready = gatewayReadiness(subgraphUrls, directory, sessions);
  const gateway = await startGateway({
    supergraphSdl: committedSupergraph(),
    subgraphUrls,
    verify,
    directory,
    port: settings.port,
    host: settings.host,
    development: settings.development,
    edge: settings.edge,
    ide: settings.ide,
    logLevel: settings.logLevel,
    health: { live: liveness, ready },
    metricsRoute,
    console: {
      distDir: consoleSettings.distDir,
      sessions,
      sessionTtlSeconds: consoleSettings.sessionTtlSeconds,
      devSignIn: consoleSettings.devSignIn ? { dataDir: settings.dataDir } : undefined,
      operators: authority.operators,
      signIn: consoleSettings.signIn,
      publicOrigin: consoleSettings.publicOrigin,
    },
  }).catch(async (err) => {
    await sessions?.close();
    throw err;
  });
  const stop = async () => {
    await gateway.stop();
    await sessions?.close();
  };
  return { url: gateway.url, stop, live: liveness, ready };
}

async function startService(settings: ServiceSettings): Promise<RunningPart> {
  const metricsRoute = settings.metricsPort === undefined && settings.publicMetrics;
  const { authority } = settings;
  const verify = createTokenVerifier(
    await systemIssuers(settings.dataDir, { configured: settings.identity.issuers, development: settings.development }),
    {
      maxLifetimeSeconds: authority.maxTokenLifetimeSeconds,
    },
  );
  const registry = settings.urls.engagements;
  if (settings.name === "exchange") return startExchangePart(settings);
  if (settings.name === "gateway") return startGatewayPart(settings, verify, metricsRoute);
  const database = settings.database!;
  // In development a part started by hand brings its database up to date itself; in production
  // that is `npm run migrate`'s job, and a database left behind is refused.
  if (settings.development) await migrateAll({ [settings.name]: database }, { demoData: settings.demoData });
  const serviceKeys = await serviceIssuerKeys(settings.dataDir, {
    jwksJson: settings.identity.serviceJwks,
    privateKeyJson: settings.identity.serviceKey,
    development: settings.development,
  });
  const directory = registry ? remoteDirectory(registry, authority.directory) : undefined;
  return runSubgraph(subgraphModule(settings.name, settings.alerts), {
    serverUrl: database.serverUrl,
    dbName: database.dbName,
    port: settings.port,
    host: settings.host,
    verify,
    verifyService: serviceKeys ? createServiceTokenVerifier(serviceKeys) : undefined,
    directory,
    development: settings.development,
    database: "verify",
    background: alertsWorker(settings.name, {
      database,
      directory,
      settings: settings.alerts,
      feedUrls: settings.urls,
      serviceKey: serviceKeys?.privateKey,
    }),
    operators: authority.operators,
    directoryBounds: authority.directory,
    maxTokenLifetimeSeconds: authority.maxTokenLifetimeSeconds,
    databaseTimeouts: authority.database,
    edge: settings.edge,
    logLevel: settings.logLevel,
    sqlLog: settings.sqlLog,
    metricsRoute,
    changeFeed: settings.changeFeed,
    reads: settings.reads,
  });
}
