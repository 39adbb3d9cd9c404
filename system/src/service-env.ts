import type { AlertsSettings } from "@concert/alerts";
import { dataDir, isDevelopment } from "@concert/auth";
import { splitDatabaseUrl } from "@concert/db";
import { type EdgeSettings, edgeSettingsFromEnv, SettingError } from "@concert/edge";
import type { ChangeFeedSettings } from "@concert/subgraph-kit";
import { z } from "zod";
import { ALERTS_ENV_FIELDS, alertsSettingsFrom } from "./alerts-config.js";
import { AuthorityConfigError, type AuthoritySettings, authorityFromEnv } from "./authority-config.js";
import { ChangeFeedConfigError, changeFeedFromEnv } from "./change-feed-config.js";
import { SUBGRAPH_NAMES, type SubgraphName } from "./config.js";

export const SERVICE_NAMES = ["gateway", ...SUBGRAPH_NAMES] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Port each service listens on when neither `PORT` nor its own variable is set. */
const DEFAULT_PORTS: Record<ServiceName, number> = { gateway: 4000, risk: 4001, peacekeeping: 4002, engagements: 4003, alerts: 4004 };

/** `RISK` for `risk`: the prefix of a service's own variables (RISK_PORT, RISK_URL, RISK_DATABASE_URL). */
export const envPrefix = (name: ServiceName) => name.toUpperCase();

export class ServiceEnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

const unset = (v: unknown) => (v === "" ? undefined : v);

const PORT_ERROR = "must be a port number (1–65535)";
const port = z.preprocess(
  unset,
  z.coerce.number({ error: PORT_ERROR }).int(PORT_ERROR).min(1, PORT_ERROR).max(65535, PORT_ERROR).optional(),
);

const postgresUrl = z.preprocess(
  unset,
  z.url({ protocol: /^postgres(ql)?$/, error: "must be a URL such as postgres://user:password@host:5432" }).optional(),
);

const graphqlUrl = z.url({ protocol: /^https?$/, error: "must be the full http(s) URL of the subgraph's /graphql" });

const flag = z.preprocess(unset, z.enum(["0", "1", "true", "false"], { error: "must be 1 or 0" }).optional());

const common = {
  HOST: z.preprocess(unset, z.string().optional()),
  PORT: port,
  SHUTDOWN_TIMEOUT_MS: z.preprocess(unset, z.coerce.number().int().min(0).max(600_000).default(10_000)),
  NODE_ENV: z.preprocess(unset, z.string().optional()),
  CONCERT_DATA_DIR: z.preprocess(unset, z.string().optional()),
  METRICS_PORT: port,
  METRICS_HOST: z.preprocess(unset, z.string().optional()),
};

const databaseFields = (name: SubgraphName) => ({
  DATABASE_URL: postgresUrl,
  [`${envPrefix(name)}_DATABASE_URL`]: postgresUrl,
  CONCERT_DEMO_DATA: flag,
  // Checked in full by changeFeedFromEnv (required in production, at least 32 characters; 1–3650 days).
  CHANGE_FEED_KEY: z.preprocess(unset, z.string().optional()),
  CHANGE_FEED_RETENTION_DAYS: z.preprocess(unset, z.string().optional()),
});

/** One schema per service: the variables it reads, and nothing it does not need. */
export const SERVICE_ENV_SCHEMAS = {
  gateway: z.object({
    ...common,
    GATEWAY_PORT: port,
    RISK_URL: graphqlUrl,
    PEACEKEEPING_URL: graphqlUrl,
    ENGAGEMENTS_URL: graphqlUrl,
    ALERTS_URL: graphqlUrl,
  }),
  engagements: z.object({ ...common, ...databaseFields("engagements"), ENGAGEMENTS_PORT: port }),
  risk: z.object({ ...common, ...databaseFields("risk"), RISK_PORT: port, ENGAGEMENTS_URL: graphqlUrl }),
  peacekeeping: z.object({ ...common, ...databaseFields("peacekeeping"), PEACEKEEPING_PORT: port, ENGAGEMENTS_URL: graphqlUrl }),
  // The worker follows the three feeds straight at the subgraphs, hence their URLs.
  alerts: z.object({
    ...common,
    ...databaseFields("alerts"),
    ...ALERTS_ENV_FIELDS,
    ALERTS_PORT: port,
    ENGAGEMENTS_URL: graphqlUrl,
    RISK_URL: graphqlUrl,
    PEACEKEEPING_URL: graphqlUrl,
  }),
} satisfies Record<ServiceName, z.ZodObject>;

/** The schema `npm run migrate` checks: a database for every subgraph. */
export const MIGRATE_ENV_SCHEMA = z.object({
  DATABASE_URL: postgresUrl,
  RISK_DATABASE_URL: postgresUrl,
  PEACEKEEPING_DATABASE_URL: postgresUrl,
  ENGAGEMENTS_DATABASE_URL: postgresUrl,
  ALERTS_DATABASE_URL: postgresUrl,
  CONCERT_DEMO_DATA: flag,
});

export interface Database {
  serverUrl: string;
  dbName: string;
}

