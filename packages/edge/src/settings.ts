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

/** What a deployment may set; every value left out takes its documented default (docs/limits.md). */
export interface EdgeInput {
  maxTokens?: number;
  maxDepth?: number;
  maxAliases?: number;
  maxDirectives?: number;
  maxCost?: number;
  bodyLimitBytes?: number;
  subgraphBodyLimitBytes?: number;
  subgraphTimeoutMs?: number;
  maxConcurrentOperations?: number;
  maxQueuedOperations?: number;
  queueTimeoutMs?: number;
  requestTimeoutMs?: number;
  headersTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
  subgraphHost?: string;
  gatewayHost?: string;
  anonymousRequests?: number;
  signedInRequests?: number;
  windowSeconds?: number;
  trustedProxies?: string[];
  /** `["*"]` allows every origin (development only). */
  corsOrigins?: string[];
}

/** The edge settings from checked values (the system's configuration module reads and checks the environment). */
export function edgeSettings(input: EdgeInput, development: boolean): EdgeSettings {
  const subgraphTimeoutMs = input.subgraphTimeoutMs ?? DEFAULT_SUBGRAPH_TIMEOUT_MS;
  const origins = input.corsOrigins;
  return {
    limits: {
      maxTokens: input.maxTokens ?? DEFAULT_LIMITS.maxTokens,
      maxDepth: input.maxDepth ?? DEFAULT_LIMITS.maxDepth,
      maxAliases: input.maxAliases ?? DEFAULT_LIMITS.maxAliases,
      maxDirectives: input.maxDirectives ?? DEFAULT_LIMITS.maxDirectives,
      maxCost: input.maxCost ?? DEFAULT_LIMITS.maxCost,
    },
    bodyLimitBytes: input.bodyLimitBytes ?? 1024 * 1024,
    subgraphBodyLimitBytes: input.subgraphBodyLimitBytes ?? 4 * 1024 * 1024,
    subgraphTimeoutMs,
    subgraphAdmission: {
      maxConcurrent: input.maxConcurrentOperations ?? DEFAULT_SUBGRAPH_MAX_CONCURRENT_OPERATIONS,
      maxQueued: input.maxQueuedOperations ?? DEFAULT_SUBGRAPH_MAX_QUEUED_OPERATIONS,
      // past the gateway's own wait, nobody is left to answer
      queueTimeoutMs: input.queueTimeoutMs ?? subgraphTimeoutMs,
    },
    httpTimeouts: {
      requestTimeoutMs: input.requestTimeoutMs ?? DEFAULT_HTTP_TIMEOUTS.requestTimeoutMs,
      headersTimeoutMs: input.headersTimeoutMs ?? DEFAULT_HTTP_TIMEOUTS.headersTimeoutMs,
      keepAliveTimeoutMs: input.keepAliveTimeoutMs ?? DEFAULT_HTTP_TIMEOUTS.keepAliveTimeoutMs,
    },
    subgraphHost: input.subgraphHost ?? "127.0.0.1",
    gatewayHost: input.gatewayHost,
    rateLimit: {
      anonymousRequests: input.anonymousRequests ?? DEFAULT_RATE_LIMIT.anonymousRequests,
      signedInRequests: input.signedInRequests ?? DEFAULT_RATE_LIMIT.signedInRequests,
      windowSeconds: input.windowSeconds ?? DEFAULT_RATE_LIMIT.windowSeconds,
    },
    trustedProxies: input.trustedProxies ?? [],
    headers: { production: !development, corsOrigins: origins?.includes("*") ? "*" : (origins ?? (development ? "*" : [])) },
  };
}
