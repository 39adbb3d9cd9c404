import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { AlertsSettings } from "@concert/alerts";
import type { TrustedIssuer } from "@concert/auth";
import { splitDatabaseUrl } from "@concert/db";
import type { EdgeSettings } from "@concert/edge";
import type { SignInProvider } from "@concert/gateway";
import { ideEnabled } from "@concert/ide";
import { EXCHANGE_KEY_ROLE } from "@concert/policy";
import type { ChangeFeedSettings } from "@concert/subgraph-kit/feeds";
import type { ReadSettings } from "@concert/subgraph-kit/reads";
import { ensureSecretKeyFile, parseSecretKey } from "@concert/webhooks";
import { z } from "zod";
import {
  ALERTS_FIELDS,
  AUTHORITY_FIELDS,
  type AuthoritySettings,
  alertsFrom,
  alertsSecretKey,
  authorityFrom,
  CHANGE_FEED_FIELDS,
  changeFeedFrom,
  EDGE_FIELDS,
  edgeFrom,
  flag,
  graphqlUrl,
  isLoopbackHost,
  isOn,
  port,
  postgresUrl,
  READ_FIELDS,
  readsFrom,
  text,
  unset,
  whole,
} from "./fields.js";
import { issuersFrom } from "./issuers.js";

export { type AuthoritySettings, DEFAULT_AUTHORITY, DEFAULT_OPERATORS, isLoopbackHost } from "./fields.js";

/**
 * The one module that reads Concert's environment. Each service has one zod schema (`SERVICE_ENV_SCHEMAS`):
 * `npm run serve` parses its own service's, and `npm start` parses every service's against the environment it
 * will hand that service's process, before anything starts. Everything else receives settings, never `process.env`.
 * (Tracing is the one exception: `@concert/telemetry/register` must start before any module loads, so it reads the
 * standard `OTEL_*` variables itself.)
 */

export const SUBGRAPH_NAMES = ["engagements", "risk", "peacekeeping", "alerts"] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];
export const SERVICE_NAMES = ["gateway", ...SUBGRAPH_NAMES, "exchange"] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Port each service listens on when neither `PORT` nor its own variable is set. */
export const DEFAULT_PORTS: Record<ServiceName, number> = {
  gateway: 4000,
  risk: 4001,
  peacekeeping: 4002,
  engagements: 4003,
  alerts: 4004,
  exchange: 4005,
};

/** `RISK` for `risk`: the prefix of a service's own variables (RISK_PORT, RISK_URL, RISK_DATABASE_URL). */
export const envPrefix = (name: ServiceName) => name.toUpperCase();

/** Every bad or missing value, named, in one error; the start stops with it. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** What every service reads: mode, data dir, listening, logs, identity, edge limits and authority. */
const COMMON_FIELDS = {
  NODE_ENV: text,
  CONCERT_DATA_DIR: text,
  HOST: text,
  PORT: port,
  SHUTDOWN_TIMEOUT_MS: whole(0, 600_000),
  METRICS_PORT: port,
  METRICS_HOST: text,
  /** Production: serve /metrics on the service's own (public) port too; off unless set. */
  CONCERT_PUBLIC_METRICS: flag,
  LOG_LEVEL: z.preprocess(unset, z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }).optional()),
  CONCERT_SQL_LOG: flag,
  CONCERT_ISSUERS: text,
  CONCERT_ISSUERS_FILE: text,
  /** The service issuer's public key set (every part) and private key (the alerts worker). */
  CONCERT_SERVICE_JWKS: text,
  CONCERT_SERVICE_KEY: text,
  ...EDGE_FIELDS,
  ...AUTHORITY_FIELDS,
};

const databaseFields = (name: SubgraphName) => ({
  DATABASE_URL: postgresUrl,
  [`${envPrefix(name)}_DATABASE_URL`]: postgresUrl,
  CONCERT_DEMO_DATA: flag,
  ...CHANGE_FEED_FIELDS,
  ...READ_FIELDS,
});

