// Starts and kills its parts as processes itself (not the harness): killing and restarting a subgraph is what it tests.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dropDatabase, freePort } from "@concert/db";
import type { SubgraphName } from "@concert/system";
import type { GraphQLResponse } from "@concert/system/testing";
import { eventually, Processes, post, type Run, readyz, serverUrl } from "./support";

const SUBGRAPHS = ["engagements", "peacekeeping", "risk"] as const satisfies readonly SubgraphName[];
/** One root list field from each subgraph. */
const LISTS = "{ countries { code } missions { acronym } riskFactors { number } }";
const LIST_OF: Record<(typeof SUBGRAPHS)[number], string> = { engagements: "countries", peacekeeping: "missions", risk: "riskFactors" };
const TIMEOUT_MS = 1500;

const processes = new Processes();
const dataDir = mkdtempSync(join(tmpdir(), "concert-processes-"));
const dbName = (name: SubgraphName) => `po${process.pid}_${name}`;
const ports = {} as Record<SubgraphName | "gateway", number>;
const url = (name: SubgraphName | "gateway") => `http://127.0.0.1:${ports[name]}/graphql`;
const parts = {} as Record<SubgraphName, Run>;

function startSubgraph(name: SubgraphName): Promise<Run> {
  return processes.serve(name, {
    [`${name.toUpperCase()}_DATABASE_URL`]: `${serverUrl()}/${dbName(name)}`,
    ENGAGEMENTS_URL: url("engagements"),
    CONCERT_DATA_DIR: dataDir,
    PORT: String(ports[name]),
  });
}

beforeAll(async () => {
  for (const name of [...SUBGRAPHS, "gateway"] as const) ports[name] = await freePort();
  const migrate = processes.run("migrate", [], {
    ...Object.fromEntries(SUBGRAPHS.map((n) => [`${n.toUpperCase()}_DATABASE_URL`, `${serverUrl()}/${dbName(n)}`])),
    // Migrate prepares every subgraph's database, alerts' too, though alerts is not started here.
    ALERTS_DATABASE_URL: `${serverUrl()}/${dbName("alerts")}`,
    CONCERT_DEMO_DATA: "1",
  });
  expect(await migrate.exited).toBe(0);
  // engagements first: the others load the partner registry from it.
  for (const name of SUBGRAPHS) parts[name] = await startSubgraph(name);
  await processes.serve("gateway", {
    CONCERT_DATA_DIR: dataDir,
    PORT: String(ports.gateway),
    RISK_URL: url("risk"),
    PEACEKEEPING_URL: url("peacekeeping"),
    ENGAGEMENTS_URL: url("engagements"),
    // Alerts is not started here: its fields are not asked.
    ALERTS_URL: `http://127.0.0.1:${await freePort()}/graphql`,
    SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS),
  });
}, 120_000);

afterAll(async () => {
  await processes.kill();
  for (const name of [...SUBGRAPHS, "alerts"] as const) await dropDatabase(serverUrl(), dbName(name));
  rmSync(dataDir, { recursive: true, force: true });
});

function servedAllBut(response: GraphQLResponse, down: (typeof SUBGRAPHS)[number]) {
  expect(response.status).toBe(200);
  expect(response.errors?.length).toBeGreaterThan(0);
  for (const error of response.errors ?? []) expect(error.extensions).toEqual({ code: "SERVICE_UNAVAILABLE", serviceName: down });
  expect(response.errors?.map((e) => e.path)).toEqual([[LIST_OF[down]]]);
  for (const name of SUBGRAPHS) {
    if (name === down) expect(response.data?.[LIST_OF[name]]).toBeNull();
    else expect(response.data?.[LIST_OF[name]]?.length).toBeGreaterThan(0);
  }
}

const whole = () =>
  eventually(
    () => post(url("gateway"), LISTS),
    (r) => r.errors === undefined,
    30_000,
  );

it("answers a cross-subgraph query in full with every part up", async () => {
  const response = await post(url("gateway"), LISTS);
  expect(response.errors).toBeUndefined();
  for (const name of SUBGRAPHS) expect(response.data?.[LIST_OF[name]]?.length).toBeGreaterThan(0);
});

it.each(SUBGRAPHS)(
  "serves the others' data when %s is SIGKILLed, and stays ready naming it",
  async (name) => {
    parts[name].child.kill("SIGKILL");
    await parts[name].exited;
    try {
      servedAllBut(await post(url("gateway"), LISTS), name);
      const ready = await readyz(url("gateway"));
      expect(ready.status).toBe(200);
      expect(ready.body.checks?.[name]).toEqual({ ok: false, problem: expect.any(String) });
      // Even with engagements gone, the others stay ready on their copy of the partner registry.
      for (const other of SUBGRAPHS.filter((n) => n !== name)) expect(ready.body.checks?.[other]).toEqual({ ok: true });
    } finally {
      parts[name] = await startSubgraph(name);
    }
    expect((await whole()).errors).toBeUndefined();
  },
  60_000,
);

it("answers SERVICE_UNAVAILABLE within the fetch timeout when a subgraph hangs (SIGSTOP)", async () => {
  const { child } = parts.peacekeeping;
  child.kill("SIGSTOP");
  try {
    const started = Date.now();
    const response = await post(url("gateway"), LISTS);
    const elapsed = Date.now() - started;
    servedAllBut(response, "peacekeeping");
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 2000);
  } finally {
    child.kill("SIGCONT");
  }
  expect((await whole()).errors).toBeUndefined();
}, 60_000);
