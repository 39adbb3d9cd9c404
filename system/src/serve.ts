import { createServiceTokenVerifier, createTokenVerifier, type PartnerDirectory, serviceIssuerKeys, systemIssuers } from "@concert/auth";
import { startGateway } from "@concert/gateway";
import { type HealthResponse, liveness, readiness, remoteDirectory, runSubgraph } from "@concert/subgraph-kit";
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
export function gatewayReadiness(subgraphUrls: Record<string, string>, directory: PartnerDirectory): () => Promise<HealthResponse> {
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
  return () =>
    readiness({
      registry,
      ...Object.fromEntries(
        Object.entries(subgraphUrls).map(([name, url]) => [
          name,
          {
            informational: true,
            check: async () => {
              const response = await fetch(readyzUrl(url));
              if (!response.ok) throw new Error(`not ready (HTTP ${response.status})`);
            },
          },
        ]),
      ),
    });
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
  if (settings.name === "gateway") {
    const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, settings.urls[n]!]));
    const directory = remoteDirectory(registry!, authority.directory);
    const ready = gatewayReadiness(subgraphUrls, directory);
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
    });
    return { url: gateway.url, stop: gateway.stop, live: liveness, ready };
  }
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
    databaseTimeouts: authority.database,
    edge: settings.edge,
    logLevel: settings.logLevel,
    sqlLog: settings.sqlLog,
    metricsRoute,
    changeFeed: settings.changeFeed,
  });
}
