// Runs its parts as processes itself (not the harness): two replicas of each subgraph and two gateways are what it tests.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signDevToken } from "@concert/auth";
import { dropDatabase, freePort } from "@concert/db";
import type { SubgraphName } from "@concert/system";
import { RoundRobin } from "../support/round-robin";
import { eventually, Processes, post, type Run, serverUrl } from "./support";

const SUBGRAPHS = ["engagements", "peacekeeping", "risk"] as const satisfies readonly SubgraphName[];
const processes = new Processes();
const dataDir = mkdtempSync(join(tmpdir(), "concert-replicas-"));
const dbName = (name: SubgraphName) => `rep${process.pid}_${name}`;
// Alerts' too: migrate prepares every subgraph's database, though alerts is not started here.
const databaseEnv = Object.fromEntries(
  ([...SUBGRAPHS, "alerts"] as const).map((n) => [`${n.toUpperCase()}_DATABASE_URL`, `${serverUrl()}/${dbName(n)}`]),
);
const balancers = {} as Record<SubgraphName, RoundRobin>;
const proxied = {} as Record<SubgraphName, string>;
const replicas = {} as Record<SubgraphName, Run[]>;
const gateways: string[] = [];
let token: string;

const CONTRIBUTE = "mutation ($input: PracticeInput!) { contributePractice(input: $input) { id version } }";
const UPDATE =
  "mutation ($id: ID!, $v: Int!, $title: String!) { updatePractice(id: $id, expectedVersion: $v, changes: { title: $title }) { version title } }";
const input = (title: string) => ({ kind: "BEST_PRACTICE", theme: "TRAINING", title, summary: "What it is.", marking: "PARTNERS" });

async function startReplica(name: SubgraphName): Promise<{ url: string; run: Run }> {
  const port = await freePort();
  const run = await processes.serve(name, {
    ...databaseEnv,
    ENGAGEMENTS_URL: proxied.engagements!,
    CONCERT_DATA_DIR: dataDir,
    PORT: String(port),
  });
  return { url: `http://127.0.0.1:${port}`, run };
}

beforeAll(async () => {
  // The development issuer's key, made before the services load it.
  token = await signDevToken(dataDir, { partner: "GCR2P", roles: ["analyst"], subject: "test:replicas", ttl: "1h" });
  const migrate = processes.run("migrate", [], { ...databaseEnv, CONCERT_DEMO_DATA: "1" });
  expect(await migrate.exited).toBe(0);
  // engagements first: every other part reads the partner registry from it (through its balancer).
  for (const group of [["engagements"], ["peacekeeping", "risk"]] as const) {
    await Promise.all(
      group.map(async (name: SubgraphName) => {
        const started = [await startReplica(name), await startReplica(name)];
        replicas[name] = started.map((s) => s.run);
        balancers[name] = new RoundRobin(started.map((s) => s.url));
        proxied[name] = `${await balancers[name].listen()}/graphql`;
      }),
    );
  }
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    await processes.serve("gateway", {
      CONCERT_DATA_DIR: dataDir,
      PORT: String(port),
      ENGAGEMENTS_URL: proxied.engagements,
      RISK_URL: proxied.risk,
      PEACEKEEPING_URL: proxied.peacekeeping,
      // Alerts is not started here: its fields are not asked.
      ALERTS_URL: `http://127.0.0.1:${await freePort()}/graphql`,
    });
    gateways.push(`http://127.0.0.1:${port}/graphql`);
  }
}, 180_000);

afterAll(async () => {
  await processes.kill();
  for (const balancer of Object.values(balancers)) await balancer.close();
  for (const name of [...SUBGRAPHS, "alerts"] as const) await dropDatabase(serverUrl(), dbName(name));
  rmSync(dataDir, { recursive: true, force: true });
});

it("lets exactly one of many concurrent revisions through both gateways win each version", async () => {
  const created = await post(gateways[0]!, CONTRIBUTE, { token, variables: { input: input("Contested") } });
  expect(created.errors).toBeUndefined();
  const { id } = created.data.contributePractice as { id: string; version: number };
  for (let version = 1; version <= 4; version++) {
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        post(gateways[i % 2]!, UPDATE, { token, variables: { id, v: version, title: `v${version + 1} by writer ${i}` } }),
      ),
    );
    const won = answers.filter((a) => a.errors === undefined);
    expect(won).toHaveLength(1);
    expect(won[0]!.data.updatePractice.version).toBe(version + 1);
    const lost = answers.filter((a) => a.errors !== undefined).map((a) => a.errors?.[0]?.extensions?.code);
    expect(lost).toEqual(Array(5).fill("CONFLICT"));
    const read = await post(gateways[1]!, "query ($id: ID!) { practice(id: $id) { version title } }", { token, variables: { id } });
    expect(read.data.practice).toEqual(won[0]!.data.updatePractice);
  }
}, 60_000);

it("loses no acknowledged write when a replica is SIGKILLed mid-load, and the survivor keeps answering", async () => {
  const acknowledged: string[] = [];
  const afterKill: string[] = [];
  let killed = false;
  let stop = false;
  const worker = async (w: number) => {
    for (let n = 0; !stop; n++) {
      const answer = await post(gateways[w % 2]!, CONTRIBUTE, { token, variables: { input: input(`Load ${w}.${n}`) } }).catch(
        () => undefined,
      );
      const id = answer?.errors === undefined ? (answer?.data?.contributePractice?.id as string | undefined) : undefined;
      if (id) (killed ? afterKill : acknowledged).push(id);
    }
  };
  const workers = [0, 1, 2, 3].map(worker);
  await new Promise((r) => setTimeout(r, 1500));
  replicas.engagements![0]!.child.kill("SIGKILL");
  killed = true;
  await new Promise((r) => setTimeout(r, 3000));
  stop = true;
  await Promise.all(workers);

  expect(await replicas.engagements![0]!.exited).toBeNull();
  expect(replicas.engagements![0]!.child.signalCode).toBe("SIGKILL");
  expect(acknowledged.length).toBeGreaterThan(0);
  // The survivor took the load after the kill.
  expect(afterKill.length).toBeGreaterThan(0);
  const missing: string[] = [];
  for (const id of [...acknowledged, ...afterKill]) {
    const read = await post(gateways[0]!, "query ($id: ID!) { practice(id: $id) { id } }", { token, variables: { id } });
    if (read.data?.practice?.id !== id) missing.push(id);
  }
  expect(missing).toEqual([]);
  // Both gateways still answer through the one engagements replica left.
  for (const gateway of gateways) {
    const answer = await eventually(
      () => post(gateway, "{ countries { code } practices(first: 1) { totalCount } }", { token }),
      (r) => r.errors === undefined,
      10_000,
    );
    expect(answer.errors).toBeUndefined();
  }
}, 90_000);
