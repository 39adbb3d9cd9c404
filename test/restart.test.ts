// Starts and stops `npm start` itself (not the harness): restarting it, killing its parts and stopping it are what it tests.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { REGISTRY_WAIT_MS, signDevToken } from "@concert/auth";
import { freePort } from "@concert/db";

/** `npm start` as a user runs it (the compiled CLI), against its persistent embedded database. */
const START = resolve(__dirname, "../system/dist/cli/start.js");
const dataDir = mkdtempSync(join(tmpdir(), "concert-restart-"));
let ports: Record<string, string>;
let token: string;
/** Short registry bounds, so that an outage's whole course fits in the test. */
const OUTAGE_MS = 8_000;
const REGISTRY = { CONCERT_REGISTRY_FRESHNESS_MS: "1000", CONCERT_REGISTRY_OUTAGE_MS: String(OUTAGE_MS) };
/** Every `npm start` of the test: stopped at the end even when an expectation failed half-way. */
const started: ChildProcess[] = [];

function start(): Promise<{ child: ChildProcess; gateway: string; output: () => string }> {
  const env = { ...process.env, CONCERT_DATA_DIR: dataDir, DATABASE_URL: "", ...ports, ...REGISTRY };
  const child = spawn(process.execPath, [START], { env, stdio: ["ignore", "pipe", "pipe"] });
  started.push(child);
  let output = "";
  return new Promise((resolvePromise, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /Concert is ready: (\S+)/.exec(output);
      if (ready) resolvePromise({ child, gateway: `http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`, output: () => output });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`start exited with ${code}:\n${output}`)));
  });
}

/** Pids of the `serve <part>` processes `npm start` runs as its children. */
function partPid(parent: number, part: string): number {
  const pids = readdirSync("/proc").filter((p) => /^\d+$/.test(p));
  for (const pid of pids) {
    try {
      const ppid = Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
      const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (ppid === parent && args.some((a) => a.endsWith("serve.js")) && args.includes(part)) return Number(pid);
    } catch {
      // Gone meanwhile.
    }
  }
  throw new Error(`no serve ${part} under ${parent}`);
}

async function until(condition: () => boolean, ms = 60_000): Promise<void> {
  for (const started = Date.now(); !condition(); await new Promise((r) => setTimeout(r, 100))) {
    if (Date.now() - started > ms) throw new Error(`timed out after ${ms} ms`);
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((r) => (child.exitCode !== null ? r(child.exitCode) : child.on("exit", (code) => r(code))));
}

const SNAPSHOT = "{ partners { code } missions { acronym } riskFactors { number } practices { totalCount } engagements { totalCount } }";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A signed-in query; its HTTP status, body and how long it took. */
async function signedIn(url: string, query: string) {
  const started = Date.now();
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] };
  return { status: res.status, body, retryAfter: res.headers.get("retry-after"), ms: Date.now() - started };
}

/** Signed-in requests at the gateway and straight at risk and peacekeeping: none may be refused. */
async function signedInBurst(gateway: string) {
  const risk = `http://127.0.0.1:${ports.RISK_PORT}/graphql`;
  const peacekeeping = `http://127.0.0.1:${ports.PEACEKEEPING_PORT}/graphql`;
  return Promise.all([
    ...Array.from({ length: 10 }, () => signedIn(gateway, SNAPSHOT)),
    ...Array.from({ length: 5 }, () => signedIn(risk, "{ riskFactors { number } }")),
    ...Array.from({ length: 5 }, () => signedIn(peacekeeping, "{ missions { acronym } }")),
  ]);
}

async function snapshot(gateway: string) {
  const res = await fetch(gateway, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: SNAPSHOT }),
  });
  const body = (await res.json()) as { data: unknown; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

function postgresPid(): number | null {
  const lock = join(dataDir, "postgres", "postmaster.pid");
  return existsSync(lock) ? Number(readFileSync(lock, "utf8").split("\n")[0]) : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  ports = {
    GATEWAY_PORT: String(await freePort()),
    RISK_PORT: String(await freePort()),
    PEACEKEEPING_PORT: String(await freePort()),
    ENGAGEMENTS_PORT: String(await freePort()),
    ALERTS_PORT: String(await freePort()),
    EXCHANGE_PORT: String(await freePort()),
  };
  // Signed before the first start: `npm start` keeps the development issuer's key it finds in the data dir.
  token = await signDevToken(dataDir, { partner: "USA", roles: ["analyst"], subject: "restart@test", ttl: "1h" });
});

afterAll(async () => {
  for (const child of started) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill("SIGINT");
    await exited(child);
  }
  rmSync(dataDir, { recursive: true, force: true });
});