/** The web console's sessions and files (docs/operations.md, "The console's sessions"). */
const CONSOLE_FIELDS = {
  /** The gateway's own database (console sessions); `DATABASE_URL`'s server with the database `gateway` otherwise. */
  GATEWAY_DATABASE_URL: postgresUrl,
  DATABASE_URL: postgresUrl,
  /** 32 bytes in base64: seals the tokens kept for sessions. In production, sessions are on only with it. */
  CONCERT_SESSION_KEY: text,
  CONCERT_SESSION_TTL_SECONDS: whole(60, 7 * 24 * 3600),
  /** Development sign-in as the demo personas: turned on by `npm start` only, on loopback, never in production. */
  CONCERT_DEV_SIGN_IN: flag,
  /** The console's built files; the repository's `console/dist` by default. */
  CONCERT_CONSOLE_DIR: text,
  /** The gateway's public URL, e.g. https://concert.example.org: redirect URIs of sign-in through identity providers. */
  CONCERT_PUBLIC_URL: z.preprocess(unset, z.url({ protocol: /^https?$/, error: "must be the gateway's public http(s) URL" }).optional()),
};

/** One schema per service: the variables it reads, and nothing it does not need. */
export const SERVICE_ENV_SCHEMAS = {
  gateway: z.object({
    ...COMMON_FIELDS,
    GATEWAY_PORT: port,
    CONCERT_IDE: z.preprocess(unset, z.enum(["on", "off", "true", "false", "1", "0"], { error: "must be on or off" }).optional()),
    ...CONSOLE_FIELDS,
    RISK_URL: graphqlUrl,
    PEACEKEEPING_URL: graphqlUrl,
    ENGAGEMENTS_URL: graphqlUrl,
    ALERTS_URL: graphqlUrl,
  }),
  engagements: z.object({ ...COMMON_FIELDS, ...databaseFields("engagements"), ENGAGEMENTS_PORT: port }),
  risk: z.object({ ...COMMON_FIELDS, ...databaseFields("risk"), RISK_PORT: port, ENGAGEMENTS_URL: graphqlUrl }),
  peacekeeping: z.object({ ...COMMON_FIELDS, ...databaseFields("peacekeeping"), PEACEKEEPING_PORT: port, ENGAGEMENTS_URL: graphqlUrl }),
  // The worker follows the three feeds straight at the subgraphs, hence their URLs.
  alerts: z.object({
    ...COMMON_FIELDS,
    ...databaseFields("alerts"),
    ...ALERTS_FIELDS,
    ALERTS_PORT: port,
    ENGAGEMENTS_URL: graphqlUrl,
    RISK_URL: graphqlUrl,
    PEACEKEEPING_URL: graphqlUrl,
  }),
  // TAXII 2.1 and CSV: it owns no data and asks the gateway, with each caller's token, for everything it serves.
  exchange: z.object({
    NODE_ENV: text,
    CONCERT_DATA_DIR: text,
    HOST: text,
    PORT: port,
    EXCHANGE_PORT: port,
    SHUTDOWN_TIMEOUT_MS: whole(0, 600_000),
    LOG_LEVEL: COMMON_FIELDS.LOG_LEVEL,
    GATEWAY_URL: z.url({ protocol: /^https?$/, error: "must be the full http(s) URL of the gateway's /graphql" }),
    // Exchange keys: engagements owns them (reached straight, with a service token); the exchange's own issuer signs
    // the short read-only tokens a key is turned into. Without them, only Bearer tokens are accepted.
    ENGAGEMENTS_URL: graphqlUrl.optional(),
    CONCERT_SERVICE_KEY: text,
    EXCHANGE_ISSUER: text,
    EXCHANGE_ISSUER_KEY: text,
    // The same trusted issuers as every part: the exchange's own entry there is its authority (partners, roles).
    CONCERT_ISSUERS: text,
    CONCERT_ISSUERS_FILE: text,
  }),
} satisfies Record<ServiceName, z.ZodObject>;

/** What `npm start` itself reads before handing each part its environment. */
const START_ENV_SCHEMA = z.object({
  ...COMMON_FIELDS,
  GATEWAY_PORT: port,
  RISK_PORT: port,
  PEACEKEEPING_PORT: port,
  ENGAGEMENTS_PORT: port,
  ALERTS_PORT: port,
  EXCHANGE_PORT: port,
  DATABASE_URL: postgresUrl,
  EMBEDDED_DB_PORT: port,
  CONCERT_DEMO_DATA: flag,
  CONCERT_DEV_SIGN_IN: flag,
  ...READ_FIELDS,
});

