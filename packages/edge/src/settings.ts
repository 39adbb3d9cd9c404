import { availableParallelism } from "node:os";
import type { AdmissionLimits } from "./admission.js";
import { DEFAULT_HTTP_TIMEOUTS, type HeaderSettings, type HttpTimeouts } from "./http.js";
import { DEFAULT_LIMITS, type QueryLimits } from "./limits.js";

/** Every limit of the public edge and the subgraph servers; docs/limits.md documents each variable. */
export interface EdgeSettings {
  /** The gateway's query limits; subgraphs apply `subgraphLimits(limits)`. */
  limits: QueryLimits;
  bodyLimitBytes: number;
  /** Larger than the gateway's: a query plan sends a subgraph the representations of every entity it needs. */
  subgraphBodyLimitBytes: number;
  /** How long the gateway waits for a subgraph before answering SERVICE_UNAVAILABLE. */
  subgraphTimeoutMs: number;
  /**
   * How many GraphQL operations each subgraph executes at once, and how many wait: each holds its intermediate
   * results, so memory grows with the operations in progress, and past a few per core they add no throughput.
   */
  subgraphAdmission: AdmissionLimits;
  /** Time bounds of every connection, at the gateway and the subgraphs. */
  httpTimeouts: HttpTimeouts;
  /** Interface the subgraphs listen on. */
  subgraphHost: string;
  /** Interface the gateway listens on; every interface when absent. */
  gatewayHost?: string;
  rateLimit: RateLimitSettings;
  /** Addresses of the proxies whose `X-Forwarded-For` is believed. */
  trustedProxies: string[];
  headers: HeaderSettings;
}

export interface RateLimitSettings {
  /** Requests per window from one client address without a token; 0 turns the limit off. */
  anonymousRequests: number;
  /** Requests per window for one token subject; 0 turns the limit off. */
  signedInRequests: number;
  windowSeconds: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitSettings = { anonymousRequests: 600, signedInRequests: 6000, windowSeconds: 60 };

/** Enough operations at once to keep every core and the database busy while others wait on I/O. */
export const DEFAULT_SUBGRAPH_MAX_CONCURRENT_OPERATIONS = 2 * availableParallelism();
export const DEFAULT_SUBGRAPH_MAX_QUEUED_OPERATIONS = 512;
const DEFAULT_SUBGRAPH_TIMEOUT_MS = 10_000;

export class SettingError extends Error {}

function count(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new SettingError(`${name} must be a whole number of at least ${min}, got "${raw}"`);
  return Number(raw);
}

function list(env: NodeJS.ProcessEnv, name: string): string[] | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Reads the edge settings; a bad value throws a SettingError naming the variable. */
export function edgeSettingsFromEnv(env: NodeJS.ProcessEnv, development: boolean): EdgeSettings {
  const origins = list(env, "CORS_ORIGINS");
  const httpTimeouts: HttpTimeouts = {
    requestTimeoutMs: count(env, "HTTP_REQUEST_TIMEOUT_MS", DEFAULT_HTTP_TIMEOUTS.requestTimeoutMs, 1),
    headersTimeoutMs: count(env, "HTTP_HEADERS_TIMEOUT_MS", DEFAULT_HTTP_TIMEOUTS.headersTimeoutMs, 1),
    keepAliveTimeoutMs: count(env, "HTTP_KEEP_ALIVE_TIMEOUT_MS", DEFAULT_HTTP_TIMEOUTS.keepAliveTimeoutMs, 1),
  };
  if (httpTimeouts.headersTimeoutMs > httpTimeouts.requestTimeoutMs) {
    throw new SettingError("HTTP_HEADERS_TIMEOUT_MS may not exceed HTTP_REQUEST_TIMEOUT_MS");
  }
  const subgraphTimeoutMs = count(env, "SUBGRAPH_TIMEOUT_MS", DEFAULT_SUBGRAPH_TIMEOUT_MS, 1);
  if (!development && origins?.includes("*")) throw new SettingError('CORS_ORIGINS may not be "*" in production: list the origins');
  return {
    limits: {
      maxTokens: count(env, "QUERY_MAX_TOKENS", DEFAULT_LIMITS.maxTokens, 1),
      maxDepth: count(env, "QUERY_MAX_DEPTH", DEFAULT_LIMITS.maxDepth, 1),
      maxAliases: count(env, "QUERY_MAX_ALIASES", DEFAULT_LIMITS.maxAliases),
      maxDirectives: count(env, "QUERY_MAX_DIRECTIVES", DEFAULT_LIMITS.maxDirectives),
      maxCost: count(env, "QUERY_MAX_COST", DEFAULT_LIMITS.maxCost, 1),
    },
    bodyLimitBytes: count(env, "BODY_LIMIT_BYTES", 1024 * 1024, 1024),
    subgraphBodyLimitBytes: count(env, "SUBGRAPH_BODY_LIMIT_BYTES", 4 * 1024 * 1024, 1024),
    subgraphTimeoutMs,
    subgraphAdmission: {
      maxConcurrent: count(env, "SUBGRAPH_MAX_CONCURRENT_OPERATIONS", DEFAULT_SUBGRAPH_MAX_CONCURRENT_OPERATIONS),
      maxQueued: count(env, "SUBGRAPH_MAX_QUEUED_OPERATIONS", DEFAULT_SUBGRAPH_MAX_QUEUED_OPERATIONS),
      // past the gateway's own wait, nobody is left to answer
      queueTimeoutMs: count(env, "SUBGRAPH_QUEUE_TIMEOUT_MS", subgraphTimeoutMs, 1),
    },
    httpTimeouts,
    subgraphHost: env.SUBGRAPH_HOST || "127.0.0.1",
    gatewayHost: env.GATEWAY_HOST || undefined,
    rateLimit: {
      anonymousRequests: count(env, "RATE_LIMIT_ANONYMOUS", DEFAULT_RATE_LIMIT.anonymousRequests),
      signedInRequests: count(env, "RATE_LIMIT_SIGNED_IN", DEFAULT_RATE_LIMIT.signedInRequests),
      windowSeconds: count(env, "RATE_LIMIT_WINDOW_SECONDS", DEFAULT_RATE_LIMIT.windowSeconds, 1),
    },
    trustedProxies: list(env, "TRUSTED_PROXIES") ?? [],
    headers: { production: !development, corsOrigins: origins?.includes("*") ? "*" : (origins ?? (development ? "*" : [])) },
  };
}
