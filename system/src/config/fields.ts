import { join } from "node:path";
import { type AlertsSettings, DEFAULT_ALERTS_SETTINGS } from "@concert/alerts";
import { DEFAULT_DIRECTORY_BOUNDS, DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, type DirectoryBounds } from "@concert/auth";
import { type DatabaseTimeouts, DEFAULT_DATABASE_TIMEOUTS } from "@concert/db";
import { type EdgeSettings, edgeSettings } from "@concert/edge";
import {
  CHANGE_FEED_KEY_MIN_LENGTH,
  type ChangeFeedSettings,
  DEFAULT_CHANGE_FEED_RETENTION_DAYS,
  ensureChangeFeedKey,
} from "@concert/subgraph-kit/feeds";
import { DEFAULT_READ_SETTINGS, type ReadSettings } from "@concert/subgraph-kit/reads";
import { ensureSecretKeyFile, parseSecretKey } from "@concert/webhooks";
import { z } from "zod";

/**
 * The variables every service shares, as zod fields, and the settings built from their parsed values. Only this
 * folder reads the environment (index.ts); the packages receive settings, never `process.env`.
 */

/** An interface only this machine reaches. */
export const isLoopbackHost = (host: string) => host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);

/** An empty variable counts as unset, as in a compose file's `NAME: ""`. */
export const unset = (v: unknown) => (v === "" ? undefined : v);

const PORT_ERROR = "must be a port number (1–65535)";
export const port = z.preprocess(
  unset,
  z.coerce.number({ error: PORT_ERROR }).int(PORT_ERROR).min(1, PORT_ERROR).max(65535, PORT_ERROR).optional(),
);

/** A whole number from `min` (to `max`): the message names the range, the path names the variable. */
export const whole = (min: number, max = Number.MAX_SAFE_INTEGER) => {
  const error = max === Number.MAX_SAFE_INTEGER ? `must be a whole number of at least ${min}` : `must be a whole number (${min}–${max})`;
  return z.preprocess(
    unset,
    z.string().regex(/^\d+$/, error).transform(Number).pipe(z.number().min(min, error).max(max, error)).optional(),
  );
};

export const text = z.preprocess(unset, z.string().optional());

export const flag = z.preprocess(unset, z.enum(["0", "1", "true", "false"], { error: "must be 1 or 0" }).optional());
export const isOn = (value: unknown) => value === "1" || value === "true";

