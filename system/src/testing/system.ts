import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AlertsSettings } from "@concert/alerts";
import { signDevToken, signServiceToken, type TokenRequest, type TrustedIssuer } from "@concert/auth";
import { dropDatabase, freePort } from "@concert/db";
import type { EdgeSettings } from "@concert/edge";
import { type ChangeFeedSettings, developmentChangeFeed } from "@concert/subgraph-kit/feeds";
import { alertsFrom } from "../config/fields.js";
import { type AuthoritySettings, edgeFromEnv, SUBGRAPH_NAMES, type SubgraphName, type SystemConfig } from "../config/index.js";
import { type RunningSystem, startSystem } from "../start-system.js";
import { capturedLogs, type LogLine } from "./logs.js";
import type { GraphQLResponse, UntypedData } from "./response.js";

export interface TestSystem extends RunningSystem {
  /** Posts a GraphQL request to the gateway (or to `url`) as a client would. */
  query<TData = UntypedData>(
    query: string,
    options?: { token?: string; variables?: Record<string, unknown>; url?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<TData>>;
  /** A token of the service issuer (Concert's own parts), as the alerts worker signs it. */
  serviceToken(service?: string): Promise<string>;
  /** A token from the development issuer for `partner` with `roles`. */
  token(partner: string, ...roles: string[]): Promise<string>;
  /** A token from the development issuer as requested (a subject of the test's choosing). */
  signToken(request: TokenRequest): Promise<string>;
  /** SQL statements sent by all subgraphs since the last `resetStatements()`. */
  statements(): number;
  statementsBy(name: SubgraphName): number;
  resetStatements(): void;
  /** The database of each subgraph, on the server of `databaseUrl`. */
  databaseNames: Record<SubgraphName, string>;
  /** The change feeds' cursor key and retention, so that a test can sign a cursor of its own (an expired one). */
  changeFeed: ChangeFeedSettings;
  /** Every log line the services wrote so far, parsed (the last 20,000); error lines also go to stderr. */
  logs(): LogLine[];
  /** Posts a GraphQL request to the gateway and answers its data; a response with errors (or no data) fails the test. */
  ok<TData = UntypedData>(query: string, token?: string, variables?: Record<string, unknown>): Promise<TData>;
}

let runs = 0;

/** Alerts settings for tests: development defaults, no feed following, private (loopback) receivers allowed, fast retries. */
function testAlertsSettings(dataDir: string, development: boolean, overrides: Partial<AlertsSettings> = {}): AlertsSettings {
  const problems: string[] = [];
  const base = alertsFrom({}, { development: true, dataDir }, problems);
  if (!base) throw new Error(problems.join("; "));
  return {
    ...base,
    urlRules: { httpsOnly: !development, allowPrivateAddresses: true },
    followFeeds: false,
    retryDelaySeconds: 1,
    maxAttempts: 3,
    deliveryTimeoutMs: 2_000,
    ...overrides,
  };
}

/**
 * Starts the whole system for a test file (in development mode unless told otherwise): databases with a unique prefix on the server that
 * the jest global setup started (or `DATABASE_URL`), and every service on a free port.
 * `stop()` stops the services and drops the databases.
 */
export async function startTestSystem(
  extraIssuers: TrustedIssuer[] = [],
  options: {
    development?: boolean;
    edge?: Partial<EdgeSettings>;
    subgraphUrls?: Partial<Record<SubgraphName, string>>;
    authority?: AuthoritySettings;
    metricsPort?: number;
    /**
     * Run the alerts worker with these settings (merged over development defaults: no feed following, private
     * addresses allowed, a key in the test's data dir). Without it, alerts serves its GraphQL only.
     */
    alerts?: Partial<AlertsSettings>;
    /** The web console: sessions in this run's `gateway` database, development sign-in, manifests to accept. */
    console?: SystemConfig["console"];
    /** The gateway's port, when a test must name the gateway's URL before it starts (a free port by default). */
    gatewayPort?: number;
  } = {},
): Promise<TestSystem> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is not set: run the tests with `npm test`, whose global setup starts PostgreSQL");
  const dataDir = mkdtempSync(join(tmpdir(), "concert-test-"));
  const prefix = `t${process.pid}_${++runs}_`;
  const development = options.development ?? true;
  const edge = edgeFromEnv({}, development);
  const config: SystemConfig = {
    // 0: the gateway takes a free port when it listens, so no other process can take it in between
    gatewayPort: options.gatewayPort ?? 0,
    subgraphPorts: { risk: await freePort(), peacekeeping: await freePort(), engagements: await freePort(), alerts: await freePort() },
    databaseUrl,
    databasePrefix: prefix,
    dataDir,
    development,
    persistent: false,
    authority: options.authority,
    metricsPort: options.metricsPort,
    alerts: testAlertsSettings(dataDir, development, options.alerts),
    alertsWorker: options.alerts !== undefined,
    console: options.console,
    // Test files send many anonymous requests from one address in a minute; the rate-limit test sets its own.
    edge: { ...edge, rateLimit: { ...edge.rateLimit, anonymousRequests: 0, signedInRequests: 0 }, ...options.edge },
  };
  const changeFeed = developmentChangeFeed(dataDir);
  config.changeFeed = changeFeed;
  const logs = capturedLogs();
  config.logDestination = logs.destination;
  const system = await startSystem(config, extraIssuers, options.subgraphUrls);
  const test: TestSystem = {
    ...system,
    async ok(query, token, variables) {
      const response = await test.query(query, { token, variables });
      if (response.errors || !response.data)
        throw new Error(`${query.replace(/\s+/g, " ").slice(0, 100)}: ${JSON.stringify(response.errors ?? response)}`);
      return response.data as never;
    },
    async query(query, options = {}) {
      const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      const response = await fetch(options.url ?? system.gatewayUrl, {
        method: "POST",
        headers,
        body: JSON.stringify({ query, variables: options.variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse, "status">;
      return { status: response.status, ...body } as never;
    },
    serviceToken: (service = "alerts") => signServiceToken(dataDir, service),
    signToken: (request) => signDevToken(dataDir, request),
    token: (partner, ...roles) => signDevToken(dataDir, { partner, roles, subject: `test:${partner}:${roles.join("+")}`, ttl: "1h" }),
    statements: () => SUBGRAPH_NAMES.reduce((sum, n) => sum + system.subgraphs[n].statements.total, 0),
    statementsBy: (name) => system.subgraphs[name].statements.total,
    resetStatements: () => {
      for (const n of SUBGRAPH_NAMES) system.subgraphs[n].statements.reset();
    },
    changeFeed,
    databaseNames: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, `${prefix}${n}`])) as Record<SubgraphName, string>,
    logs: logs.lines,
    async stop() {
      await system.stop();
      for (const name of [...SUBGRAPH_NAMES, "gateway"]) await dropDatabase(databaseUrl, `${prefix}${name}`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return test;
}

/** Jest's hooks, which the harness reads from the test file's globals (production code never loads it). */
export interface Hooks {
  beforeAll(fn: () => Promise<void>, timeout?: number): void;
  afterAll(fn: () => Promise<void>, timeout?: number): void;
}

type StartArgs = Parameters<typeof startTestSystem>;

/**
 * The test file's system: started in a `beforeAll` and stopped in an `afterAll` that this call registers (so a
 * `beforeAll` written after it sees a running system), instead of a start and stop block in every file. The
 * answer is usable inside tests and hooks; touching it at module level, before the system started, throws.
 */
export function useTestSystem(...args: StartArgs): TestSystem {
  return usePreparedTestSystem(async () => args);
}

/**
 * `useTestSystem` for a file that makes what the start needs first (issuers, a receiver, free ports): `setup` runs in
 * the `beforeAll` and answers the start's arguments; `teardown` runs after the system stopped, to close what `setup`
 * opened (also when the start failed half-way).
 */
export function usePreparedTestSystem(setup: () => Promise<StartArgs>, teardown?: () => Promise<void>): TestSystem {
  return useStarted("test system", async () => startTestSystem(...(await setup())), teardown);
}

/**
 * How long a start (or stop) may take: a whole system, with what a setup makes first (OIDC providers, a browser's
 * files), on a CI machine whose two cores run several test files at once; jest's 60 s default is a test's.
 */
const START_TIMEOUT_MS = 180_000;

/**
 * What `start` answers, started in a `beforeAll` and stopped in an `afterAll` that this call registers (then
 * `teardown`, also when the start failed half-way). The answer is usable inside tests and hooks; touching it before
 * the start (at module level) throws, naming `what`.
 */
export function useStarted<T extends { stop(): Promise<void> }>(what: string, start: () => Promise<T>, teardown?: () => Promise<void>): T {
  const { beforeAll, afterAll } = globalThis as unknown as Hooks;
  let running: T | undefined;
  beforeAll(async () => {
    running = await start();
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await running?.stop();
    await teardown?.();
  }, START_TIMEOUT_MS);
  return new Proxy({} as T, {
    get(_, key) {
      if (!running) throw new Error(`the ${what} starts in beforeAll: use it inside a test or a hook`);
      return Reflect.get(running, key);
    },
  });
}
