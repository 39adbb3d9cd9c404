// fixed-port-file: parses settings only; nothing here listens or connects
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { alertsFrom, DEFAULT_AUTHORITY } from "./fields.js";
import { ConfigError, rekeySettings, SERVICE_NAMES, SUBGRAPH_NAMES, serviceSettings, systemConfig } from "./index.js";

const KEY = "Xq3vT9pLm2Rz7Kc4Wb8Nf1Hd6Js0Ya5E";
const ALERTS_KEY = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 7 + 1) % 256)).toString("base64");
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "concert-config-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** `npm start`'s configuration, with its development keys kept in a throwaway data dir. */
const start = (env: NodeJS.ProcessEnv) => systemConfig({ CONCERT_DATA_DIR: dir, ...env });

/** Everything a production part needs, so that one bad value at a time can be tried. */
const production = () => ({
  NODE_ENV: "production",
  CONCERT_DATA_DIR: dir,
  DATABASE_URL: "postgres://db:5432",
  ENGAGEMENTS_URL: "http://e/graphql",
  RISK_URL: "http://r/graphql",
  PEACEKEEPING_URL: "http://p/graphql",
  ALERTS_URL: "http://a/graphql",
  GATEWAY_URL: "http://g/graphql",
  CHANGE_FEED_KEY: KEY,
  ALERTS_SECRET_KEY: ALERTS_KEY,
});