export interface ServiceSettings {
  name: ServiceName;
  host?: string;
  port: number;
  development: boolean;
  dataDir: string;
  shutdownTimeoutMs: number;
  /** Subgraphs: their database. */
  database?: Database;
  demoData: boolean;
  /** Every subgraph's /graphql URL (the gateway), or only engagements' (the registry, for risk and peacekeeping). */
  urls: Partial<Record<SubgraphName, string>>;
  /** Limits, rate limits and headers (read by @concert/edge from their own variables). */
  edge: EdgeSettings;
  /** Operators, token lifetime, registry bounds, statement timeout (read by authority-config.ts). */
  authority: AuthoritySettings;
  /** Subgraphs: the change feed's cursor key and retention (CHANGE_FEED_KEY, CHANGE_FEED_RETENTION_DAYS). */
  changeFeed?: ChangeFeedSettings;
  /** `METRICS_PORT`: /metrics there (on `METRICS_HOST`, 127.0.0.1 by default) instead of on the service's port. */
  metricsPort?: number;
  metricsHost?: string;
  /** The alerts service: its own settings (ALERTS_* variables). */
  alerts?: AlertsSettings;
}

function problems(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const name = issue.path.join(".");
    const message = issue.code === "invalid_type" && issue.input === undefined ? "is required" : issue.message;
    return `${name} ${message}`;
  });
}

/**
 * `<NAME>_DATABASE_URL` is the subgraph's own database (its path names it);
 * `DATABASE_URL` names the server, and the database is named after the subgraph.
 */
function databaseOf(name: SubgraphName, env: Record<string, unknown>): Database | string {
  const own = env[`${envPrefix(name)}_DATABASE_URL`] as string | undefined;
  const server = env.DATABASE_URL as string | undefined;
  if (!own && !server) return `DATABASE_URL or ${envPrefix(name)}_DATABASE_URL is required`;
  if (!URL.canParse(own || server!)) return "";
  if (own) {
    const split = splitDatabaseUrl(own);
    return split.dbName ? split : { serverUrl: split.serverUrl, dbName: name };
  }
  return { serverUrl: splitDatabaseUrl(server!).serverUrl, dbName: name };
}

const isOn = (value: unknown) => value === "1" || value === "true";

/** Reads a service's settings from the environment; every bad or missing value is reported in one `ServiceEnvError`. */
export function serviceSettings(name: ServiceName, env: NodeJS.ProcessEnv = process.env): ServiceSettings {
  const parsed = SERVICE_ENV_SCHEMAS[name].safeParse(env);
  const found = parsed.success ? [] : problems(parsed.error);
  const values = (parsed.success ? parsed.data : {}) as Record<string, unknown>;
  let database: Database | undefined;
  if (name !== "gateway") {
    // Looked at even when other values are bad, so that a missing database is reported with them.
    const db = databaseOf(name, parsed.success ? values : env);
    if (typeof db === "string") {
      // "" : the URL itself is bad, which the schema has reported already.
      if (db) found.push(db);
    } else if (parsed.success) database = db;
  }
  let edge: EdgeSettings | undefined;
  try {
    edge = edgeSettingsFromEnv(env, isDevelopment(env));
  } catch (err) {
    if (!(err instanceof SettingError)) throw err;
    found.push(err.message);
  }
  let authority: AuthoritySettings | undefined;
  try {
    authority = authorityFromEnv(env);
  } catch (err) {
    if (!(err instanceof AuthorityConfigError)) throw err;
    found.push(err.message);
  }
  let changeFeed: ChangeFeedSettings | undefined;
  if (name !== "gateway" && name !== "alerts") {
    try {
      changeFeed = changeFeedFromEnv(env, isDevelopment(env), dataDir(env));
    } catch (err) {
      if (!(err instanceof ChangeFeedConfigError)) throw err;
      found.push(err.message);
    }
  }
  let alerts: AlertsSettings | undefined;
  if (name === "alerts" && parsed.success) {
    const result = alertsSettingsFrom(values, { development: isDevelopment(env), dataDir: dataDir(env) });
    if (Array.isArray(result)) found.push(...result);
    else alerts = result;
  }
  if (found.length > 0 || !edge || !authority) throw new ServiceEnvError(found);
  const urls: Partial<Record<SubgraphName, string>> = {};
  for (const subgraph of SUBGRAPH_NAMES) {
    const url = values[`${envPrefix(subgraph)}_URL`];
    if (typeof url === "string") urls[subgraph] = url;
  }
  return {
    name,
    host: values.HOST as string | undefined,
    port: (values.PORT ?? values[`${envPrefix(name)}_PORT`] ?? DEFAULT_PORTS[name]) as number,
    development: isDevelopment(env),
    dataDir: dataDir(env),
    shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS as number,
    database,
    demoData: isOn(values.CONCERT_DEMO_DATA),
    urls,
    edge,
    authority,
    changeFeed,
    metricsPort: values.METRICS_PORT as number | undefined,
    metricsHost: values.METRICS_HOST as string | undefined,
    alerts,
  };
}

/** The database of every subgraph, for `npm run migrate`; every bad or missing value reported at once. */
export function migrateSettings(env: NodeJS.ProcessEnv = process.env): { databases: Record<SubgraphName, Database>; demoData: boolean } {
  const parsed = MIGRATE_ENV_SCHEMA.safeParse(env);
  const found = parsed.success ? [] : problems(parsed.error);
  const databases = {} as Record<SubgraphName, Database>;
  for (const name of SUBGRAPH_NAMES) {
    const db = databaseOf(name, parsed.success ? parsed.data : env);
    if (typeof db !== "string") databases[name] = db;
    else if (db) found.push(db);
  }
  if (found.length > 0 || !parsed.success) throw new ServiceEnvError(found);
  return { databases, demoData: isOn(parsed.data.CONCERT_DEMO_DATA) };
}