/** The schema `npm run migrate` checks: a database for every subgraph. */
const MIGRATE_ENV_SCHEMA = z.object({
  NODE_ENV: text,
  CONCERT_DATA_DIR: text,
  DATABASE_URL: postgresUrl,
  RISK_DATABASE_URL: postgresUrl,
  PEACEKEEPING_DATABASE_URL: postgresUrl,
  ENGAGEMENTS_DATABASE_URL: postgresUrl,
  ALERTS_DATABASE_URL: postgresUrl,
  GATEWAY_DATABASE_URL: postgresUrl,
  CONCERT_DEMO_DATA: flag,
});

export interface Database {
  serverUrl: string;
  dbName: string;
}

/** Who a service trusts: the configured token issuers, and the service issuer's keys (JSON, as configured). */
export interface IdentitySettings {
  issuers: TrustedIssuer[];
  serviceJwks?: string;
  serviceKey?: string;
}

/** What every service runs with, however it is started. */
interface CommonSettings {
  development: boolean;
  dataDir: string;
  /** Limits, rate limits and headers (docs/limits.md). */
  edge: EdgeSettings;
  /** Operators, token lifetime, registry bounds, statement timeout (docs/authority.md). */
  authority: AuthoritySettings;
  identity: IdentitySettings;
  logLevel?: string;
  sqlLog: boolean;
  /** `METRICS_PORT`: /metrics there (on `METRICS_HOST`, 127.0.0.1 by default) instead of on the service's port. */
  metricsPort?: number;
  metricsHost?: string;
  /**
   * `/metrics` on the service's own port when `METRICS_PORT` is not set: always in development; in production only
   * with `CONCERT_PUBLIC_METRICS=on`, since that port is the public one.
   */
  publicMetrics: boolean;
}

export interface ServiceSettings extends CommonSettings {
  name: ServiceName;
  host?: string;
  port: number;
  shutdownTimeoutMs: number;
  /** Subgraphs: their database. */
  database?: Database;
  demoData: boolean;
  /** Every subgraph's /graphql URL (the gateway), or only engagements' (the registry, for risk and peacekeeping). */
  urls: Partial<Record<SubgraphName, string>>;
  /** Subgraphs: the change feed's cursor key and retention (CHANGE_FEED_KEY, CHANGE_FEED_RETENTION_DAYS). */
  changeFeed?: ChangeFeedSettings;
  /** Subgraphs: the read path's cache sizes and reference refresh bound (CONCERT_COMPILED_SQL_CACHE_SIZE, CONCERT_REFERENCE_REFRESH_MS, CONCERT_UNTIL_CHANGED_CACHE_ROWS). */
  reads?: ReadSettings;
  /** The alerts service: its own settings (ALERTS_* variables). */
  alerts?: AlertsSettings;
  /** The gateway: the offline GraphiQL (CONCERT_IDE; on in development). */
  ide: boolean;
  /** The exchange service: the gateway's /graphql URL (GATEWAY_URL). */
  gatewayUrl?: string;
  /** The exchange service: its issuer (EXCHANGE_ISSUER and the private JWK EXCHANGE_ISSUER_KEY), for exchange keys in production. */
  exchangeIssuer?: { issuer: string; key: string; partners: readonly string[] };
  /** The gateway: the web console. */
  console?: ConsoleSettings;
}

/** The gateway's console: its files, and its sessions when the gateway has a database. */
export interface ConsoleSettings {
  distDir: string;
  /** Console sessions' database; without one, nobody signs in to the console. */
  database?: Database;
  /** Seals the tokens kept for sessions (CONCERT_SESSION_KEY; in development a key kept in the data dir). */
  sessionKey?: Buffer;
  sessionTtlSeconds?: number;
  /** CONCERT_DEV_SIGN_IN, as `npm start` turns it on. */
  devSignIn: boolean;
  /** The identity providers people sign in with: the configured issuers that have `signIn`, with their client secrets. */
  signIn: SignInProvider[];
  /** CONCERT_PUBLIC_URL's origin: the providers' redirect URIs. */
  publicOrigin?: string;
}

/** The repository's `console/dist`, built by `npm run build`. */
export const CONSOLE_DIST = resolve(__dirname, "../../../console/dist");