const list = z.preprocess(
  unset,
  z
    .string()
    .transform((raw) =>
      raw
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .optional(),
);

export const postgresUrl = z.preprocess(
  unset,
  z.url({ protocol: /^postgres(ql)?$/, error: "must be a URL such as postgres://user:password@host:5432" }).optional(),
);

export const graphqlUrl = z.url({ protocol: /^https?$/, error: "must be the full http(s) URL of the subgraph's /graphql" });

/** Query, body, time and rate limits, hosts and headers (docs/limits.md). */
export const EDGE_FIELDS = {
  QUERY_MAX_TOKENS: whole(1),
  QUERY_MAX_DEPTH: whole(1),
  QUERY_MAX_ALIASES: whole(0),
  QUERY_MAX_DIRECTIVES: whole(0),
  QUERY_MAX_COST: whole(1),
  BODY_LIMIT_BYTES: whole(1024),
  SUBGRAPH_BODY_LIMIT_BYTES: whole(1024),
  SUBGRAPH_TIMEOUT_MS: whole(1),
  SUBGRAPH_MAX_CONCURRENT_OPERATIONS: whole(0),
  SUBGRAPH_MAX_QUEUED_OPERATIONS: whole(0),
  SUBGRAPH_QUEUE_TIMEOUT_MS: whole(1),
  HTTP_REQUEST_TIMEOUT_MS: whole(1),
  HTTP_HEADERS_TIMEOUT_MS: whole(1),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: whole(1),
  SUBGRAPH_HOST: text,
  GATEWAY_HOST: text,
  RATE_LIMIT_ANONYMOUS: whole(0),
  RATE_LIMIT_SIGNED_IN: whole(0),
  RATE_LIMIT_WINDOW_SECONDS: whole(1),
  TRUSTED_PROXIES: list,
  CORS_ORIGINS: list,
};

type Values = Record<string, unknown>;
const num = (v: unknown) => v as number | undefined;

/** The edge settings from parsed values; problems (rules across variables) are pushed onto `problems`. */
export function edgeFrom(values: Values, development: boolean, problems: string[]): EdgeSettings {
  const origins = values.CORS_ORIGINS as string[] | undefined;
  if (!development && origins?.includes("*")) problems.push('CORS_ORIGINS may not be "*" in production: list the origins');
  const edge = edgeSettings(
    {
      maxTokens: num(values.QUERY_MAX_TOKENS),
      maxDepth: num(values.QUERY_MAX_DEPTH),
      maxAliases: num(values.QUERY_MAX_ALIASES),
      maxDirectives: num(values.QUERY_MAX_DIRECTIVES),
      maxCost: num(values.QUERY_MAX_COST),
      bodyLimitBytes: num(values.BODY_LIMIT_BYTES),
      subgraphBodyLimitBytes: num(values.SUBGRAPH_BODY_LIMIT_BYTES),
      subgraphTimeoutMs: num(values.SUBGRAPH_TIMEOUT_MS),
      maxConcurrentOperations: num(values.SUBGRAPH_MAX_CONCURRENT_OPERATIONS),
      maxQueuedOperations: num(values.SUBGRAPH_MAX_QUEUED_OPERATIONS),
      queueTimeoutMs: num(values.SUBGRAPH_QUEUE_TIMEOUT_MS),
      requestTimeoutMs: num(values.HTTP_REQUEST_TIMEOUT_MS),
      headersTimeoutMs: num(values.HTTP_HEADERS_TIMEOUT_MS),
      keepAliveTimeoutMs: num(values.HTTP_KEEP_ALIVE_TIMEOUT_MS),
      subgraphHost: values.SUBGRAPH_HOST as string | undefined,
      gatewayHost: values.GATEWAY_HOST as string | undefined,
      anonymousRequests: num(values.RATE_LIMIT_ANONYMOUS),
      signedInRequests: num(values.RATE_LIMIT_SIGNED_IN),
      windowSeconds: num(values.RATE_LIMIT_WINDOW_SECONDS),
      trustedProxies: values.TRUSTED_PROXIES as string[] | undefined,
      corsOrigins: origins,
    },
    development,
  );
  if (edge.httpTimeouts.headersTimeoutMs > edge.httpTimeouts.requestTimeoutMs)
    problems.push("HTTP_HEADERS_TIMEOUT_MS may not exceed HTTP_REQUEST_TIMEOUT_MS");
  return edge;
}

/** Who may change the registry, how fresh its copies stay, and how long tokens and statements may last. */
export interface AuthoritySettings {
  /** Partner codes of the deployment's operators (CONCERT_OPERATORS): their admins change the registry. */
  operators: string[];
  directory: DirectoryBounds;
  maxTokenLifetimeSeconds: number;
  database: DatabaseTimeouts;
}

/** The development operator partner, seeded as reference data by the engagements subgraph. */
export const DEFAULT_OPERATORS = ["OPS"];

export const DEFAULT_AUTHORITY: AuthoritySettings = {
  operators: DEFAULT_OPERATORS,
  directory: DEFAULT_DIRECTORY_BOUNDS,
  maxTokenLifetimeSeconds: DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  database: DEFAULT_DATABASE_TIMEOUTS,
};

const operatorCodes = z
  .string()
  .transform((raw) =>
    raw
      .split(",")
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean),
  )
  .refine((codes) => codes.every((c) => /^[A-Z][A-Z0-9]{1,15}$/.test(c)), "must be a comma-separated list of partner codes")
  .optional();

/** Operators, registry bounds, token lifetime and statement timeouts (docs/authority.md); every one has a default. */
export const AUTHORITY_FIELDS = {
  CONCERT_OPERATORS: operatorCodes,
  CONCERT_REGISTRY_FRESHNESS_MS: whole(1),
  CONCERT_REGISTRY_OUTAGE_MS: whole(1),
  CONCERT_MAX_TOKEN_LIFETIME_SECONDS: whole(1),
  CONCERT_DB_STATEMENT_TIMEOUT_MS: whole(1),
  CONCERT_DB_ACQUIRE_TIMEOUT_MS: whole(1),
};

