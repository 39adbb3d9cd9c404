import { remoteDirectory, staticDirectory } from "@concert/auth";
import { freePort, withDatabaseClient } from "@concert/db";
import { gatewayReadiness, SUBGRAPHS } from "@concert/system";
import { useTestSubgraph } from "@concert/system/testing";

const subgraph = useTestSubgraph(SUBGRAPHS.risk);

it("is alive, and ready when its database answers, its migrations are current and the registry is loaded", async () => {
  expect(subgraph.live()).toEqual({ status: 200, body: { status: "ok" } });
  expect(await subgraph.ready()).toEqual({
    status: 200,
    body: { status: "ok", checks: { database: { ok: true }, migrations: { ok: true }, registry: { ok: true } } },
  });
});

it("answers the probes over HTTP without a token", async () => {
  const live = await fetch(new URL("/healthz", subgraph.url));
  expect([live.status, await live.json()]).toEqual([200, { status: "ok" }]);
  const ready = await fetch(new URL("/readyz", subgraph.url));
  expect(ready.status).toBe(200);
  expect(ready.headers.get("cache-control")).toBe("no-store");
  expect(((await ready.json()) as { checks: object }).checks).toEqual({
    database: { ok: true },
    migrations: { ok: true },
    registry: { ok: true },
  });
});

it("is not ready while its database is behind its migrations, and ready again once they are applied", async () => {
  const [last] = await withDatabaseClient(process.env.DATABASE_URL!, subgraph.dbName, async (c) => {
    const { rows } = await c.query("DELETE FROM mikro_orm_migrations WHERE id = (SELECT max(id) FROM mikro_orm_migrations) RETURNING *");
    return rows as { id: number; name: string; executed_at: Date }[];
  });
  try {
    const behind = await subgraph.ready();
    expect(behind.status).toBe(503);
    expect((await fetch(new URL("/readyz", subgraph.url))).status).toBe(503);
    expect(behind.body.checks?.migrations).toEqual({
      ok: false,
      problem: expect.stringContaining(`1 migration(s) not applied (${last!.name})`),
    });
    expect(behind.body.checks?.database).toEqual({ ok: true });
  } finally {
    await withDatabaseClient(process.env.DATABASE_URL!, subgraph.dbName, (c) =>
      c.query("INSERT INTO mikro_orm_migrations (id, name, executed_at) VALUES ($1, $2, $3)", [last!.id, last!.name, last!.executed_at]),
    );
  }
  expect((await fetch(new URL("/readyz", subgraph.url))).status).toBe(200);
});

it("keeps the gateway ready while a subgraph is down, naming it", async () => {
  const closed = await freePort();
  const readiness = await gatewayReadiness(
    { risk: subgraph.url, peacekeeping: `http://127.0.0.1:${closed}/graphql` },
    staticDirectory([{ code: "USA", kind: "GOVERNMENT", groups: [] }]),
  )();
  expect(readiness.status).toBe(200);
  expect(readiness.body.checks?.peacekeeping).toEqual({ ok: false, problem: expect.any(String) });
});

it("keeps the gateway unready until its copy of the partner registry has loaded", async () => {
  const closed = await freePort();
  const directory = remoteDirectory(`http://127.0.0.1:${closed}/graphql`);
  const answer = await gatewayReadiness({ risk: subgraph.url }, directory)();
  directory.close();
  expect(answer.status).toBe(503);
  expect(answer.body.checks?.registry).toEqual({ ok: false, problem: expect.stringContaining("registry") });
});
