import type { AlertsWorker } from "@concert/alerts";
import { withDatabaseClient } from "@concert/db";
import { useTestSystem } from "@concert/system/testing";
import { Webhook } from "standardwebhooks";
import { settled } from "../feeds/support";
import { Receiver } from "./receiver";

/**
 * The two rule kinds that time decides (issue 27): a rotation due within N days with no replacement, and a pledge
 * waiting at its level for more than N days. The worker is driven by hand (followOnce), which also runs the timed sweep.
 */
const system = useTestSystem([], { alerts: { followFeeds: false } });
let worker: AlertsWorker;
let receiver: Receiver;
let base: string;
let bgd: string;

const CREATE_RULE = `mutation($input: AlertRuleInput!) { createAlertRule(input: $input) { secret rule { id condition { kind mission days } } } }`;
const CREATE = `mutation($input: PledgeInput!) { createPledge(input: $input) { id version } }`;
const STATUS = `mutation($id: ID!, $v: Int!, $s: PledgeStatus!) { changePledgeStatus(id: $id, expectedVersion: $v, status: $s) { version } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $input: PledgeInput!) { updatePledge(id: $id, expectedVersion: $v, input: $input) { version } }`;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function rule(token: string, path: string, condition: Record<string, unknown>): Promise<string> {
  const made = await system.ok<{ createAlertRule: { secret: string } }>(CREATE_RULE, token, {
    input: { name: `[TEST] ${path}`, url: `${base}${path}`, condition },
  });
  return made.createAlertRule.secret;
}

/** A BGD pledge to UNIFIL deployed now, rotating in `rotation` days. */
async function deployed(rotation: number): Promise<string> {
  const input = { mission: "UNIFIL", capabilityType: "ENGINEERING_UNIT", quantity: 1, personnel: 150 };
  const { createPledge: p } = await system.ok<{ createPledge: { id: string; version: number } }>(CREATE, bgd, { input });
  let v = p.version;
  for (const s of ["VERIFIED", "DEPLOYED"])
    v = (await system.ok<{ changePledgeStatus: { version: number } }>(STATUS, bgd, { id: p.id, v, s })).changePledgeStatus.version;
  await system.ok(UPDATE, bgd, { id: p.id, v, input: { rotationDue: inDays(rotation) } });
  return p.id;
}

/** One round of the worker once every write so far is past the feeds' horizon (pg_snapshot_xmin, shared by the server's databases). */
async function settle(): Promise<void> {
  await settled();
  await worker.followOnce();
  await new Promise((r) => setTimeout(r, 1_500));
}

/** Waits until `path` received at least `count` messages (deliveries are queued, then sent). */
async function received(path: string, count = 1, timeoutMs = 20_000): Promise<void> {
  for (const until = Date.now() + timeoutMs; receiver.at(path).length < count; ) {
    if (Date.now() > until) throw new Error(`${path}: no message within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function bodies(path: string, secret: string) {
  return receiver
    .at(path)
    .map((m) => new Webhook(secret).verify(m.body, m.headers as Record<string, string>) as { type: string; data: Record<string, unknown> });
}

beforeAll(async () => {
  worker = system.alertsWorker!;
  receiver = new Receiver();
  base = await receiver.listen();
  bgd = await system.token("BGD", "planner");
  await worker.followOnce();
});

afterAll(async () => {
  await receiver?.close();
});

describe("timed alert rules", () => {
  it("check their condition's fields", async () => {
    const un = await system.token("UN", "planner");
    for (const [condition, field] of [
      [{ kind: "ROTATION_UNCOVERED", mission: "UNIFIL" }, "condition.days"],
      [{ kind: "ROTATION_UNCOVERED", days: 30 }, "condition.mission"],
      [{ kind: "ROTATION_UNCOVERED", mission: "UNIFIL", days: 0 }, "condition.days"],
      [{ kind: "READINESS_STALLED", days: 3651 }, "condition.days"],
      [{ kind: "READINESS_STALLED", days: 30, theme: "TRAINING" }, "condition.theme"],
    ] as const) {
      const res = await system.query(CREATE_RULE, {
        token: un,
        variables: { input: { name: "[TEST] bad", url: `${base}/bad`, condition } },
      });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
  });

  it("alert a rotation due within N days with no replacement, once, and not a covered one", async () => {
    const uncovered = await deployed(10);
    const covered = await deployed(20);
    await system.ok(CREATE, bgd, {
      input: { mission: "UNIFIL", capabilityType: "ENGINEERING_UNIT", quantity: 1, personnel: 150, replaces: covered },
    });
    const later = await deployed(60);
    const secret = await rule(await system.token("UN", "planner"), "/rotations", {
      kind: "ROTATION_UNCOVERED",
      mission: "UNIFIL",
      days: 30,
    });
    // The USA reads none of these pledges: its rule sends nothing.
    const usaSecret = await rule(await system.token("USA", "analyst"), "/rotations-usa", {
      kind: "ROTATION_UNCOVERED",
      mission: "UNIFIL",
      days: 30,
    });
    await settle();
    await received("/rotations");
    const sent = bodies("/rotations", secret);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      type: "rotation.uncovered",
      data: { mission: "UNIFIL", days: 30, rotationDue: inDays(10), record: { id: uncovered, status: "DEPLOYED" } },
    });
    expect(sent.some((b) => (b.data.record as { id: string }).id === later)).toBe(false);
    expect(bodies("/rotations-usa", usaSecret)).toHaveLength(0);
    await settle();
    expect(receiver.at("/rotations")).toHaveLength(1);
  });

  it("alert a pledge that waited at its level for more than N days, once per level", async () => {
    const { createPledge: p } = await system.ok<{ createPledge: { id: string } }>(CREATE, bgd, {
      input: { mission: "UNIFIL", capabilityType: "MEDICAL_UNIT", quantity: 1, personnel: 60 },
    });
    const secret = await rule(bgd, "/stalled", { kind: "READINESS_STALLED", mission: "UNIFIL", days: 30 });
    await settle();
    expect(receiver.at("/stalled")).toHaveLength(0);
    // Forty days pass, as the worker sees the pledge.
    const since = new Date(Date.now() - 40 * 86_400_000).toISOString();
    await withDatabaseClient(process.env.DATABASE_URL!, system.databaseNames.alerts, (c) =>
      c.query(
        `update observed_record set data = jsonb_set(data, '{readinessSince}', to_jsonb($1::text)) where record_type = 'PLEDGE' and id = $2`,
        [since, p.id],
      ),
    );
    await settle();
    await received("/stalled");
    const sent = bodies("/stalled", secret);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      type: "pledge.readiness_stalled",
      data: { readiness: "LEVEL_1", since: since.slice(0, 10), record: { id: p.id } },
    });
    await settle();
    expect(receiver.at("/stalled")).toHaveLength(1);
  });
});