export function authorityFrom(values: Values, problems: string[]): AuthoritySettings {
  const freshnessMs = num(values.CONCERT_REGISTRY_FRESHNESS_MS) ?? DEFAULT_DIRECTORY_BOUNDS.freshnessMs;
  const outageMs = num(values.CONCERT_REGISTRY_OUTAGE_MS) ?? DEFAULT_DIRECTORY_BOUNDS.outageMs;
  if (outageMs < freshnessMs) problems.push("CONCERT_REGISTRY_OUTAGE_MS must not be shorter than CONCERT_REGISTRY_FRESHNESS_MS");
  return {
    operators: (values.CONCERT_OPERATORS as string[] | undefined) ?? DEFAULT_OPERATORS,
    directory: { freshnessMs, outageMs },
    maxTokenLifetimeSeconds: num(values.CONCERT_MAX_TOKEN_LIFETIME_SECONDS) ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
    database: {
      statementTimeoutMs: num(values.CONCERT_DB_STATEMENT_TIMEOUT_MS) ?? DEFAULT_DATABASE_TIMEOUTS.statementTimeoutMs,
      acquireTimeoutMs: num(values.CONCERT_DB_ACQUIRE_TIMEOUT_MS) ?? DEFAULT_DATABASE_TIMEOUTS.acquireTimeoutMs,
    },
  };
}

/** Longest change-feed retention accepted (ten years). */
const MAX_RETENTION_DAYS = 3650;

export const CHANGE_FEED_FIELDS = {
  /** Signs the feeds' cursors: the same for every replica of every subgraph. */
  CHANGE_FEED_KEY: z.preprocess(
    unset,
    z.string().min(CHANGE_FEED_KEY_MIN_LENGTH, `must be at least ${CHANGE_FEED_KEY_MIN_LENGTH} characters long`).optional(),
  ),
  CHANGE_FEED_RETENTION_DAYS: whole(1, MAX_RETENTION_DAYS),
};

/** The read path's caches (docs/operations.md): compiled SQL shapes kept, how old reference data may get, answers kept until their data changes. */
export const READ_FIELDS = {
  CONCERT_COMPILED_SQL_CACHE_SIZE: whole(1, 1_000_000),
  /** At least a second: a shorter bound would read the reference tables again on nearly every request. */
  CONCERT_REFERENCE_REFRESH_MS: whole(1_000, 24 * 3_600_000),
  /** 0 turns the kept answers off: every aggregate is read from the database. */
  CONCERT_UNTIL_CHANGED_CACHE_ROWS: whole(0, 10_000_000),
};

export function readsFrom(values: Values): ReadSettings {
  return {
    compiledSqlCacheSize: num(values.CONCERT_COMPILED_SQL_CACHE_SIZE) ?? DEFAULT_READ_SETTINGS.compiledSqlCacheSize,
    referenceRefreshMs: num(values.CONCERT_REFERENCE_REFRESH_MS) ?? DEFAULT_READ_SETTINGS.referenceRefreshMs,
    untilChangedCacheRows: num(values.CONCERT_UNTIL_CHANGED_CACHE_ROWS) ?? DEFAULT_READ_SETTINGS.untilChangedCacheRows,
  };
}

/** The placeholders the example manifests and docs show; production refuses a key that contains one. */
const PLACEHOLDER = /change[-_ ]?me|placeholder|example|secret-of-32|xxxxxxxx/i;
/** Least estimated entropy of a production key, in bits (a random 32-character key has about 140). */
const MIN_KEY_ENTROPY_BITS = 100;

/** Shannon entropy of `symbols`' own distribution times their number: a cheap estimate of a key's randomness. */
export function entropyBits(symbols: ArrayLike<number | string>): number {
  const counts = new Map<number | string, number>();
  for (let i = 0; i < symbols.length; i++) counts.set(symbols[i]!, (counts.get(symbols[i]!) ?? 0) + 1);
  let perSymbol = 0;
  for (const n of counts.values()) perSymbol -= (n / symbols.length) * Math.log2(n / symbols.length);
  return perSymbol * symbols.length;
}

/** Why a production key is not good enough (a documented placeholder, or too little entropy), or null. */
export function weakKey(name: string, text: string, symbols: ArrayLike<number | string> = text): string | null {
  if (PLACEHOLDER.test(text)) return `${name} is the documented placeholder: set a random secret`;
  if (entropyBits(symbols) < MIN_KEY_ENTROPY_BITS) return `${name} has too little entropy for a key: use a random secret`;
  return null;
}