describe("npm start's configuration", () => {
  it("defaults to gateway 4000 and subgraphs 4001–4004, embedded database, development mode", () => {
    const config = start({});
    expect(config.gatewayPort).toBe(4000);
    expect(config.subgraphPorts).toEqual({ risk: 4001, peacekeeping: 4002, engagements: 4003, alerts: 4004 });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.development).toBe(true);
    expect(config.metricsPort).toBeUndefined();
    expect(config.authority).toEqual(DEFAULT_AUTHORITY);
  });

  it("moves /metrics to METRICS_PORT, on loopback unless METRICS_HOST", () => {
    expect(start({ METRICS_PORT: "9464" })).toMatchObject({ metricsPort: 9464, metricsHost: undefined });
    expect(start({ METRICS_PORT: "9464", METRICS_HOST: "0.0.0.0" })).toMatchObject({ metricsPort: 9464, metricsHost: "0.0.0.0" });
  });

  it("hands every subgraph the read path's cache sizes and reference refresh bound, the defaults when unset", () => {
    expect(start({}).reads).toEqual({ compiledSqlCacheSize: 2000, referenceRefreshMs: 300_000, untilChangedCacheRows: 100_000 });
    expect(
      start({ CONCERT_COMPILED_SQL_CACHE_SIZE: "100", CONCERT_REFERENCE_REFRESH_MS: "5000", CONCERT_UNTIL_CHANGED_CACHE_ROWS: "0" }).reads,
    ).toEqual({
      compiledSqlCacheSize: 100,
      referenceRefreshMs: 5000,
      untilChangedCacheRows: 0,
    });
  });

  it("takes ports and DATABASE_URL from their variables", () => {
    const config = start({
      GATEWAY_PORT: "5000",
      RISK_PORT: "5001",
      PEACEKEEPING_PORT: "5002",
      ENGAGEMENTS_PORT: "5003",
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432",
    });
    expect(config.gatewayPort).toBe(5000);
    expect(config.subgraphPorts).toEqual({ risk: 5001, peacekeeping: 5002, engagements: 5003, alerts: 4004 });
    expect(config.databaseUrl).toBe("postgres://postgres@127.0.0.1:5432");
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
    [{ CORS_ORIGINS: "*", NODE_ENV: "production", CHANGE_FEED_KEY: KEY, ALERTS_SECRET_KEY: ALERTS_KEY }, "CORS_ORIGINS"],
    [{ BODY_LIMIT_BYTES: "1mb" }, "BODY_LIMIT_BYTES"],
    [{ QUERY_MAX_DEPTH: "0" }, "QUERY_MAX_DEPTH"],
    [{ HTTP_HEADERS_TIMEOUT_MS: "40000" }, "HTTP_HEADERS_TIMEOUT_MS"],
    [{ SUBGRAPH_MAX_CONCURRENT_OPERATIONS: "-1" }, "SUBGRAPH_MAX_CONCURRENT_OPERATIONS"],
    [{ SUBGRAPH_MAX_QUEUED_OPERATIONS: "many" }, "SUBGRAPH_MAX_QUEUED_OPERATIONS"],
    [{ SUBGRAPH_QUEUE_TIMEOUT_MS: "0" }, "SUBGRAPH_QUEUE_TIMEOUT_MS"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ CONCERT_ISSUERS: "[" }, "CONCERT_ISSUERS is not valid JSON"],
    [
      { CONCERT_ISSUERS: '[{"issuer":"https://x","audience":"concert","jwksFile":"/k","partners":["EU"],"algorithms":["HS256"]}]' },
      "CONCERT_ISSUERS[0].algorithms[0] is HS256",
    ],
    [{ CONCERT_OPERATORS: "OPS,not a code" }, "CONCERT_OPERATORS"],
    [{ CONCERT_REGISTRY_FRESHNESS_MS: "0" }, "CONCERT_REGISTRY_FRESHNESS_MS"],
    [{ CONCERT_REGISTRY_OUTAGE_MS: "soon" }, "CONCERT_REGISTRY_OUTAGE_MS"],
    [{ CONCERT_REGISTRY_FRESHNESS_MS: "10000", CONCERT_REGISTRY_OUTAGE_MS: "5000" }, "CONCERT_REGISTRY_OUTAGE_MS"],
    [{ CONCERT_DB_STATEMENT_TIMEOUT_MS: "-1" }, "CONCERT_DB_STATEMENT_TIMEOUT_MS"],
    // A part's own variables are checked by the part's schema before anything starts.
    [{ CHANGE_FEED_RETENTION_DAYS: "3651" }, "CHANGE_FEED_RETENTION_DAYS"],
    [{ CHANGE_FEED_KEY: "short" }, "CHANGE_FEED_KEY"],
    [{ CONCERT_COMPILED_SQL_CACHE_SIZE: "0" }, "CONCERT_COMPILED_SQL_CACHE_SIZE"],
    [{ CONCERT_REFERENCE_REFRESH_MS: "10" }, "CONCERT_REFERENCE_REFRESH_MS"],
    [{ CONCERT_UNTIL_CHANGED_CACHE_ROWS: "-1" }, "CONCERT_UNTIL_CHANGED_CACHE_ROWS"],
    [{ ALERTS_MAX_ATTEMPTS: "0" }, "ALERTS_MAX_ATTEMPTS"],
    [{ CONCERT_IDE: "maybe" }, "CONCERT_IDE"],
    [{ NODE_ENV: "production", ALERTS_SECRET_KEY: ALERTS_KEY }, "CHANGE_FEED_KEY is required in production"],
    [{ NODE_ENV: "production", CHANGE_FEED_KEY: KEY }, "ALERTS_SECRET_KEY is required in production"],
    // The placeholders of deploy/secret.example.yaml, and keys with too little entropy, are refused in production.
    [
      { NODE_ENV: "production", CHANGE_FEED_KEY: "CHANGE-ME-to-a-random-secret-of-32-characters-or-more", ALERTS_SECRET_KEY: ALERTS_KEY },
      "CHANGE_FEED_KEY is the documented placeholder",
    ],
    [{ NODE_ENV: "production", CHANGE_FEED_KEY: "k".repeat(40), ALERTS_SECRET_KEY: ALERTS_KEY }, "CHANGE_FEED_KEY has too little entropy"],
    [
      { NODE_ENV: "production", CHANGE_FEED_KEY: KEY, ALERTS_SECRET_KEY: Buffer.alloc(32, 3).toString("base64") },
      "ALERTS_SECRET_KEY has too little entropy",
    ],
  ])("refuses %j before anything starts, naming %s", (env, name) => {
    expect(() => start(env)).toThrow(ConfigError);
    expect(() => start(env)).toThrow(name);
  });
});