it("keeps its data across restarts without duplicating it, recovers from a killed run and stops cleanly", async () => {
  const first = await start();
  // Ready means ready: signed-in requests from the first moment after the banner, none refused.
  const burst = await signedInBurst(first.gateway);
  expect(burst.map((r) => [r.status, r.body.errors])).toEqual(burst.map(() => [200, undefined]));
  const seeded = await snapshot(first.gateway);

  // A second start on the same data directory refuses, and leaves the first running.
  const refused = spawn(process.execPath, [START], {
    env: { ...process.env, CONCERT_DATA_DIR: dataDir, DATABASE_URL: "", ...ports, ...REGISTRY },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let refusal = "";
  refused.stderr!.on("data", (chunk: Buffer) => (refusal += chunk.toString()));
  expect(await exited(refused)).toBe(3);
  expect(refusal).toContain(`Concert is already running on ${dataDir} (process ${first.child.pid})`);
  expect(await snapshot(first.gateway)).toEqual(seeded);

  // Killed outright: the embedded PostgreSQL server is left behind with its lock file.
  first.child.kill("SIGKILL");
  await exited(first.child);
  const orphan = postgresPid();
  expect(orphan).not.toBeNull();
  expect(alive(orphan!)).toBe(true);

  const second = await start();
  expect(alive(orphan!)).toBe(false);
  expect(await snapshot(second.gateway)).toEqual(seeded);

  // Each part is its own process: one killed is restarted, and the others keep their data. The restarted part counts
  // as up once its /readyz says so: from that line on, signed-in requests straight at it and through the gateway pass.
  const risk = partPid(second.child.pid!, "risk");
  process.kill(risk, "SIGKILL");
  await until(() => /risk died \(SIGKILL\); restarting/.test(second.output()));
  await until(() => /risk is ready again/.test(second.output()));
  const again = await signedInBurst(second.gateway);
  expect(again.map((r) => [r.status, r.body.errors])).toEqual(again.map(() => [200, undefined]));
  expect(second.output().split("risk: serving")).toHaveLength(3);
  expect(partPid(second.child.pid!, "risk")).not.toBe(risk);
  expect(await snapshot(second.gateway)).toEqual(seeded);

  // A hung registry (engagements stopped, not dead) costs a signed-in request one bounded wait, not one per part;
  // past the outage bound the request fails closed, at once, with SERVICE_UNAVAILABLE, and recovers once it answers.
  const engagements = partPid(second.child.pid!, "engagements");
  const RISK_QUERY = "{ riskFactors { number } }";
  process.kill(engagements, "SIGSTOP");
  const stoppedAt = Date.now();
  try {
    const during: number[] = [];
    while (Date.now() - stoppedAt < 4_000) {
      const res = await signedIn(second.gateway, RISK_QUERY);
      expect([res.status, res.body.errors]).toEqual([200, undefined]);
      during.push(res.ms);
      await sleep(100);
    }
    // docs/authority.md: at most REGISTRY_WAIT_MS of waiting per request, whatever parts it passes
    expect(Math.max(...during)).toBeLessThan(REGISTRY_WAIT_MS + 500);
    await sleep(Math.max(0, OUTAGE_MS + 2_000 - (Date.now() - stoppedAt)));
    const refused = await signedIn(second.gateway, RISK_QUERY);
    expect(refused.status).toBe(503);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", serviceName: "engagements" });
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(refused.ms).toBeLessThan(REGISTRY_WAIT_MS + 500);
  } finally {
    process.kill(engagements, "SIGCONT");
  }
  for (let ok = false, tries = 0; !ok; tries++) {
    if (tries > 50) throw new Error("the registry never came back");
    ok = (await signedIn(second.gateway, RISK_QUERY)).status === 200;
    if (!ok) await sleep(200);
  }

  // The embedded PostgreSQL is supervised too: when it dies, npm start says so, starts it again, and the parts recover.
  const database = postgresPid();
  process.kill(database!, "SIGINT");
  await until(() => /PostgreSQL died/.test(second.output()));
  await until(() => /PostgreSQL is running again/.test(second.output()));
  expect(postgresPid()).not.toBe(database);
  for (let tries = 0; ; tries++) {
    const res = await fetch(second.gateway, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: SNAPSHOT }),
    });
    const body = (await res.json()) as { data: unknown; errors?: unknown };
    if (!body.errors) {
      expect(body.data).toEqual(seeded);
      break;
    }
    if (tries > 100) throw new Error(`the parts did not recover: ${JSON.stringify(body.errors)}`);
    await sleep(200);
  }
  // Ctrl-C: everything stops, the database too. (No third start: the second one already showed that a start on a
  // used data directory keeps its data without seeding it twice, and each start costs about a minute on a small CI.)
  const beforeStop = second.output().length;
  second.child.kill("SIGINT");
  expect(await exited(second.child)).toBe(0);
  const pid = postgresPid();
  expect(pid === null || !alive(pid)).toBe(true);
  expect(second.output().slice(beforeStop)).not.toMatch(/\bERROR\b/);
}, 420_000);