/** Production requires CHANGE_FEED_KEY, random; development keeps one in the data dir. */
export function changeFeedFrom(values: Values, development: boolean, dataDir: string, problems: string[]): ChangeFeedSettings | undefined {
  const retentionDays = num(values.CHANGE_FEED_RETENTION_DAYS) ?? DEFAULT_CHANGE_FEED_RETENTION_DAYS;
  const key = values.CHANGE_FEED_KEY as string | undefined;
  const weak = key && !development ? weakKey("CHANGE_FEED_KEY", key) : null;
  if (weak) {
    problems.push(weak);
    return undefined;
  }
  if (key) return { key, retentionDays };
  if (!development) {
    problems.push("CHANGE_FEED_KEY is required in production (a random secret of 32 characters or more)");
    return undefined;
  }
  return { key: ensureChangeFeedKey(dataDir), retentionDays };
}

/** The alerts service's own variables (besides its port, database and the subgraphs' URLs). */
export const ALERTS_FIELDS = {
  /** 32 bytes in base64: the key that seals the rules' signing secrets. Required in production. */
  ALERTS_SECRET_KEY: text,
  /** Development and tests: webhooks may reach loopback and private addresses (`npm run webhook-receiver`). Refused in production. */
  ALERTS_ALLOW_PRIVATE_ADDRESSES: flag,
  ALERTS_MAX_ATTEMPTS: whole(1, 50),
  ALERTS_RETRY_DELAY_SECONDS: whole(0, 86_400),
  ALERTS_DELIVERY_TIMEOUT_MS: whole(100, 120_000),
  /** 0: do not follow the change feeds (the queue still delivers). */
  ALERTS_FOLLOW_FEEDS: flag,
  ALERTS_FEED_POLL_MS: whole(100, 3_600_000),
};

/**
 * The key that seals the rules' signing secrets (ALERTS_SECRET_KEY). Development: generated under the data directory
 * (`alerts/secret-key`) when not given. Production: required, and neither a placeholder nor weak.
 */
export function alertsSecretKey(
  values: Values,
  { development, dataDir }: { development: boolean; dataDir: string },
  problems: string[],
): Buffer | undefined {
  const raw = values.ALERTS_SECRET_KEY as string | undefined;
  if (raw && !development && PLACEHOLDER.test(raw)) problems.push("ALERTS_SECRET_KEY is the documented placeholder: set a random secret");
  else if (raw) {
    try {
      const key = parseSecretKey(raw, "ALERTS_SECRET_KEY");
      const weak = development ? null : weakKey("ALERTS_SECRET_KEY", raw, key);
      if (!weak) return key;
      problems.push(weak);
    } catch (err) {
      problems.push((err as Error).message);
    }
  } else if (development) return ensureSecretKeyFile(join(dataDir, "alerts", "secret-key"));
  else problems.push("ALERTS_SECRET_KEY is required in production (32 bytes in base64)");
  return undefined;
}

/**
 * The alerts settings from parsed `ALERTS_*` values. Development: the secrets' key is generated under the data
 * directory (`alerts/secret-key`) when not given; http URLs are allowed. Production: https only, the key is required,
 * and private addresses can never be allowed.
 */
export function alertsFrom(
  values: Values,
  { development, dataDir }: { development: boolean; dataDir: string },
  problems: string[],
): AlertsSettings | undefined {
  const found: string[] = [];
  const secretKey = alertsSecretKey(values, { development, dataDir }, found);
  const allowPrivate = isOn(values.ALERTS_ALLOW_PRIVATE_ADDRESSES);
  if (allowPrivate && !development) found.push("ALERTS_ALLOW_PRIVATE_ADDRESSES is for tests only and refused in production");
  problems.push(...found);
  if (found.length > 0 || !secretKey) return undefined;
  const d = DEFAULT_ALERTS_SETTINGS;
  return {
    secretKey,
    urlRules: { httpsOnly: !development, allowPrivateAddresses: allowPrivate },
    maxAttempts: num(values.ALERTS_MAX_ATTEMPTS) ?? d.maxAttempts,
    retryDelaySeconds: num(values.ALERTS_RETRY_DELAY_SECONDS) ?? d.retryDelaySeconds,
    deliveryTimeoutMs: num(values.ALERTS_DELIVERY_TIMEOUT_MS) ?? d.deliveryTimeoutMs,
    followFeeds: values.ALERTS_FOLLOW_FEEDS === undefined ? d.followFeeds : isOn(values.ALERTS_FOLLOW_FEEDS),
    feedPollMs: num(values.ALERTS_FEED_POLL_MS) ?? d.feedPollMs,
  };
}
