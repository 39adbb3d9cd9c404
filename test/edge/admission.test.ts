import { request } from "node:http";
import { withDatabaseClient } from "@concert/db";
import { edgeFromEnv, SUBGRAPHS } from "@concert/system";
import { useTestSubgraph } from "@concert/system/testing";

/** One operation executes at a time, one more may wait, for at most this long. */
const QUEUE_TIMEOUT_MS = 2_000;
const QUERY = "{ riskAssessments(first: 1) { totalCount } }";

const edge = edgeFromEnv({}, true);
const subgraph = useTestSubgraph(SUBGRAPHS.risk, undefined, {
  edge: { ...edge, subgraphAdmission: { maxConcurrent: 1, maxQueued: 1, queueTimeoutMs: QUEUE_TIMEOUT_MS } },
});

interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: {
    data?: { riskAssessments?: { totalCount: number } } | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

interface Held {
  /** The answer, or "closed" when the connection went away first. */
  answer: Promise<Answer | "closed">;
  /** Sends the rest of the body. */
  finish(): void;
  /** Closes the connection. */
  disconnect(): void;
}

/** Posts `query` but sends only the headers and the first bytes of the body until `finish()`. */
function held(query = QUERY): Held {
  const body = JSON.stringify({ query });
  const req = request(subgraph.url, {
    method: "POST",
    agent: false,
    headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
  });
  const answer = new Promise<Answer | "closed">((resolve) => {
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers["retry-after"], body: JSON.parse(text) }));
      res.on("error", () => resolve("closed"));
    });
    req.on("error", () => resolve("closed"));
  });
  req.write(body.slice(0, 5));
  return { answer, finish: () => req.end(body.slice(5)), disconnect: () => req.destroy() };
}

async function post(query = QUERY): Promise<Answer & { ms: number }> {
  const started = Date.now();
  const res = await fetch(subgraph.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as Answer["body"];
  return { status: res.status, retryAfter: res.headers.get("retry-after") ?? undefined, body, ms: Date.now() - started };
}

/** The subgraph's own account of its operations and refusals, from GET /metrics. */
async function gauges(): Promise<{ executing: number; queued: number; queueFull: number; queueTimeout: number }> {
  const text = await (await fetch(new URL("/metrics", subgraph.url))).text();
  const value = (series: string) => Number(text.match(new RegExp(`^${series} (\\d+)$`, "m"))?.[1] ?? 0);
  return {
    executing: value('concert_graphql_operations\\{service="risk",state="executing"\\}'),
    queued: value('concert_graphql_operations\\{service="risk",state="queued"\\}'),
    queueFull: value('concert_admission_refusals_total\\{service="risk",reason="queue_full"\\}'),
    queueTimeout: value('concert_admission_refusals_total\\{service="risk",reason="queue_timeout"\\}'),
  };
}

/** Waits until the subgraph reports `executing` and `queued` operations; throws after `withinMs`. */
async function until(executing: number, queued: number, withinMs = 5_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const now = await gauges();
    if (now.executing === executing && now.queued === queued) return;
    if (Date.now() > deadline) throw new Error(`expected ${executing} executing and ${queued} queued, got ${JSON.stringify(now)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const answered = (answer: Answer | "closed") => (answer === "closed" ? answer : { status: answer.status, body: answer.body });
const SERVED = { status: 200, body: { data: { riskAssessments: { totalCount: expect.any(Number) } } } };

afterEach(async () => {
  // whatever a test did, every turn has come back
  await until(0, 0);
  expect(answered(await post())).toEqual(SERVED);
});

it("queues one operation behind the executing one, refuses the next with 503 SERVICE_UNAVAILABLE, and serves the queued one after the first", async () => {
  const before = await gauges();
  const first = held();
  await until(1, 0);
  const second = post();
  await until(1, 1);

  const third = await post();
  expect(third.status).toBe(503);
  expect(third.retryAfter).toBe("1");
  expect(third.body.errors).toEqual([
    { message: expect.stringMatching(/^service risk is at capacity/), extensions: { code: "SERVICE_UNAVAILABLE", serviceName: "risk" } },
  ]);
  expect((await gauges()).queueFull).toBe(before.queueFull + 1);

  // probes never wait for a turn
  const live = await fetch(new URL("/healthz", subgraph.url));
  expect([live.status, await live.json()]).toEqual([200, { status: "ok" }]);
  expect((await fetch(new URL("/readyz", subgraph.url))).status).toBe(200);
  expect(await gauges()).toMatchObject({ executing: 1, queued: 1 });

  first.finish();
  expect(answered(await first.answer)).toEqual(SERVED);
  expect(answered(await second)).toEqual(SERVED);
});

it("refuses an operation that waited past the queue timeout with 503 SERVICE_UNAVAILABLE", async () => {
  const before = await gauges();
  const first = held();
  await until(1, 0);
  const waited = await post();
  expect(waited.status).toBe(503);
  expect(waited.retryAfter).toBe("1");
  expect(waited.body.errors?.[0]?.extensions).toEqual({ code: "SERVICE_UNAVAILABLE", serviceName: "risk" });
  expect(waited.ms).toBeGreaterThanOrEqual(QUEUE_TIMEOUT_MS - 50);
  expect(waited.ms).toBeLessThan(QUEUE_TIMEOUT_MS + 2_000);
  expect(await gauges()).toMatchObject({ executing: 1, queued: 0, queueTimeout: before.queueTimeout + 1 });
  first.finish();
  expect(answered(await first.answer)).toEqual(SERVED);
});

it("lets a client that disconnects while queued leave the queue, and the next one take its place", async () => {
  const first = held();
  await until(1, 0);
  const queued = held();
  queued.finish();
  await until(1, 1);
  const { queueTimeout } = await gauges();
  queued.disconnect();
  expect(await queued.answer).toBe("closed");
  // at once, not when its wait would have timed out
  await until(1, 0, QUEUE_TIMEOUT_MS / 2);
  expect((await gauges()).queueTimeout).toBe(queueTimeout);
  // its place in the queue is free again
  const next = post();
  await until(1, 1);
  first.finish();
  expect(answered(await first.answer)).toEqual(SERVED);
  expect(answered(await next)).toEqual(SERVED);
});

it("frees the turn of a client that disconnects while its body is read", async () => {
  const first = held();
  await until(1, 0);
  first.disconnect();
  expect(await first.answer).toBe("closed");
  await until(0, 0);
});

it("keeps the turn of a client that disconnected while its operation executes until the execution ends, then frees it", async () => {
  let unlock = () => {};
  let locked = () => {};
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  // the operation's statement waits on this lock, so it is executing when the client goes away
  const lock = withDatabaseClient(process.env.DATABASE_URL!, subgraph.dbName, async (c) => {
    await c.query("BEGIN");
    await c.query("LOCK TABLE risk_assessment IN ACCESS EXCLUSIVE MODE");
    locked();
    await new Promise<void>((resolve) => (unlock = resolve));
    await c.query("ROLLBACK");
  });
  await isLocked;
  const first = held();
  first.finish();
  await until(1, 0);
  first.disconnect();
  expect(await first.answer).toBe("closed");
  // its work goes on, and holds the turn: the next operation waits
  const next = post();
  await until(1, 1);
  unlock();
  await lock;
  expect(answered(await next)).toEqual(SERVED);
});