export interface SystemConfig extends Partial<Omit<CommonSettings, "edge" | "development" | "dataDir">> {
  gatewayPort: number;
  subgraphPorts: Record<SubgraphName, number>;
  /** The exchange service's port (EXCHANGE_PORT, 4005); `npm start` runs it, the test harness does not. */
  exchangePort?: number;
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
  edge: EdgeSettings;
  /** The alerts service's settings (tests: short retries, private addresses allowed); development defaults when absent. */
  alerts?: AlertsSettings;
  /** Run the alerts worker (queue and feed follower) in this process; on unless false. */
  alertsWorker?: boolean;
  /** Where every service's log lines go; stdout when absent (tests read them back). */
  logDestination?: import("@concert/telemetry").LogDestination;
  /** Cursor key and retention of the change feeds; without a key, one kept in the data dir. */
  changeFeed?: Partial<ChangeFeedSettings>;
  /** Every subgraph's read path: cache size and reference refresh bound; the defaults when absent. */
  reads?: Partial<ReadSettings>;
  /** The gateway's console (tests): sessions in the database `<prefix>gateway`, development sign-in, extra manifests. */
  console?: {
    distDir?: string;
    manifests?: string[];
    devSignIn?: boolean;
    sessionTtlSeconds?: number;
    signIn?: SignInProvider[];
    publicOrigin?: string;
  };
}

/** `production` turns the development issuer, introspection and suggestions off. */
export const isDevelopment = (env: NodeJS.ProcessEnv) => env.NODE_ENV !== "production";

/** Where local state lives (embedded database, development keys): `CONCERT_DATA_DIR`, or `.data/` here. */
export const dataDirOf = (env: NodeJS.ProcessEnv) => resolve(env.CONCERT_DATA_DIR || ".data");

function issues(error: z.ZodError, env: Record<string, unknown>): string[] {
  return error.issues.map((issue) => {
    const name = issue.path.join(".");
    const message = env[name] === undefined || env[name] === "" ? "is required" : issue.message;
    return `${name} ${message}`;
  });
}

/** `names`' parsed values, or, when another variable is bad (no parsed values), their raw values: checked all the same. */
const parsedOrRaw = (values: Record<string, unknown>, env: NodeJS.ProcessEnv, names: string[]) =>
  Object.fromEntries(names.map((name) => [name, name in values ? values[name] : unset(env[name])]));