describe("the exchange's configuration", () => {
  it("needs the gateway's URL, listens on 4005 by default, and reads no database", () => {
    const { GATEWAY_URL: _, ...withoutGateway } = production();
    expect(() => serviceSettings("exchange", withoutGateway)).toThrow("GATEWAY_URL is required");
    expect(() => serviceSettings("exchange", { ...production(), GATEWAY_URL: "ftp://g" })).toThrow("GATEWAY_URL");
    const settings = serviceSettings("exchange", production());
    expect(settings).toMatchObject({ port: 4005, gatewayUrl: "http://g/graphql", database: undefined, changeFeed: undefined });
    expect(serviceSettings("exchange", { ...production(), EXCHANGE_PORT: "4105" }).port).toBe(4105);
  });

  it("reads its issuer for exchange keys only when both its name and key are set", () => {
    expect(serviceSettings("exchange", production()).exchangeIssuer).toBeUndefined();
    expect(serviceSettings("exchange", { ...production(), EXCHANGE_ISSUER: "urn:x" }).exchangeIssuer).toBeUndefined();
    const entry = { issuer: "urn:x", audience: "concert", jwksUri: "https://x/jwks", partners: ["CAN", "EU"], algorithms: ["ES256"] };
    const env = { ...production(), EXCHANGE_ISSUER: "urn:x", EXCHANGE_ISSUER_KEY: "{}" };
    expect(
      serviceSettings("exchange", { ...env, CONCERT_ISSUERS: JSON.stringify([{ ...entry, roles: ["viewer"] }]) }).exchangeIssuer,
    ).toEqual({
      issuer: "urn:x",
      key: "{}",
      partners: ["CAN", "EU"],
    });
  });

  it("takes its issuer's authority from the trusted issuers: named partners and the viewer role only, refused otherwise", () => {
    const entry = { issuer: "urn:x", audience: "concert", jwksUri: "https://x/jwks", partners: ["CAN"], algorithms: ["ES256"] };
    const env = { ...production(), EXCHANGE_ISSUER: "urn:x", EXCHANGE_ISSUER_KEY: "{}" };
    const settings = (issuers: object[]) => () => serviceSettings("exchange", { ...env, CONCERT_ISSUERS: JSON.stringify(issuers) });
    expect(() => serviceSettings("exchange", env)).toThrow(
      'must list EXCHANGE_ISSUER urn:x with the partners the exchange may act for and "roles": ["viewer"]; it is not listed',
    );
    expect(settings([entry])).toThrow("its roles are not capped");
    expect(settings([{ ...entry, roles: ["viewer", "analyst"] }])).toThrow('its roles are ["viewer","analyst"]');
    expect(settings([{ ...entry, partners: ["*"], roles: ["viewer"] }])).toThrow('it may act for every partner ("*")');
  });

  it("is given the gateway's URL and its port by npm start, and a clash of ports stops the start", () => {
    expect(() => start({ EXCHANGE_PORT: "4000" })).toThrow("EXCHANGE_PORT");
    expect(start({ EXCHANGE_PORT: "4105" }).exchangePort).toBe(4105);
    expect(start({}).exchangePort).toBe(4005);
  });
});

