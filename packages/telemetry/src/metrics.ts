import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export type PolicyDecision = "allowed" | "denied" | "suppressed";
export type Outcome = "ok" | "refused" | "unavailable" | "failed";

/** What a database pool reports when Prometheus scrapes. */
export interface PoolStats {
  /** Connections checked out. */
  used: number;
  /** Open connections waiting in the pool. */
  idle: number;
  /** Callers waiting for a connection. */
  waiting: number;
  /** The pool's maximum size. */
  max: number;
}

/** What a server's admission queue (@concert/edge's OperationGate) reports when Prometheus scrapes. */
export interface AdmissionStats {
  /** Operations holding a turn. */
  executing: number;
  /** Operations waiting for one. */
  queued: number;
}

/** What a service's compiled-SQL cache (@concert/subgraph-kit's `compiledSqlCacheStats`) reports when Prometheus scrapes. */
export interface SqlCacheStats {
  hits: number;
  misses: number;
  evictions: number;
  entries: number;
}

/** The metrics one service writes; every series carries `service`. */
export interface Metrics {
  service: string;
  registry: Registry;
  /** One GraphQL operation that ended, with the `extensions.code` of each error it returned. */
  observeOperation(operation: string | null | undefined, outcome: Outcome, durationMs: number, codes: string[]): void;
  /** One fetch from the gateway to a subgraph; `error` names a failure ("network", "http_503", …). */
  observeSubgraphFetch(subgraph: string, durationMs: number, error?: string): void;
  /** One SQL statement's duration. */
  observeQuery(durationMs: number): void;
  /** Registers the pool whose state each scrape reads. */
  trackPool(stats: () => PoolStats): void;
  /** `count` decisions at once: a list filtered by the policy is one call, not one per record. */
  countPolicyDecision(recordType: string, decision: PolicyDecision, count?: number): void;
  /** A request refused by a rate limit; `limit` names which one (e.g. "partner", "address"). */
  countRateLimitRefusal(limit: string): void;
  /** Registers the admission queue whose state each scrape reads. */
  trackAdmission(stats: () => AdmissionStats): void;
  /** An operation refused a turn to execute; `reason` is "queue_full" or "queue_timeout". */
  countAdmissionRefusal(reason: string): void;
  /** Registers the compiled-SQL cache whose counters each scrape reads. */
  trackSqlCache(stats: () => SqlCacheStats): void;
  /** Registers the cache of answers kept until their data changes (the kit's `untilChangedCacheStats`). */
  trackUntilChangedCache(stats: () => SqlCacheStats): void;
}

/** Operation names are chosen by clients: past this many distinct names, new ones count as "(other)". */
export const MAX_OPERATION_NAMES = 200;

const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

interface Families {
  requests: Counter<"service" | "operation" | "outcome">;
  errors: Counter<"service" | "operation" | "code">;
  duration: Histogram<"service" | "operation">;
  subgraphDuration: Histogram<"service" | "subgraph">;
  subgraphErrors: Counter<"service" | "subgraph" | "error">;
  queryDuration: Histogram<"service">;
  policy: Counter<"service" | "record_type" | "decision">;
  rateLimit: Counter<"service" | "limit">;
  admissionRefusals: Counter<"service" | "reason">;
  pools: Map<string, () => PoolStats>;
  admissions: Map<string, () => AdmissionStats>;
  sqlCaches: Map<string, () => SqlCacheStats>;
  untilChangedCaches: Map<string, () => SqlCacheStats>;
  names: Set<string>;
}

const families = new WeakMap<Registry, Families>();
let processRegistry: Registry | undefined;

/** The process's registry. `npm start` runs every service in one process: their series differ by `service`. */
export function defaultRegistry(): Registry {
  processRegistry ??= new Registry();
  return processRegistry;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SQL_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5];

/** A gauge by service and state, read from each service's `stats()` when Prometheus scrapes. */
function stateGauge<S extends string>(
  registry: Registry,
  name: string,
  help: string,
  sources: Map<string, () => Record<S, number>>,
  states: readonly S[],
): void {
  new Gauge({
    name,
    help,
    labelNames: ["service", "state"],
    registers: [registry],
    collect() {
      this.reset();
      for (const [service, stats] of sources) {
        const s = stats();
        for (const state of states) this.set({ service, state }, s[state]);
      }
    },
  });
}

