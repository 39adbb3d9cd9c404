import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { GraphQLError } from "graphql";
import { Registry } from "prom-client";
import { createMetrics, knexPoolStats, MAX_OPERATION_NAMES, metricsHandler, startMetricsServer, timedFetch } from "./metrics.js";
import { metricsPlugin } from "./plugins.js";

/** The value of the one series whose name and labels match exactly, from the text exposition. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    const match = /^([a-z_:]+)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const got = match[2]!.split(/,(?=[a-z_]+=")/);
    if (got.length === wanted.length && wanted.every((w) => got.includes(w))) return Number(match[3]);
  }
  return undefined;
}

describe("metrics", () => {
  it("counts allowed and refused operations under their codes, with latency per operation", async () => {
    const registry = new Registry();
    const metrics = createMetrics("gateway", registry);
    const server = new ApolloServer({
      typeDefs: "type Query { open: String, closed: String }",
      resolvers: {
        Query: {
          open: () => "yes",
          closed: () => {
            throw new GraphQLError("not yours", { extensions: { code: "FORBIDDEN" } });
          },
        },
      },
      plugins: [metricsPlugin(metrics)],
    });
    const { url } = await startStandaloneServer(server, {
      listen: { port: 0, host: "127.0.0.1" },
      context: async ({ req }) => {
        if (req.headers.authorization === "Bearer bad")
          throw new GraphQLError("Token rejected", { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
        return {};
      },
    });
    const post = (query: string, authorization?: string) =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ query }),
      });
    try {
      expect((await post("query Open { open }")).status).toBe(200);
      await post("query Open { open }");
      await post("query Closed { closed }");
      expect((await post("query Open { open }", "Bearer bad")).status).toBe(401);
      await post("query Broken { nope }");
    } finally {
      await server.stop();
    }
    const { contentType, body } = await metricsHandler(registry)();
    expect(contentType).toContain("text/plain");
    expect(sample(body, "concert_graphql_requests_total", { service: "gateway", operation: "Open", outcome: "ok" })).toBe(2);
    expect(sample(body, "concert_graphql_requests_total", { service: "gateway", operation: "Closed", outcome: "refused" })).toBe(1);
    expect(sample(body, "concert_graphql_errors_total", { service: "gateway", operation: "Closed", code: "FORBIDDEN" })).toBe(1);
    expect(sample(body, "concert_graphql_errors_total", { service: "gateway", operation: "(anonymous)", code: "UNAUTHENTICATED" })).toBe(1);
    expect(
      sample(body, "concert_graphql_errors_total", { service: "gateway", operation: "Broken", code: "GRAPHQL_VALIDATION_FAILED" }),
    ).toBe(1);
    expect(sample(body, "concert_graphql_request_duration_seconds_count", { service: "gateway", operation: "Open" })).toBe(2);
    expect(body).toContain("process_cpu_seconds_total");
  });

  it("bounds the operation names clients can put into label values", () => {
    const registry = new Registry();
    const metrics = createMetrics("risk", registry);
    for (let i = 0; i < MAX_OPERATION_NAMES + 5; i++) metrics.observeOperation(`Op${i}`, "ok", 1, []);
    metrics.observeOperation("bad name{}", "ok", 1, []);
    return registry.metrics().then((body) => {
      expect(sample(body, "concert_graphql_requests_total", { service: "risk", operation: "(other)", outcome: "ok" })).toBe(5);
      expect(sample(body, "concert_graphql_requests_total", { service: "risk", operation: "(invalid)", outcome: "ok" })).toBe(1);
    });
  });

  it("records policy decisions, rate-limit refusals, SQL latency and pool state per service", async () => {
    const registry = new Registry();
    const risk = createMetrics("risk", registry);
    const gateway = createMetrics("gateway", registry);
    risk.countPolicyDecision("Assessment", "allowed");
    risk.countPolicyDecision("Assessment", "allowed", 0);
    risk.countPolicyDecision("Assessment", "allowed", 1);
    risk.countPolicyDecision("Assessment", "denied");
    risk.countPolicyDecision("Assessment", "suppressed");
    gateway.countRateLimitRefusal("partner");
    risk.observeQuery(2.5);
    let used = 3;
    const pool = { numUsed: () => used, numFree: () => 2, numPendingAcquires: () => 0, max: 10 };
    risk.trackPool(knexPoolStats({ client: { pool } }));
    let body = await registry.metrics();
    expect(sample(body, "concert_policy_decisions_total", { service: "risk", record_type: "Assessment", decision: "allowed" })).toBe(2);
    expect(sample(body, "concert_policy_decisions_total", { service: "risk", record_type: "Assessment", decision: "denied" })).toBe(1);
    expect(sample(body, "concert_policy_decisions_total", { service: "risk", record_type: "Assessment", decision: "suppressed" })).toBe(1);
    expect(sample(body, "concert_rate_limit_refusals_total", { service: "gateway", limit: "partner" })).toBe(1);
    expect(sample(body, "concert_db_query_duration_seconds_count", { service: "risk" })).toBe(1);
    expect(sample(body, "concert_db_query_duration_seconds_bucket", { service: "risk", le: "0.005" })).toBe(1);
    expect(sample(body, "concert_db_pool_connections", { service: "risk", state: "used" })).toBe(3);
    expect(sample(body, "concert_db_pool_connections", { service: "risk", state: "max" })).toBe(10);
    used = 7;
    body = await registry.metrics();
    expect(sample(body, "concert_db_pool_connections", { service: "risk", state: "used" })).toBe(7);
  });

  it("reports each subgraph's compiled-SQL cache counters at scrape time", async () => {
    const registry = new Registry();
    const risk = createMetrics("risk", registry);
    let hits = 5;
    risk.trackSqlCache(() => ({ hits, misses: 2, evictions: 1, entries: 3 }));
    expect(sample(await registry.metrics(), "concert_compiled_sql_cache", { service: "risk", state: "hits" })).toBe(5);
    hits = 9;
    const body = await registry.metrics();
    expect(sample(body, "concert_compiled_sql_cache", { service: "risk", state: "hits" })).toBe(9);
    expect(sample(body, "concert_compiled_sql_cache", { service: "risk", state: "evictions" })).toBe(1);
  });

  it("reports each subgraph's answers kept until their data changes at scrape time, apart from its compiled SQL", async () => {
    const registry = new Registry();
    const peacekeeping = createMetrics("peacekeeping", registry);
    let misses = 1;
    peacekeeping.trackSqlCache(() => ({ hits: 100, misses: 50, evictions: 0, entries: 50 }));
    peacekeeping.trackUntilChangedCache(() => ({ hits: 20, misses, evictions: 0, entries: 2 }));
    expect(sample(await registry.metrics(), "concert_until_changed_cache", { service: "peacekeeping", state: "misses" })).toBe(1);
    misses = 3;
    const body = await registry.metrics();
    expect(sample(body, "concert_until_changed_cache", { service: "peacekeeping", state: "misses" })).toBe(3);
    expect(sample(body, "concert_until_changed_cache", { service: "peacekeeping", state: "hits" })).toBe(20);
    expect(sample(body, "concert_compiled_sql_cache", { service: "peacekeeping", state: "hits" })).toBe(100);
  });

  it("reports each subgraph's operations executing and queued at scrape time, and its admission refusals", async () => {
    const registry = new Registry();
    const risk = createMetrics("risk", registry);
    let queued = 4;
    risk.trackAdmission(() => ({ executing: 2, queued }));
    risk.countAdmissionRefusal("queue_full");
    risk.countAdmissionRefusal("queue_full");
    risk.countAdmissionRefusal("queue_timeout");
    let body = await registry.metrics();
    expect(sample(body, "concert_graphql_operations", { service: "risk", state: "executing" })).toBe(2);
    expect(sample(body, "concert_graphql_operations", { service: "risk", state: "queued" })).toBe(4);
    expect(sample(body, "concert_admission_refusals_total", { service: "risk", reason: "queue_full" })).toBe(2);
    expect(sample(body, "concert_admission_refusals_total", { service: "risk", reason: "queue_timeout" })).toBe(1);
    queued = 0;
    body = await registry.metrics();
    expect(sample(body, "concert_graphql_operations", { service: "risk", state: "queued" })).toBe(0);
  });

  it("times the gateway's fetches to each subgraph and counts their failures", async () => {
    const registry = new Registry();
    const metrics = createMetrics("gateway", registry);
    const subgraph: Server = createServer((req, res) => {
      res.statusCode = req.url === "/down" ? 503 : 200;
      res.end("{}");
    });
    await new Promise<void>((resolve) => subgraph.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(subgraph.address() as AddressInfo).port}`;
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
    await new Promise((resolve) => closed.close(resolve));
    try {
      await (await timedFetch(metrics, "risk")(`${base}/`)).text();
      await (await timedFetch(metrics, "risk")(`${base}/down`)).text();
      await expect(timedFetch(metrics, "peacekeeping")(closedUrl)).rejects.toThrow();
    } finally {
      subgraph.close();
    }
    const body = await registry.metrics();
    expect(sample(body, "concert_subgraph_fetch_duration_seconds_count", { service: "gateway", subgraph: "risk" })).toBe(2);
    expect(sample(body, "concert_subgraph_fetch_errors_total", { service: "gateway", subgraph: "risk", error: "http_503" })).toBe(1);
    expect(sample(body, "concert_subgraph_fetch_errors_total", { service: "gateway", subgraph: "peacekeeping", error: "network" })).toBe(1);
  });

  it("serves GET /metrics on a port of its own and nothing else", async () => {
    const registry = new Registry();
    createMetrics("gateway", registry).countRateLimitRefusal("address");
    const server = await startMetricsServer({ port: 0, registry });
    try {
      const answer = await fetch(server.url);
      expect(answer.headers.get("content-type")).toBe(registry.contentType);
      expect(sample(await answer.text(), "concert_rate_limit_refusals_total", { service: "gateway", limit: "address" })).toBe(1);
      expect((await fetch(server.url.replace("/metrics", "/graphql"))).status).toBe(404);
    } finally {
      await server.stop();
    }
  });
});