describe("a part's configuration (npm run serve)", () => {
  it("serves /metrics on the public port in development, in production only with CONCERT_PUBLIC_METRICS", () => {
    expect(
      serviceSettings("risk", { CONCERT_DATA_DIR: dir, DATABASE_URL: "postgres://db:5432", ENGAGEMENTS_URL: "http://e/graphql" })
        .publicMetrics,
    ).toBe(true);
    expect(serviceSettings("risk", production()).publicMetrics).toBe(false);
    expect(serviceSettings("risk", { ...production(), CONCERT_PUBLIC_METRICS: "1" }).publicMetrics).toBe(true);
    expect(() => serviceSettings("risk", { ...production(), CONCERT_PUBLIC_METRICS: "maybe" })).toThrow("CONCERT_PUBLIC_METRICS");
  });

  it("is the same schema npm start checks: every part of a production environment parses", () => {
    for (const name of SERVICE_NAMES) expect(serviceSettings(name, production()).name).toBe(name);
  });

  it("reports every problem at once", () => {
    const env = { ...production(), CHANGE_FEED_KEY: "", RISK_PORT: "x", QUERY_MAX_COST: "0" };
    expect(() => serviceSettings("risk", env)).toThrow(
      new ConfigError([
        "QUERY_MAX_COST must be a whole number of at least 1",
        "RISK_PORT must be a port number (1–65535)",
        "CHANGE_FEED_KEY is required in production (a random secret of 32 characters or more)",
      ]),
    );
  });

  it("reports the trusted issuers' problems with the others, each naming its value, in every part", () => {
    const opaque = JSON.stringify([
      {
        issuer: "https://idp.example",
        audience: "concert",
        jwksUri: "https://idp.example/jwks",
        partners: ["EU"],
        algorithms: ["RS256"],
        roleMapping: { staff: ["viewer"] },
        signIn: {
          id: "eu",
          displayName: "EU",
          discoveryUrl: "https://idp.example/x",
          clientId: "concert",
          clientSecretEnv: "EU_SECRET",
          accessTokenFormat: "opaque",
        },
      },
    ]);
    const env = { ...production(), CONCERT_ISSUERS: opaque, QUERY_MAX_COST: "0" };
    const problems = (name: (typeof SERVICE_NAMES)[number]) => {
      try {
        serviceSettings(name, env);
      } catch (err) {
        if (err instanceof ConfigError) return err.problems;
      }
      return [];
    };
    const opaqueProblem =
      "CONCERT_ISSUERS[0].signIn.accessTokenFormat is opaque: Concert needs JWT access tokens for its audience (it verifies them at the gateway and at every subgraph); configure the provider to issue JWTs for it";
    expect(problems("gateway")).toEqual(["QUERY_MAX_COST must be a whole number of at least 1", opaqueProblem]);
    // A subgraph's CHANGE_FEED_KEY is set: another variable's problem must not make it look missing.
    for (const name of SUBGRAPH_NAMES)
      expect(problems(name)).toEqual(["QUERY_MAX_COST must be a whole number of at least 1", opaqueProblem]);
    // The exchange reads no query limits.
    expect(problems("exchange")).toEqual([opaqueProblem]);
    expect(() => start({ CONCERT_ISSUERS: opaque })).toThrow(new ConfigError([opaqueProblem]));
  });

  it("reads logs, SQL logging, the IDE and identity from the same module", () => {
    const gateway = serviceSettings("gateway", { ...production(), LOG_LEVEL: "warn", CONCERT_IDE: "on", CONCERT_ISSUERS: "[]" });
    expect(gateway).toMatchObject({ logLevel: "warn", ide: true, identity: { issuers: [] } });
    expect(serviceSettings("gateway", production()).ide).toBe(false);
    expect(serviceSettings("risk", { ...production(), CONCERT_SQL_LOG: "1" }).sqlLog).toBe(true);
  });

  it("takes the change feed's key and retention from configuration, and none for the gateway", () => {
    expect(serviceSettings("risk", { ...production(), CHANGE_FEED_RETENTION_DAYS: "7" }).changeFeed).toEqual({
      key: KEY,
      retentionDays: 7,
    });
    expect(serviceSettings("gateway", production()).changeFeed).toBeUndefined();
  });

  it("reads the read path's cache sizes and reference refresh bound for subgraphs, with defaults, and none for the gateway", () => {
    const risk = serviceSettings("risk", {
      ...production(),
      CONCERT_COMPILED_SQL_CACHE_SIZE: "500",
      CONCERT_REFERENCE_REFRESH_MS: "60000",
      CONCERT_UNTIL_CHANGED_CACHE_ROWS: "32",
    });
    expect(risk.reads).toEqual({ compiledSqlCacheSize: 500, referenceRefreshMs: 60_000, untilChangedCacheRows: 32 });
    expect(serviceSettings("peacekeeping", production()).reads).toEqual({
      compiledSqlCacheSize: 2000,
      referenceRefreshMs: 300_000,
      untilChangedCacheRows: 100_000,
    });
    expect(serviceSettings("gateway", production()).reads).toBeUndefined();
  });

  it("keeps a development change-feed key in the data dir, the same at every start", () => {
    const env = { CONCERT_DATA_DIR: dir, DATABASE_URL: "postgres://db:5432", ENGAGEMENTS_URL: "http://e/graphql" };
    const first = serviceSettings("risk", env).changeFeed!;
    expect(first.key.length).toBeGreaterThanOrEqual(32);
    expect(first.retentionDays).toBe(30);
    expect(serviceSettings("risk", env).changeFeed!.key).toBe(first.key);
  });

  it("reads every authority setting", () => {
    const { authority } = serviceSettings("gateway", {
      ...production(),
      CONCERT_OPERATORS: " ops, un ",
      CONCERT_REGISTRY_FRESHNESS_MS: "2000",
      CONCERT_REGISTRY_OUTAGE_MS: "30000",
      CONCERT_MAX_TOKEN_LIFETIME_SECONDS: "86400",
      CONCERT_DB_STATEMENT_TIMEOUT_MS: "5000",
      CONCERT_DB_ACQUIRE_TIMEOUT_MS: "2000",
    });
    expect(authority).toEqual({
      operators: ["OPS", "UN"],
      directory: { freshnessMs: 2_000, outageMs: 30_000 },
      maxTokenLifetimeSeconds: 86_400,
      database: { statementTimeoutMs: 5_000, acquireTimeoutMs: 2_000 },
    });
    expect(serviceSettings("gateway", { ...production(), CONCERT_OPERATORS: "" }).authority.operators).toEqual([]);
  });
});