/** The gauges read at scrape time from the sources that services register (pools, admissions, SQL caches). */
function stateGauges(registry: Registry, found: Families): void {
  stateGauge(registry, "concert_db_pool_connections", "Database pool connections by state (used, idle, waiting, max).", found.pools, [
    "used",
    "idle",
    "waiting",
    "max",
  ]);
  stateGauge(
    registry,
    "concert_graphql_operations",
    "GraphQL operations in progress at a subgraph by state (executing, queued), at scrape time.",
    found.admissions,
    ["executing", "queued"],
  );
  stateGauge(
    registry,
    "concert_compiled_sql_cache",
    "The compiled-SQL cache of a subgraph: hits, misses and evictions since start, and the shapes it keeps (entries).",
    found.sqlCaches,
    ["hits", "misses", "evictions", "entries"],
  );
  stateGauge(
    registry,
    "concert_until_changed_cache",
    "Answers a subgraph keeps until their data changes (pledge totals and pages, latest assessments, searches): hits, misses and evictions since start, and the answers it keeps (entries).",
    found.untilChangedCaches,
    ["hits", "misses", "evictions", "entries"],
  );
}

function familiesOf(registry: Registry): Families {
  let found = families.get(registry);
  if (found) return found;
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  const pools = new Map<string, () => PoolStats>();
  const admissions = new Map<string, () => AdmissionStats>();
  const sqlCaches = new Map<string, () => SqlCacheStats>();
  found = {
    requests: new Counter({
      name: "concert_graphql_requests_total",
      help: "GraphQL operations by operation name and outcome (ok, refused, unavailable, failed).",
      labelNames: ["service", "operation", "outcome"],
      registers,
    }),
    errors: new Counter({
      name: "concert_graphql_errors_total",
      help: "Errors returned to clients, by operation name and extensions.code.",
      labelNames: ["service", "operation", "code"],
      registers,
    }),
    duration: new Histogram({
      name: "concert_graphql_request_duration_seconds",
      help: "Time from receiving a GraphQL operation to sending its response.",
      labelNames: ["service", "operation"],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    subgraphDuration: new Histogram({
      name: "concert_subgraph_fetch_duration_seconds",
      help: "Time of one gateway fetch to a subgraph, until its response headers.",
      labelNames: ["service", "subgraph"],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    subgraphErrors: new Counter({
      name: "concert_subgraph_fetch_errors_total",
      help: "Gateway fetches to a subgraph that failed, by subgraph and error.",
      labelNames: ["service", "subgraph", "error"],
      registers,
    }),
    queryDuration: new Histogram({
      name: "concert_db_query_duration_seconds",
      help: "Time of one SQL statement, as the ORM measured it.",
      labelNames: ["service"],
      buckets: SQL_BUCKETS,
      registers,
    }),
    policy: new Counter({
      name: "concert_policy_decisions_total",
      help: "Access policy decisions by record type and decision (allowed, denied, suppressed).",
      labelNames: ["service", "record_type", "decision"],
      registers,
    }),
    rateLimit: new Counter({
      name: "concert_rate_limit_refusals_total",
      help: "Requests refused by a rate limit.",
      labelNames: ["service", "limit"],
      registers,
    }),
    admissionRefusals: new Counter({
      name: "concert_admission_refusals_total",
      help: "GraphQL operations refused a turn to execute (503 SERVICE_UNAVAILABLE), by reason (queue_full, queue_timeout).",
      labelNames: ["service", "reason"],
      registers,
    }),
    pools,
    admissions,
    sqlCaches,
    untilChangedCaches: new Map(),
    names: new Set(),
  };
  stateGauges(registry, found);
  families.set(registry, found);
  return found;
}

function operationLabel(f: Families, name: string | null | undefined): string {
  if (!name) return "(anonymous)";
  if (!OPERATION_NAME.test(name)) return "(invalid)";
  if (f.names.has(name)) return name;
  if (f.names.size >= MAX_OPERATION_NAMES) return "(other)";
  f.names.add(name);
  return name;
}

/** The metrics of one service, in the process registry unless a registry is given. */
export function createMetrics(service: string, registry: Registry = defaultRegistry()): Metrics {
  const f = familiesOf(registry);
  return {
    service,
    registry,
    observeOperation(name, outcome, durationMs, codes) {
      const operation = operationLabel(f, name);
      f.requests.inc({ service, operation, outcome });
      f.duration.observe({ service, operation }, durationMs / 1000);
      for (const code of codes) f.errors.inc({ service, operation, code });
    },
    observeSubgraphFetch(subgraph, durationMs, error) {
      f.subgraphDuration.observe({ service, subgraph }, durationMs / 1000);
      if (error) f.subgraphErrors.inc({ service, subgraph, error });
    },
    observeQuery: (durationMs) => f.queryDuration.observe({ service }, durationMs / 1000),
    trackPool: (stats) => void f.pools.set(service, stats),
    countPolicyDecision(recordType, decision, count = 1) {
      if (count > 0) f.policy.inc({ service, record_type: recordType, decision }, count);
    },
    countRateLimitRefusal: (limit) => f.rateLimit.inc({ service, limit }),
    trackAdmission: (stats) => void f.admissions.set(service, stats),
    trackSqlCache: (stats) => void f.sqlCaches.set(service, stats),
    trackUntilChangedCache: (stats) => void f.untilChangedCaches.set(service, stats),
    countAdmissionRefusal: (reason) => f.admissionRefusals.inc({ service, reason }),
  };
}

/** The Prometheus text exposition of a registry, with its content type. */
export function metricsHandler(registry: Registry = defaultRegistry()): () => Promise<{ contentType: string; body: string }> {
  return async () => ({ contentType: registry.contentType, body: await registry.metrics() });
}

type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * Wraps the gateway's fetch to a subgraph so that each call records its latency and failures. Any fetcher whose
 * answer has a `status` will do (Node's `fetch` by default; the gateway's own undici client).
 */
export function timedFetch<A extends unknown[] = Parameters<FetchLike>, R extends { status: number } = Response>(
  metrics: Metrics,
  subgraph: string,
  fetcher: (...args: A) => Promise<R> = fetch as never,
): (...args: A) => Promise<R> {
  return async (...args) => {
    const started = performance.now();
    try {
      const response = await fetcher(...args);
      metrics.observeSubgraphFetch(subgraph, performance.now() - started, response.status >= 500 ? `http_${response.status}` : undefined);
      return response;
    } catch (err) {
      const name = (err as { name?: string }).name;
      metrics.observeSubgraphFetch(
        subgraph,
        performance.now() - started,
        name === "TimeoutError" || name === "AbortError" ? "timeout" : "network",
      );
      throw err;
    }
  };
}

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  max: number;
}

/** Pool state of a knex instance (MikroORM: `orm.em.getConnection().getKnex()`), for `trackPool`. */
export function knexPoolStats(knex: { client: { pool?: TarnPool | null } }): () => PoolStats {
  return () => {
    const pool = knex.client.pool;
    if (!pool) return { used: 0, idle: 0, waiting: 0, max: 0 };
    return { used: pool.numUsed(), idle: pool.numFree(), waiting: pool.numPendingAcquires(), max: pool.max };
  };
}

/**
 * `GET /metrics` for a node:http front: answers it and returns true, returns false for anything else
 * so that the front can go on to its next handler.
 */
export function metricsRoute(
  registry: Registry = defaultRegistry(),
  path = "/metrics",
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const exposition = metricsHandler(registry);
  return (req, res) => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== path) return false;
    exposition().then(
      ({ contentType, body }) => {
        res.writeHead(200, { "content-type": contentType, "cache-control": "no-store" });
        res.end(body);
      },
      () => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end("metrics collection failed\n");
      },
    );
    return true;
  };
}

/** Serves only `GET /metrics` on its own port (`METRICS_PORT`), so that the metrics need not be public. */
export async function startMetricsServer(options: {
  port: number;
  host?: string;
  registry?: Registry;
}): Promise<{ url: string; stop(): Promise<void> }> {
  const route = metricsRoute(options.registry);
  const server = createServer((req, res) => {
    if (!route(req, res)) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found\n");
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}/metrics`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
