import type { AlertsSettings } from "@concert/alerts";
import { dataDir, isDevelopment } from "@concert/auth";
import { type EdgeSettings, edgeSettingsFromEnv, SettingError } from "@concert/edge";
import type { ChangeFeedSettings } from "@concert/subgraph-kit";
import type { LogDestination } from "@concert/telemetry";
import { AuthorityConfigError, type AuthoritySettings, authorityFromEnv } from "./authority-config.js";
import { ChangeFeedConfigError, changeFeedKey, changeFeedRetention } from "./change-feed-config.js";

export interface SystemConfig {
  gatewayPort: number;
  subgraphPorts: Record<SubgraphName, number>;
  /** An existing PostgreSQL server; when absent, an embedded one is started. */
  databaseUrl?: string;
  /** Port of the embedded PostgreSQL server; a free one when absent. */
  embeddedDatabasePort?: number;
  /** Prefix of the database names (tests use one per run). */
  databasePrefix: string;
  dataDir: string;
  development: boolean;
  /** Keep the embedded database under `dataDir` across runs. */
  persistent: boolean;
  /** Operators, registry freshness, token lifetime, database timeouts; defaults when absent. */
  authority?: AuthoritySettings;
  /** Query, body, time and rate limits, hosts and headers (docs/limits.md). */
  edge: EdgeSettings;
  /** `METRICS_PORT`: serve `GET /metrics` only there (on 127.0.0.1 unless `METRICS_HOST`), not on the services' ports. */
  metricsPort?: number;
  metricsHost?: string;
  /** The alerts service's settings (tests: short retries, private addresses allowed); from the environment's defaults when absent. */
  alerts?: AlertsSettings;
  /** Run the alerts worker (queue and feed follower) in this process; on unless false. */
  alertsWorker?: boolean;
  /** Where every service's log lines go; stdout when absent (tests read them back). */
  logDestination?: LogDestination;
  /**
   * Cursor key and retention of the change feeds (CHANGE_FEED_KEY, CHANGE_FEED_RETENTION_DAYS). Without a key, one kept
   * in the data dir: the parts started here share it. 30 days when absent.
   */
  changeFeed?: Partial<ChangeFeedSettings>;
}

export const SUBGRAPH_NAMES = ["engagements", "risk", "peacekeeping", "alerts"] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export class ConfigError extends Error {}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number | undefined): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > 65535) throw new ConfigError(`${name} must be a port number (1–65535), got "${raw}"`);
  return value;
}

function serverUrl(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === "") return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`DATABASE_URL must be a URL such as postgres://postgres@127.0.0.1:5432, got "${raw}"`);
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new ConfigError(`DATABASE_URL must use the postgres:// scheme, got "${url.protocol}"`);
  }
  return raw;
}

function authorityOrConfigError(env: NodeJS.ProcessEnv): AuthoritySettings {
  try {
    return authorityFromEnv(env);
  } catch (err) {
    throw err instanceof AuthorityConfigError ? new ConfigError(err.message) : err;
  }
}

function edgeSettings(env: NodeJS.ProcessEnv, development: boolean): EdgeSettings {
  try {
    return edgeSettingsFromEnv(env, development);
  } catch (err) {
    throw err instanceof SettingError ? new ConfigError(err.message) : err;
  }
}

function changeFeed(env: NodeJS.ProcessEnv): Partial<ChangeFeedSettings> {
  try {
    return { key: changeFeedKey(env), retentionDays: changeFeedRetention(env) };
  } catch (err) {
    throw err instanceof ChangeFeedConfigError ? new ConfigError(err.message) : err;
  }
}

/** Reads and checks the configuration; a bad value stops the start with a message naming it. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): SystemConfig {
  const development = isDevelopment(env);
  const config: SystemConfig = {
    gatewayPort: port(env, "GATEWAY_PORT", 4000)!,
    subgraphPorts: {
      risk: port(env, "RISK_PORT", 4001)!,
      peacekeeping: port(env, "PEACEKEEPING_PORT", 4002)!,
      engagements: port(env, "ENGAGEMENTS_PORT", 4003)!,
      alerts: port(env, "ALERTS_PORT", 4004)!,
    },
    databaseUrl: serverUrl(env),
    embeddedDatabasePort: port(env, "EMBEDDED_DB_PORT", undefined),
    databasePrefix: "",
    dataDir: dataDir(env),
    development,
    persistent: true,
    authority: authorityOrConfigError(env),
    edge: edgeSettings(env, development),
    changeFeed: changeFeed(env),
    metricsPort: port(env, "METRICS_PORT", undefined),
    metricsHost: env.METRICS_HOST || undefined,
  };
  const ports = [config.gatewayPort, ...Object.values(config.subgraphPorts), ...(config.metricsPort ? [config.metricsPort] : [])];
  if (new Set(ports).size !== ports.length) {
    throw new ConfigError("GATEWAY_PORT, RISK_PORT, PEACEKEEPING_PORT, ENGAGEMENTS_PORT, ALERTS_PORT and METRICS_PORT must all differ");
  }
  return config;
}
