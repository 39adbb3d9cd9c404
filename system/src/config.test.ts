import { availableParallelism } from "node:os";
import { ConfigError, configFromEnv } from "./config.js";

describe("configuration from the environment", () => {
  it("defaults to gateway 4000 and subgraphs 4001–4003, embedded database, development mode", () => {
    const config = configFromEnv({});
    expect(config.gatewayPort).toBe(4000);
    expect(config.subgraphPorts).toEqual({ risk: 4001, peacekeeping: 4002, engagements: 4003, alerts: 4004 });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.development).toBe(true);
    expect(config.metricsPort).toBeUndefined();
  });

  it("moves /metrics to METRICS_PORT, on loopback unless METRICS_HOST", () => {
    expect(configFromEnv({ METRICS_PORT: "9464" })).toMatchObject({ metricsPort: 9464, metricsHost: undefined });
    expect(configFromEnv({ METRICS_PORT: "9464", METRICS_HOST: "0.0.0.0" })).toMatchObject({ metricsPort: 9464, metricsHost: "0.0.0.0" });
  });

  it("takes ports and DATABASE_URL from their variables", () => {
    const config = configFromEnv({
      GATEWAY_PORT: "5000",
      RISK_PORT: "5001",
      PEACEKEEPING_PORT: "5002",
      ENGAGEMENTS_PORT: "5003",
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432",
      NODE_ENV: "production",
    });
    expect(config.gatewayPort).toBe(5000);
    expect(config.subgraphPorts).toEqual({ risk: 5001, peacekeeping: 5002, engagements: 5003, alerts: 4004 });
    expect(config.databaseUrl).toBe("postgres://postgres@127.0.0.1:5432");
    expect(config.development).toBe(false);
  });

  it.each([
    [{ GATEWAY_PORT: "http" }, "GATEWAY_PORT"],
    [{ RISK_PORT: "70000" }, "RISK_PORT"],
    [{ PEACEKEEPING_PORT: "-1" }, "PEACEKEEPING_PORT"],
    [{ ENGAGEMENTS_PORT: "4000" }, "ENGAGEMENTS_PORT"],
    [{ DATABASE_URL: "not a url" }, "DATABASE_URL"],
    [{ DATABASE_URL: "mysql://localhost/x" }, "DATABASE_URL"],
    [{ EMBEDDED_DB_PORT: "0" }, "EMBEDDED_DB_PORT"],
    [{ METRICS_PORT: "metrics" }, "METRICS_PORT"],
    [{ METRICS_PORT: "4001" }, "METRICS_PORT"],
    [{ CORS_ORIGINS: "*", NODE_ENV: "production" }, "CORS_ORIGINS"],
    [{ BODY_LIMIT_BYTES: "1mb" }, "BODY_LIMIT_BYTES"],
    [{ QUERY_MAX_DEPTH: "0" }, "QUERY_MAX_DEPTH"],
    [{ HTTP_HEADERS_TIMEOUT_MS: "40000" }, "HTTP_HEADERS_TIMEOUT_MS"],
    [{ SUBGRAPH_MAX_CONCURRENT_OPERATIONS: "-1" }, "SUBGRAPH_MAX_CONCURRENT_OPERATIONS"],
    [{ SUBGRAPH_MAX_QUEUED_OPERATIONS: "many" }, "SUBGRAPH_MAX_QUEUED_OPERATIONS"],
    [{ SUBGRAPH_QUEUE_TIMEOUT_MS: "0" }, "SUBGRAPH_QUEUE_TIMEOUT_MS"],
  ])("refuses %j with a message naming %s", (env, name) => {
    expect(() => configFromEnv(env)).toThrow(ConfigError);
    expect(() => configFromEnv(env)).toThrow(name);
  });
});

describe("edge settings", () => {
  it("defaults to the documented limits: loopback subgraphs, 1 MiB bodies, 10 s subgraph timeout, 600 anonymous requests a minute", () => {
    const { edge } = configFromEnv({});
    expect(edge.subgraphHost).toBe("127.0.0.1");
    expect(edge.bodyLimitBytes).toBe(1024 * 1024);
    expect(edge.subgraphTimeoutMs).toBe(10_000);
    expect(edge.httpTimeouts).toEqual({ requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, keepAliveTimeoutMs: 5_000 });
    expect(edge.rateLimit).toEqual({ anonymousRequests: 600, signedInRequests: 6000, windowSeconds: 60 });
    expect(edge.limits).toEqual({ maxTokens: 1000, maxDepth: 12, maxAliases: 30, maxDirectives: 20, maxCost: 100_000 });
    expect(edge.headers.corsOrigins).toBe("*");
    expect(edge.subgraphAdmission).toEqual({ maxConcurrent: 2 * availableParallelism(), maxQueued: 512, queueTimeoutMs: 10_000 });
  });

  it("waits for a subgraph's turn as long as the gateway waits for the subgraph, unless told otherwise", () => {
    expect(configFromEnv({ SUBGRAPH_TIMEOUT_MS: "2000" }).edge.subgraphAdmission.queueTimeoutMs).toBe(2000);
    expect(
      configFromEnv({
        SUBGRAPH_TIMEOUT_MS: "2000",
        SUBGRAPH_MAX_CONCURRENT_OPERATIONS: "3",
        SUBGRAPH_MAX_QUEUED_OPERATIONS: "0",
        SUBGRAPH_QUEUE_TIMEOUT_MS: "500",
      }).edge.subgraphAdmission,
    ).toEqual({ maxConcurrent: 3, maxQueued: 0, queueTimeoutMs: 500 });
  });

  it("allows no origin in production unless listed", () => {
    expect(configFromEnv({ NODE_ENV: "production" }).edge.headers).toEqual({ production: true, corsOrigins: [] });
    expect(
      configFromEnv({ NODE_ENV: "production", CORS_ORIGINS: "https://a.example, https://b.example" }).edge.headers.corsOrigins,
    ).toEqual(["https://a.example", "https://b.example"]);
  });

  it("takes every limit from its variable", () => {
    const { edge } = configFromEnv({
      SUBGRAPH_HOST: "0.0.0.0",
      QUERY_MAX_TOKENS: "500",
      SUBGRAPH_TIMEOUT_MS: "2000",
      RATE_LIMIT_ANONYMOUS: "0",
      TRUSTED_PROXIES: "10.0.0.1,10.0.0.2",
    });
    expect(edge.subgraphHost).toBe("0.0.0.0");
    expect(edge.limits.maxTokens).toBe(500);
    expect(edge.subgraphTimeoutMs).toBe(2000);
    expect(edge.rateLimit.anonymousRequests).toBe(0);
    expect(edge.trustedProxies).toEqual(["10.0.0.1", "10.0.0.2"]);
  });
});