describe("edge settings", () => {
  it("default to the documented limits: loopback subgraphs, 1 MiB bodies, 10 s subgraph timeout, 600 anonymous requests a minute", () => {
    const { edge } = start({});
    expect(edge.subgraphHost).toBe("127.0.0.1");
    expect(edge.bodyLimitBytes).toBe(1024 * 1024);
    expect(edge.subgraphTimeoutMs).toBe(10_000);
    expect(edge.httpTimeouts).toEqual({ requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, keepAliveTimeoutMs: 5_000 });
    expect(edge.rateLimit).toEqual({ anonymousRequests: 600, signedInRequests: 6000, windowSeconds: 60 });
    expect(edge.limits).toEqual({ maxTokens: 1000, maxDepth: 12, maxAliases: 30, maxDirectives: 20, maxCost: 100_000 });
    expect(edge.headers.corsOrigins).toBe("*");
    expect(edge.subgraphAdmission).toEqual({ maxConcurrent: 2 * availableParallelism(), maxQueued: 512, queueTimeoutMs: 10_000 });
  });

  it("wait for a subgraph's turn as long as the gateway waits for the subgraph, unless told otherwise", () => {
    expect(start({ SUBGRAPH_TIMEOUT_MS: "2000" }).edge.subgraphAdmission.queueTimeoutMs).toBe(2000);
    expect(
      start({
        SUBGRAPH_TIMEOUT_MS: "2000",
        SUBGRAPH_MAX_CONCURRENT_OPERATIONS: "3",
        SUBGRAPH_MAX_QUEUED_OPERATIONS: "0",
        SUBGRAPH_QUEUE_TIMEOUT_MS: "500",
      }).edge.subgraphAdmission,
    ).toEqual({ maxConcurrent: 3, maxQueued: 0, queueTimeoutMs: 500 });
  });

  it("allow no origin in production unless listed", () => {
    expect(serviceSettings("gateway", production()).edge.headers).toEqual({ production: true, corsOrigins: [] });
    expect(
      serviceSettings("gateway", { ...production(), CORS_ORIGINS: "https://a.example, https://b.example" }).edge.headers.corsOrigins,
    ).toEqual(["https://a.example", "https://b.example"]);
  });

  it("take every limit from its variable", () => {
    const { edge } = start({
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

describe("alerts settings", () => {
  const alerts = (values: Record<string, unknown>, development: boolean) => {
    const problems: string[] = [];
    const settings = alertsFrom(values, { development, dataDir: dir }, problems);
    return { settings, problems };
  };

  it("development: a key generated in the data dir (and kept), http allowed, private addresses refused unless asked", () => {
    const first = alerts({}, true).settings!;
    const again = alerts({}, true).settings!;
    expect(first.secretKey.equals(again.secretKey)).toBe(true);
    expect(readFileSync(join(dir, "alerts", "secret-key"), "utf8")).toBe(first.secretKey.toString("base64"));
    expect(first.urlRules).toEqual({ httpsOnly: false, allowPrivateAddresses: false });
    expect(alerts({ ALERTS_ALLOW_PRIVATE_ADDRESSES: "1", ALERTS_RETRY_DELAY_SECONDS: 1 }, true).settings).toMatchObject({
      urlRules: { allowPrivateAddresses: true },
      retryDelaySeconds: 1,
    });
  });

  it("production: https only, the key required, and the test setting refused", () => {
    expect(alerts({}, false).problems).toEqual(["ALERTS_SECRET_KEY is required in production (32 bytes in base64)"]);
    expect(alerts({ ALERTS_SECRET_KEY: ALERTS_KEY, ALERTS_ALLOW_PRIVATE_ADDRESSES: "true" }, false).problems).toEqual([
      "ALERTS_ALLOW_PRIVATE_ADDRESSES is for tests only and refused in production",
    ]);
    expect(alerts({ ALERTS_SECRET_KEY: ALERTS_KEY }, false).settings).toMatchObject({
      urlRules: { httpsOnly: true, allowPrivateAddresses: false },
    });
    expect(alerts({ ALERTS_SECRET_KEY: "short" }, false).problems).toEqual([
      "ALERTS_SECRET_KEY must be 32 bytes, written in base64 (e.g. `openssl rand -base64 32`)",
    ]);
  });
});

describe("npm run alerts:rekey's settings", () => {
  const OLD_KEY = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 11 + 5) % 256)).toString("base64");
  const problems = (env: NodeJS.ProcessEnv) => {
    try {
      rekeySettings({ CONCERT_DATA_DIR: dir, ...env });
    } catch (err) {
      if (err instanceof ConfigError) return err.problems;
      throw err;
    }
    return [];
  };

  it("needs the alerts database and both keys, different; the new key is checked as alerts checks it", () => {
    const settings = rekeySettings({
      NODE_ENV: "production",
      DATABASE_URL: "postgres://db:5432",
      ALERTS_SECRET_KEY: ALERTS_KEY,
      ALERTS_PREVIOUS_SECRET_KEY: OLD_KEY,
    });
    expect(settings.database).toEqual({ serverUrl: "postgres://db:5432", dbName: "alerts" });
    expect(settings.secretKey.toString("base64")).toBe(ALERTS_KEY);
    expect(settings.previousKey.toString("base64")).toBe(OLD_KEY);
    expect(
      rekeySettings({ ALERTS_DATABASE_URL: "postgres://db:5432/mine", ALERTS_SECRET_KEY: ALERTS_KEY, ALERTS_PREVIOUS_SECRET_KEY: OLD_KEY })
        .database.dbName,
    ).toBe("mine");
    expect(problems({ NODE_ENV: "production" })).toEqual([
      "DATABASE_URL or ALERTS_DATABASE_URL is required",
      "ALERTS_SECRET_KEY is required in production (32 bytes in base64)",
      "ALERTS_PREVIOUS_SECRET_KEY is required: the key the secrets are sealed with now",
    ]);
    const db = { DATABASE_URL: "postgres://db:5432" };
    expect(problems({ ...db, ALERTS_SECRET_KEY: ALERTS_KEY, ALERTS_PREVIOUS_SECRET_KEY: ALERTS_KEY })).toEqual([
      "ALERTS_SECRET_KEY must differ from ALERTS_PREVIOUS_SECRET_KEY",
    ]);
    expect(problems({ ...db, ALERTS_SECRET_KEY: ALERTS_KEY, ALERTS_PREVIOUS_SECRET_KEY: "short" })).toEqual([
      "ALERTS_PREVIOUS_SECRET_KEY must be 32 bytes, written in base64 (e.g. `openssl rand -base64 32`)",
    ]);
    expect(
      problems({
        ...db,
        NODE_ENV: "production",
        ALERTS_SECRET_KEY: Buffer.alloc(32, 3).toString("base64"),
        ALERTS_PREVIOUS_SECRET_KEY: OLD_KEY,
      }),
    ).toEqual(["ALERTS_SECRET_KEY has too little entropy for a key: use a random secret"]);
  });
});

describe("the console's settings (gateway)", () => {
  const development = () => {
    const { NODE_ENV: _mode, CHANGE_FEED_KEY: _key, ALERTS_SECRET_KEY: _alerts, ...rest } = production();
    return { ...rest, DATABASE_URL: "postgres://p@127.0.0.1:5432" };
  };

  it("keeps sessions in the database `gateway` of DATABASE_URL's server, or GATEWAY_DATABASE_URL's", () => {
    expect(serviceSettings("gateway", development()).console?.database).toEqual({
      serverUrl: "postgres://p@127.0.0.1:5432",
      dbName: "gateway",
    });
    const own = serviceSettings("gateway", { ...development(), GATEWAY_DATABASE_URL: "postgres://q@db:5432/sessions" });
    expect(own.console?.database).toEqual({ serverUrl: "postgres://q@db:5432", dbName: "sessions" });
    // Production keeps sessions only with a key that seals their tokens.
    expect(serviceSettings("gateway", production()).console?.database).toBeUndefined();
    const keyed = serviceSettings("gateway", { ...production(), CONCERT_SESSION_KEY: ALERTS_KEY });
    expect(keyed.console?.database?.dbName).toBe("gateway");
    expect(() => serviceSettings("gateway", { ...production(), CONCERT_SESSION_KEY: "short" })).toThrow(
      "CONCERT_SESSION_KEY must be 32 bytes",
    );
  });

  it("turns development sign-in on only under npm start, on loopback, outside production", () => {
    const on = { ...development(), CONCERT_DEV_SIGN_IN: "1", HOST: "127.0.0.1" };
    expect(serviceSettings("gateway", on, { supervised: true }).console?.devSignIn).toBe(true);
    expect(serviceSettings("gateway", { ...development(), HOST: "127.0.0.1" }, { supervised: true }).console?.devSignIn).toBe(false);
    expect(() => serviceSettings("gateway", on)).toThrow("CONCERT_DEV_SIGN_IN is turned on by `npm start` only");
    expect(() => serviceSettings("gateway", { ...on, HOST: "0.0.0.0" }, { supervised: true })).toThrow(
      "CONCERT_DEV_SIGN_IN needs the gateway on loopback (HOST=127.0.0.1), but it listens on 0.0.0.0",
    );
    expect(() => serviceSettings("gateway", { ...on, HOST: "" }, { supervised: true })).toThrow("but it listens on every interface");
    expect(() =>
      serviceSettings("gateway", { ...production(), CONCERT_DEV_SIGN_IN: "1", HOST: "127.0.0.1" }, { supervised: true }),
    ).toThrow("CONCERT_DEV_SIGN_IN is for development only and refused in production");
  });

  it("npm start turns it on in development with the gateway on loopback, and refuses it asked for beyond loopback", () => {
    expect(start({}).development).toBe(true);
    expect(() => start({ CONCERT_DEV_SIGN_IN: "1", HOST: "0.0.0.0" })).toThrow(
      "gateway: CONCERT_DEV_SIGN_IN needs the gateway on loopback",
    );
    // Asked for nothing, with HOST beyond loopback: off, and the start goes on.
    expect(() => start({ HOST: "0.0.0.0" })).not.toThrow();
    expect(() => start({ ...production(), CONCERT_DEV_SIGN_IN: "1" })).toThrow("refused in production");
  });
});

describe("sign-in through identity providers (gateway)", () => {
  const issuers = (discoveryUrl: string, secret: Record<string, string>) =>
    JSON.stringify([
      {
        issuer: "https://idp.example",
        audience: "concert",
        jwksUri: "https://idp.example/jwks",
        partners: ["EU"],
        algorithms: ["RS256"],
        roleMapping: { staff: ["viewer"] },
        signIn: { id: "eu", displayName: "European Union", discoveryUrl, clientId: "concert", ...secret },
      },
    ]);

  it("reads the client secret from the variable a Secret fills, or from a file, never inline", () => {
    const env = {
      ...production(),
      CONCERT_ISSUERS: issuers("https://idp.example/.well-known/openid-configuration", { clientSecretEnv: "EU_SECRET" }),
    };
    expect(() => serviceSettings("gateway", env)).toThrow("EU_SECRET (its client secret) is not set");
    const signIn = serviceSettings("gateway", { ...env, EU_SECRET: "s3cret" }).console?.signIn;
    expect(signIn?.map((p) => [p.settings.id, p.audience, p.clientSecret])).toEqual([["eu", "concert", "s3cret"]]);
    const inline = { ...production(), CONCERT_ISSUERS: issuers("https://idp.example/x", { clientSecret: "s3cret" }) };
    expect(() => serviceSettings("gateway", inline)).toThrow(
      "CONCERT_ISSUERS[0].signIn.clientSecret may not be written in the configuration",
    );
    const missingFile = { ...production(), CONCERT_ISSUERS: issuers("https://idp.example/x", { clientSecretFile: join(dir, "none") }) };
    expect(() => serviceSettings("gateway", missingFile)).toThrow("cannot read its client secret");
  });

  it("refuses a provider configured for opaque access tokens when the configuration is read, naming the value", () => {
    const opaque = issuers("https://idp.example/.well-known/openid-configuration", {
      clientSecretEnv: "EU_SECRET",
      accessTokenFormat: "opaque",
    });
    expect(() => serviceSettings("gateway", { ...production(), EU_SECRET: "s", CONCERT_ISSUERS: opaque })).toThrow(
      /CONCERT_ISSUERS\[0\]\.signIn\.accessTokenFormat is opaque: Concert needs JWT access tokens/,
    );
    const other = issuers("https://idp.example/.well-known/openid-configuration", {
      clientSecretEnv: "EU_SECRET",
      accessTokenFormat: "reference",
    });
    expect(() => serviceSettings("gateway", { ...production(), EU_SECRET: "s", CONCERT_ISSUERS: other })).toThrow(
      "CONCERT_ISSUERS[0].signIn.accessTokenFormat must be jwt",
    );
    const jwt = issuers("https://idp.example/.well-known/openid-configuration", { clientSecretEnv: "EU_SECRET", accessTokenFormat: "jwt" });
    expect(serviceSettings("gateway", { ...production(), EU_SECRET: "s", CONCERT_ISSUERS: jwt }).console?.signIn).toHaveLength(1);
  });

  it("reads the certificate authorities a provider's https endpoints are trusted with (signIn.caFile), refusing a file that holds none", () => {
    const withCa = (caFile: string) => ({
      ...production(),
      EU_SECRET: "s",
      CONCERT_ISSUERS: issuers("https://idp.example/.well-known/openid-configuration", { clientSecretEnv: "EU_SECRET", caFile }),
    });
    const pem = join(dir, "ca.pem");
    writeFileSync(pem, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    expect(serviceSettings("gateway", withCa(pem)).console?.signIn[0]?.ca).toContain("BEGIN CERTIFICATE");
    expect(() => serviceSettings("gateway", withCa(join(dir, "none.pem")))).toThrow("cannot read its certificate authorities");
    const notPem = join(dir, "not.pem");
    writeFileSync(notPem, "hello");
    expect(() => serviceSettings("gateway", withCa(notPem))).toThrow("holds no PEM certificate");
  });

  it("allows a plain-http provider only on loopback outside production", () => {
    const local = issuers("http://127.0.0.1:9999/.well-known/openid-configuration", { clientSecretEnv: "EU_SECRET" });
    expect(() => serviceSettings("gateway", { ...production(), EU_SECRET: "s", CONCERT_ISSUERS: local })).toThrow(
      "CONCERT_ISSUERS[0].signIn.discoveryUrl is plain http: a plain-http discoveryUrl is allowed only on loopback outside production",
    );
    const { NODE_ENV: _mode, ...development } = production();
    expect(serviceSettings("gateway", { ...development, EU_SECRET: "s", CONCERT_ISSUERS: local }).console?.signIn).toHaveLength(1);
    const remote = issuers("http://idp.example/.well-known/openid-configuration", { clientSecretEnv: "EU_SECRET" });
    expect(() => serviceSettings("gateway", { ...development, EU_SECRET: "s", CONCERT_ISSUERS: remote })).toThrow("only on loopback");
  });
});