/** The settings every service shares, from parsed values; problems are pushed onto `problems`. */
function commonFrom(values: Record<string, unknown>, env: NodeJS.ProcessEnv, problems: string[]): CommonSettings {
  const development = isDevelopment(env);
  return {
    development,
    dataDir: dataDirOf(env),
    edge: edgeFrom(values, development, problems),
    authority: authorityFrom(values, problems),
    identity: {
      issuers: issuersFrom(parsedOrRaw(values, env, ["CONCERT_ISSUERS", "CONCERT_ISSUERS_FILE"]), development, problems),
      serviceJwks: values.CONCERT_SERVICE_JWKS as string | undefined,
      serviceKey: values.CONCERT_SERVICE_KEY as string | undefined,
    },
    logLevel: values.LOG_LEVEL as string | undefined,
    sqlLog: isOn(values.CONCERT_SQL_LOG),
    metricsPort: values.METRICS_PORT as number | undefined,
    metricsHost: values.METRICS_HOST as string | undefined,
    publicMetrics: development || isOn(values.CONCERT_PUBLIC_METRICS),
  };
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

/** Reads a service's settings from the environment; every bad or missing value is reported in one `ConfigError`. */
export function serviceSettings(
  name: ServiceName,
  env: NodeJS.ProcessEnv = process.env,
  /** `npm start` runs the part (the only way development sign-in may be on). */
  { supervised = false }: { supervised?: boolean } = {},
): ServiceSettings {
  const parsed = SERVICE_ENV_SCHEMAS[name].safeParse(env);
  const found = parsed.success ? [] : issues(parsed.error, env);
  // The rules across variables are checked even when a value is bad, so that every problem is reported at once.
  const values = (parsed.success ? parsed.data : {}) as Record<string, unknown>;
  const common = commonFrom(values, env, found);
  let database: Database | undefined;
  if (name !== "gateway" && name !== "exchange") {
    const db = databaseOf(name, parsed.success ? values : env);
    if (typeof db === "string") {
      // "" : the URL itself is bad, which the schema has reported already.
      if (db) found.push(db);
    } else database = db;
  }
  const changeFeed =
    name === "gateway" || name === "alerts" || name === "exchange"
      ? undefined
      : changeFeedFrom({ ...values, ...parsedOrRaw(values, env, ["CHANGE_FEED_KEY"]) }, common.development, common.dataDir, found);
  const alerts = name === "alerts" && parsed.success ? alertsFrom(values, common, found) : undefined;
  const consoleSettings = name === "gateway" && parsed.success ? consoleFrom(values, env, common, supervised, found) : undefined;
  const exchangeIssuer = name === "exchange" ? exchangeIssuerFrom(values, common, found) : undefined;
  if (found.length > 0) throw new ConfigError(found);
  const urls: Partial<Record<SubgraphName, string>> = {};
  for (const subgraph of SUBGRAPH_NAMES) {
    const url = values[`${envPrefix(subgraph)}_URL`];
    if (typeof url === "string") urls[subgraph] = url;
  }
  return {
    ...common,
    name,
    host: values.HOST as string | undefined,
    port: (values.PORT ?? values[`${envPrefix(name)}_PORT`] ?? DEFAULT_PORTS[name]) as number,
    shutdownTimeoutMs: (values.SHUTDOWN_TIMEOUT_MS as number | undefined) ?? 10_000,
    database,
    demoData: isOn(values.CONCERT_DEMO_DATA),
    urls,
    changeFeed,
    reads: database ? readsFrom(values) : undefined,
    alerts,
    ide: ideEnabled(values.CONCERT_IDE as string | undefined, common.development),
    gatewayUrl: values.GATEWAY_URL as string | undefined,
    exchangeIssuer,
    console: consoleSettings,
  };
}

/**
 * The exchange's issuer, which turns exchange keys into partner tokens. Its authority is its entry in the trusted
 * issuers every part verifies with: that entry must name the partners it may act for (never `*`) and cap its roles at
 * the exchange key's read-only role, so that a token it signs beyond them is refused by the gateway and every subgraph.
 */
function exchangeIssuerFrom(
  values: Record<string, unknown>,
  common: CommonSettings,
  problems: string[],
): ServiceSettings["exchangeIssuer"] {
  const issuer = values.EXCHANGE_ISSUER as string | undefined;
  const key = values.EXCHANGE_ISSUER_KEY as string | undefined;
  if (!issuer || !key) return undefined;
  const entry = common.identity.issuers.find((i) => i.issuer === issuer);
  const needs = `CONCERT_ISSUERS (or CONCERT_ISSUERS_FILE) must list EXCHANGE_ISSUER ${issuer} with the partners the exchange may act for and "roles": ["${EXCHANGE_KEY_ROLE}"]`;
  if (!entry) problems.push(`${needs}; it is not listed`);
  else if (entry.partners.includes("*")) problems.push(`${needs}; it may act for every partner ("*")`);
  else if (!entry.roles || entry.roles.some((role) => role !== EXCHANGE_KEY_ROLE))
    problems.push(`${needs}; its roles are ${entry.roles ? JSON.stringify(entry.roles) : "not capped"}`);
  else return { issuer, key, partners: entry.partners };
  return undefined;
}

/**
 * The gateway's console settings. Development sign-in is refused in production, outside `npm start`, and when the gateway
 * listens beyond loopback; a sessions database in production needs CONCERT_SESSION_KEY.
 */
function consoleFrom(
  values: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  common: CommonSettings,
  supervised: boolean,
  problems: string[],
): ConsoleSettings {
  const devSignIn = isOn(values.CONCERT_DEV_SIGN_IN);
  if (devSignIn) {
    const host = (values.HOST as string | undefined) || common.edge.gatewayHost;
    if (!common.development) problems.push("CONCERT_DEV_SIGN_IN is for development only and refused in production");
    else if (!supervised) problems.push("CONCERT_DEV_SIGN_IN is turned on by `npm start` only, never under `npm run serve`");
    else if (!host || !isLoopbackHost(host))
      problems.push(`CONCERT_DEV_SIGN_IN needs the gateway on loopback (HOST=127.0.0.1), but it listens on ${host || "every interface"}`);
  }
  let database: Database | undefined;
  const own = values.GATEWAY_DATABASE_URL as string | undefined;
  const server = values.DATABASE_URL as string | undefined;
  if (own) {
    const split = splitDatabaseUrl(own);
    database = split.dbName ? split : { serverUrl: split.serverUrl, dbName: "gateway" };
  } else if (server) database = { serverUrl: splitDatabaseUrl(server).serverUrl, dbName: "gateway" };
  let sessionKey: Buffer | undefined;
  const rawKey = values.CONCERT_SESSION_KEY as string | undefined;
  if (rawKey) {
    try {
      sessionKey = parseSecretKey(rawKey, "CONCERT_SESSION_KEY");
    } catch (err) {
      problems.push((err as Error).message);
    }
  } else if (database && common.development) sessionKey = ensureSecretKeyFile(join(common.dataDir, "gateway", "session-key"));
  return {
    distDir: resolve((values.CONCERT_CONSOLE_DIR as string | undefined) || CONSOLE_DIST),
    // Production keeps sessions only with CONCERT_SESSION_KEY: without it, the console serves anonymous callers only.
    database: sessionKey ? database : undefined,
    sessionKey,
    sessionTtlSeconds: values.CONCERT_SESSION_TTL_SECONDS as number | undefined,
    devSignIn,
    signIn: signInProviders(common, env, problems),
    publicOrigin: values.CONCERT_PUBLIC_URL ? new URL(values.CONCERT_PUBLIC_URL as string).origin : undefined,
  };
}

/** The configured issuers people sign in through, with their client secrets read from a file or a Secret's variable. */
function signInProviders(common: CommonSettings, env: NodeJS.ProcessEnv, problems: string[]): SignInProvider[] {
  const providers: SignInProvider[] = [];
  for (const issuer of common.identity.issuers) {
    const signIn = issuer.signIn;
    if (!signIn) continue;
    let clientSecret: string | undefined;
    if (signIn.clientSecretEnv) {
      clientSecret = env[signIn.clientSecretEnv];
      if (!clientSecret) problems.push(`sign-in provider ${signIn.id}: ${signIn.clientSecretEnv} (its client secret) is not set`);
    } else {
      try {
        clientSecret = readFileSync(signIn.clientSecretFile!, "utf8").trim();
      } catch {
        problems.push(`sign-in provider ${signIn.id}: cannot read its client secret from ${signIn.clientSecretFile}`);
      }
    }
    let ca: string | undefined;
    if (signIn.caFile) {
      try {
        ca = readFileSync(signIn.caFile, "utf8");
      } catch {
        problems.push(`sign-in provider ${signIn.id}: cannot read its certificate authorities from ${signIn.caFile}`);
      }
      if (ca !== undefined && !ca.includes("-----BEGIN CERTIFICATE-----"))
        problems.push(`sign-in provider ${signIn.id}: ${signIn.caFile} holds no PEM certificate`);
    }
    if (clientSecret) providers.push({ settings: signIn, audience: issuer.audience, clientSecret, ...(ca ? { ca } : {}) });
  }
  return providers;
}

/** The database of every subgraph, for `npm run migrate`; every bad or missing value reported at once. */
export function migrateSettings(env: NodeJS.ProcessEnv = process.env): {
  databases: Record<SubgraphName, Database>;
  /** The gateway's database (console sessions): GATEWAY_DATABASE_URL, or `gateway` on DATABASE_URL's server. */
  gateway?: Database;
  demoData: boolean;
} {
  const parsed = MIGRATE_ENV_SCHEMA.safeParse(env);
  const found = parsed.success ? [] : issues(parsed.error, env);
  const databases = {} as Record<SubgraphName, Database>;
  for (const name of SUBGRAPH_NAMES) {
    const db = databaseOf(name, parsed.success ? parsed.data : env);
    if (typeof db !== "string") databases[name] = db;
    else if (db) found.push(db);
  }
  if (found.length > 0 || !parsed.success) throw new ConfigError(found);
  const own = parsed.data.GATEWAY_DATABASE_URL;
  const server = parsed.data.DATABASE_URL;
  const gateway = own
    ? { ...splitDatabaseUrl(own), dbName: splitDatabaseUrl(own).dbName || "gateway" }
    : server
      ? { serverUrl: splitDatabaseUrl(server).serverUrl, dbName: "gateway" }
      : undefined;
  return { databases, gateway, demoData: isOn(parsed.data.CONCERT_DEMO_DATA) };
}

/** What `npm run alerts:rekey` reads: the alerts database, the new key as alerts will run with it, and the old key. */
const REKEY_ENV_SCHEMA = z.object({
  NODE_ENV: text,
  CONCERT_DATA_DIR: text,
  DATABASE_URL: postgresUrl,
  ALERTS_DATABASE_URL: postgresUrl,
  ALERTS_SECRET_KEY: ALERTS_FIELDS.ALERTS_SECRET_KEY,
  /** The key the secrets are sealed with now; given to this command only, never to a service. */
  ALERTS_PREVIOUS_SECRET_KEY: text,
});

/**
 * `npm run alerts:rekey`: the alerts database, the key the rules' secrets are sealed with now (ALERTS_PREVIOUS_SECRET_KEY)
 * and the one to seal them with (ALERTS_SECRET_KEY, checked as the alerts service checks it). Every problem at once.
 */
export function rekeySettings(env: NodeJS.ProcessEnv = process.env): { database: Database; previousKey: Buffer; secretKey: Buffer } {
  const parsed = REKEY_ENV_SCHEMA.safeParse(env);
  if (!parsed.success) throw new ConfigError(issues(parsed.error, env));
  const found: string[] = [];
  const database = databaseOf("alerts", parsed.data);
  if (typeof database === "string") found.push(database || "ALERTS_DATABASE_URL is not a valid URL");
  const secretKey = alertsSecretKey(parsed.data, { development: isDevelopment(env), dataDir: dataDirOf(env) }, found);
  let previousKey: Buffer | undefined;
  const previous = parsed.data.ALERTS_PREVIOUS_SECRET_KEY;
  if (!previous) found.push("ALERTS_PREVIOUS_SECRET_KEY is required: the key the secrets are sealed with now");
  else {
    try {
      previousKey = parseSecretKey(previous, "ALERTS_PREVIOUS_SECRET_KEY");
    } catch (err) {
      found.push((err as Error).message);
    }
  }
  if (previousKey && secretKey?.equals(previousKey)) found.push("ALERTS_SECRET_KEY must differ from ALERTS_PREVIOUS_SECRET_KEY");
  if (found.length > 0 || typeof database === "string" || !secretKey || !previousKey) throw new ConfigError(found);
  return { database, previousKey, secretKey };
}

/** The edge settings an embedding program (a test, the bench) runs the gateway or a subgraph with. */
export function edgeFromEnv(env: NodeJS.ProcessEnv, development = isDevelopment(env)): EdgeSettings {
  const parsed = z.object(EDGE_FIELDS).safeParse(env);
  const found = parsed.success ? [] : issues(parsed.error, env);
  const edge = edgeFrom(parsed.success ? parsed.data : {}, development, found);
  if (found.length > 0) throw new ConfigError(found);
  return edge;
}

/** `npm start`'s database and demo-data choice: demo data unless CONCERT_DEMO_DATA=0. */
export const startDemoData = (env: NodeJS.ProcessEnv) => (env.CONCERT_DEMO_DATA ? isOn(env.CONCERT_DEMO_DATA) : true);

/** Where `npm start`'s parts listen: subgraphs on HOST (loopback by default), the gateway on every interface unless HOST. */
export const startHost = (env: NodeJS.ProcessEnv) => env.HOST || "127.0.0.1";

/**
 * `npm start` turns development sign-in on in development, unless CONCERT_DEV_SIGN_IN=0 or HOST puts the gateway beyond
 * loopback (then only an explicit CONCERT_DEV_SIGN_IN=1 asks for it, and the start refuses it).
 */
export function startDevSignIn(env: NodeJS.ProcessEnv): boolean {
  if (env.CONCERT_DEV_SIGN_IN) return isOn(env.CONCERT_DEV_SIGN_IN);
  const host = env.HOST || env.GATEWAY_HOST;
  return isDevelopment(env) && (!host || isLoopbackHost(host));
}

/**
 * The environment `npm start` hands one part's `npm run serve`: the caller's, with the ports, URLs and databases
 * of the system it started. One metrics port cannot serve five processes, so each part serves /metrics on its own.
 */
export function partEnvironment(
  env: NodeJS.ProcessEnv,
  name: ServiceName,
  system: { ports: Record<ServiceName, number>; databaseServerUrl: string; dataDir: string; databasePrefix?: string },
): NodeJS.ProcessEnv {
  const host = startHost(env);
  const child: NodeJS.ProcessEnv = {
    ...env,
    CONCERT_DATA_DIR: system.dataDir,
    CONCERT_DEMO_DATA: startDemoData(env) ? "1" : "0",
    // The gateway and the exchange answer on every interface, as `npm start` always did; the subgraphs only to this machine.
    HOST: name === "gateway" || name === "exchange" ? (env.HOST ?? "") : host,
  };
  delete child.PORT;
  delete child.METRICS_PORT;
  for (const subgraph of SUBGRAPH_NAMES) {
    child[`${envPrefix(subgraph)}_PORT`] = String(system.ports[subgraph]);
    child[`${envPrefix(subgraph)}_URL`] = `http://${host.includes(":") ? `[${host}]` : host}:${system.ports[subgraph]}/graphql`;
    child[`${envPrefix(subgraph)}_DATABASE_URL`] = `${system.databaseServerUrl}/${system.databasePrefix ?? ""}${subgraph}`;
  }
  child.GATEWAY_PORT = String(system.ports.gateway);
  child.EXCHANGE_PORT = String(system.ports.exchange);
  child.GATEWAY_URL = `http://127.0.0.1:${system.ports.gateway}/graphql`;
  if (name === "gateway") {
    child.GATEWAY_DATABASE_URL = `${system.databaseServerUrl}/${system.databasePrefix ?? ""}gateway`;
    const devSignIn = startDevSignIn(env);
    child.CONCERT_DEV_SIGN_IN = devSignIn ? "1" : "0";
    // Development sign-in answers only this machine: the gateway then listens on loopback unless told otherwise.
    if (devSignIn && !child.HOST) child.HOST = env.GATEWAY_HOST || "127.0.0.1";
  }
  return child;
}

/**
 * `npm start`'s configuration: its own variables, then every part's schema against the environment that part will
 * be given, so that a bad value stops the start before anything runs, with the same message `npm run serve` gives.
 */
export function systemConfig(env: NodeJS.ProcessEnv = process.env): SystemConfig {
  const parsed = START_ENV_SCHEMA.safeParse(env);
  if (!parsed.success) throw new ConfigError(issues(parsed.error, env));
  const values = parsed.data as Record<string, unknown>;
  const found: string[] = [];
  const common = commonFrom(values, env, found);
  if (found.length > 0) throw new ConfigError(found);
  const config: SystemConfig = {
    ...common,
    gatewayPort: (values.GATEWAY_PORT as number | undefined) ?? DEFAULT_PORTS.gateway,
    subgraphPorts: Object.fromEntries(
      SUBGRAPH_NAMES.map((n) => [n, (values[`${envPrefix(n)}_PORT`] as number | undefined) ?? DEFAULT_PORTS[n]]),
    ) as Record<SubgraphName, number>,
    exchangePort: (values.EXCHANGE_PORT as number | undefined) ?? DEFAULT_PORTS.exchange,
    databaseUrl: values.DATABASE_URL as string | undefined,
    embeddedDatabasePort: values.EMBEDDED_DB_PORT as number | undefined,
    databasePrefix: "",
    persistent: true,
    reads: readsFrom(values),
  };
  const ports = [
    config.gatewayPort,
    ...Object.values(config.subgraphPorts),
    config.exchangePort!,
    ...(config.metricsPort ? [config.metricsPort] : []),
  ];
  if (new Set(ports).size !== ports.length) {
    throw new ConfigError([
      "GATEWAY_PORT, RISK_PORT, PEACEKEEPING_PORT, ENGAGEMENTS_PORT, ALERTS_PORT, EXCHANGE_PORT and METRICS_PORT must all differ",
    ]);
  }
  const system = {
    ports: { gateway: config.gatewayPort, ...config.subgraphPorts, exchange: config.exchangePort! },
    // The embedded server's address is known only once it runs; its form is what matters here.
    databaseServerUrl: config.databaseUrl ? splitDatabaseUrl(config.databaseUrl).serverUrl : "postgres://postgres@127.0.0.1:5432",
    dataDir: config.dataDir,
  };
  for (const name of SERVICE_NAMES) {
    try {
      serviceSettings(name, partEnvironment(env, name, system), { supervised: true });
    } catch (err) {
      if (err instanceof ConfigError) throw new ConfigError(err.problems.map((p) => `${name}: ${p}`));
      throw err;
    }
  }
  return config;
}
