import { randomUUID } from "node:crypto";
import type { AlertsWorker } from "@concert/alerts";
import { withDatabaseClient } from "@concert/db";
import { useTestSystem } from "@concert/system/testing";
import { Webhook } from "standardwebhooks";
import { assessmentChange, forecastChange, Receiver } from "./receiver";

/**
 * Webhook alerts end to end: rules made through the gateway, changes given to the worker's evaluation entry
 * point (`ingest`) shaped as the change feeds deliver them, and a loopback receiver that checks each signature.
 * Once the feeds are merged, the follower feeds `ingest` from the real feeds; these tests do not depend on them.
 */

const system = useTestSystem([], { alerts: {} });
let worker: AlertsWorker;
let receiver: Receiver;
let base: string;
let canAnalyst: string;

interface Delivery {
  id: string;
  rule: string;
  status: string;
  attempts: number;
  lastError: string | null;
  event: string;
}

const CREATE = `mutation($input: AlertRuleInput!) { createAlertRule(input: $input) { secret rule { id version name url condition { kind countries level } } } }`;
const DELIVERIES = `query($rule: ID) { alertDeliveries(rule: $rule, first: 50) { nodes { id rule status attempts lastError event } } }`;

async function createRule(token: string, path: string, countries: string[], level = "HIGH"): Promise<{ id: string; secret: string }> {
  const response = await system.query<{ createAlertRule: { secret: string; rule: { id: string } } }>(CREATE, {
    token,
    variables: { input: { name: `[TEST] ${path}`, url: `${base}${path}`, condition: { kind: "ASSESSMENT_LEVEL", countries, level } } },
  });
  expect(response.errors).toBeUndefined();
  return { id: response.data!.createAlertRule.rule.id, secret: response.data!.createAlertRule.secret };
}

async function deliveriesOf(rule: string, token = canAnalyst): Promise<Delivery[]> {
  return (await system.ok<{ alertDeliveries: { nodes: Delivery[] } }>(DELIVERIES, token, { rule })).alertDeliveries.nodes;
}

/** Waits until every delivery of `rule` is DELIVERED or DEAD. */
async function settled(rule: string, count = 1, timeoutMs = 25_000): Promise<Delivery[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const list = await deliveriesOf(rule);
    if (list.length >= count && list.every((d) => d.status === "DELIVERED" || d.status === "DEAD")) return list;
    if (Date.now() > until) throw new Error(`deliveries of ${rule} did not settle: ${JSON.stringify(list)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  worker = system.alertsWorker!;
  receiver = new Receiver();
  base = await receiver.listen();
  canAnalyst = await system.token("CAN", "analyst");
});

afterAll(async () => {
  await receiver?.close();
});

describe("delivery", () => {
  it("sends a matching event to the receiver, signed per Standard Webhooks", async () => {
    const rule = await createRule(canAnalyst, "/ok", ["SDN"]);
    expect(rule.secret).toMatch(/^whsec_/);
    const id = randomUUID();
    const made = await worker.ingest([
      assessmentChange(id, "CREATED", { likelihood: "MODERATE", marking: "PARTNERS", country: "SDN", originator: "DEU" }),
      assessmentChange(id, "UPDATED", { likelihood: "VERY_HIGH", marking: "PARTNERS", country: "SDN", originator: "DEU" }),
    ]);
    expect(made).toHaveLength(1);
    const [delivery] = await settled(rule.id);
    expect(delivery).toMatchObject({ status: "DELIVERED", attempts: 1, lastError: null, event: "assessment.level_crossed" });
    const [message] = receiver.at("/ok");
    expect(message!.headers["webhook-id"]).toBe(delivery!.id);
    const verified = new Webhook(rule.secret).verify(message!.body, message!.headers as Record<string, string>) as {
      type: string;
      rule: { id: string };
      data: { direction: string; record: { id: string; likelihood: string; country: string; originator: string } };
    };
    expect(verified.type).toBe("assessment.level_crossed");
    expect(verified.rule.id).toBe(rule.id);
    expect(verified.data).toMatchObject({ direction: "UP", record: { id, likelihood: "VERY_HIGH", country: "SDN", originator: "DEU" } });
    // Another secret does not verify it.
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 1).toString("base64")}`).verify(message!.body, message!.headers as Record<string, string>),
    ).toThrow();
  });

  it("tries a failing receiver again with backoff, with the same webhook-id, until it accepts (third try)", async () => {
    const rule = await createRule(canAnalyst, "/fail-twice", ["MLI"]);
    await worker.ingest([
      assessmentChange(randomUUID(), "CREATED", { likelihood: "HIGH", marking: "PUBLIC", country: "MLI", originator: "FRA" }),
    ]);
    const [delivery] = await settled(rule.id);
    expect(delivery).toMatchObject({ status: "DELIVERED", attempts: 3, lastError: null });
    const tries = receiver.at("/fail-twice");
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((t) => t.headers["webhook-id"]))).toEqual(new Set([delivery!.id]));
    for (const t of tries) expect(() => new Webhook(rule.secret).verify(t.body, t.headers as Record<string, string>)).not.toThrow();
  });

  it("gives up on a receiver that always fails: DEAD after the last try, with the reason", async () => {
    const rule = await createRule(canAnalyst, "/always-fail", ["HTI"]);
    await worker.ingest([
      assessmentChange(randomUUID(), "CREATED", { likelihood: "VERY_HIGH", marking: "PUBLIC", country: "HTI", originator: "USA" }),
    ]);
    const [delivery] = await settled(rule.id);
    expect(delivery).toMatchObject({ status: "DEAD", attempts: 3, lastError: "receiver answered HTTP 500" });
    expect(receiver.at("/always-fail")).toHaveLength(3);
  });
});

describe("the owner's access", () => {
  it("sends nothing when the marking was tightened before the delivery", async () => {
    const rule = await createRule(canAnalyst, "/tightened", ["MMR"]);
    const id = randomUUID();
    const made = await worker.ingest([
      assessmentChange(id, "CREATED", { likelihood: "HIGH", marking: "PARTNERS", country: "MMR", originator: "GBR" }),
      assessmentChange(id, "UPDATED", { likelihood: "HIGH", marking: "ORIGINATOR", country: "MMR", originator: "GBR" }),
    ]);
    expect(made).toHaveLength(1);
    const [delivery] = await settled(rule.id);
    expect(delivery).toMatchObject({ status: "DEAD", attempts: 0 });
    expect(delivery!.lastError).toMatch(/no longer read/);
    expect(receiver.at("/tightened")).toHaveLength(0);
  });

  it("matches nothing the owner may not read: another partner's ORIGINATOR record, a draft, a RESTRICTED one not released to it", async () => {
    const rule = await createRule(canAnalyst, "/unreadable", ["YEM"]);
    const made = await worker.ingest([
      assessmentChange(randomUUID(), "CREATED", { likelihood: "VERY_HIGH", marking: "ORIGINATOR", country: "YEM", originator: "DEU" }),
      assessmentChange(randomUUID(), "CREATED", {
        likelihood: "VERY_HIGH",
        marking: "PUBLIC",
        country: "YEM",
        originator: "DEU",
        status: "DRAFT",
      }),
      assessmentChange(randomUUID(), "CREATED", {
        likelihood: "VERY_HIGH",
        marking: "RESTRICTED",
        releasableTo: ["FRA"],
        country: "YEM",
        originator: "DEU",
      }),
    ]);
    expect(made).toHaveLength(0);
    expect(await deliveriesOf(rule.id)).toHaveLength(0);
  });
});

describe("forecast rules", () => {
  async function rule(path: string, condition: Record<string, unknown>): Promise<string> {
    const input = { name: `[TEST] ${path}`, url: `${base}${path}`, condition };
    return (await system.ok<{ createAlertRule: { rule: { id: string } } }>(CREATE, canAnalyst, { input })).createAlertRule.rule.id;
  }

  it("a partner's forecast rising by N points, and the crowd crossing a probability, are sent to the owner", async () => {
    const question = randomUUID();
    const rise = await rule("/forecast-rise", { kind: "FORECAST_RISE", question, partner: "USA", points: 20 });
    const crowd = await rule("/crowd", { kind: "CROWD_FORECAST", question, probability: 0.5 });
    const made = await worker.ingest([
      forecastChange(randomUUID(), { question, originator: "USA", probability: 0.3, madeAt: "2026-11-01T10:00:00.000Z" }),
      forecastChange(randomUUID(), { question, originator: "EU", probability: 0.4, madeAt: "2026-11-02T10:00:00.000Z" }),
      // a GOVERNMENTS forecast of GBR's the owner (CAN) reads: crowd median(0.3, 0.4, 0.45) = 0.4
      forecastChange(randomUUID(), {
        question,
        originator: "GBR",
        probability: 0.45,
        madeAt: "2026-11-03T10:00:00.000Z",
        marking: "GOVERNMENTS",
      }),
      // USA to 0.6: +30 points; crowd median(0.6, 0.4, 0.45) = 0.45, still below 0.5
      forecastChange(randomUUID(), { question, originator: "USA", probability: 0.6, madeAt: "2026-11-04T10:00:00.000Z" }),
      // EU to 0.7: crowd median(0.6, 0.7, 0.45) = 0.6, up through 0.5
      forecastChange(randomUUID(), { question, originator: "EU", probability: 0.7, madeAt: "2026-11-05T10:00:00.000Z" }),
    ]);
    expect(made).toHaveLength(2);
    const [rose] = await settled(rise);
    expect(rose).toMatchObject({ status: "DELIVERED", event: "forecast.rose" });
    const [crossed] = await settled(crowd);
    expect(crossed).toMatchObject({ status: "DELIVERED", event: "forecast.crowd_crossed" });
    const body = JSON.parse(receiver.at("/crowd")[0]!.body) as { data: Record<string, unknown> };
    expect(body.data).toMatchObject({ question, probability: 0.5, crowd: 0.6, previousCrowd: 0.45, direction: "UP" });
    expect(JSON.parse(receiver.at("/forecast-rise")[0]!.body).data).toMatchObject({ points: 30, previousProbability: 0.3 });
  });

  it("nothing is sent about forecasts on a question the owner may not read", async () => {
    const question = randomUUID();
    const rise = await rule("/hidden-rise", { kind: "FORECAST_RISE", question, partner: "USA", points: 10 });
    const hidden = { question, originator: "USA", questionMarking: "ORIGINATOR" };
    const made = await worker.ingest([
      forecastChange(randomUUID(), { ...hidden, probability: 0.1, madeAt: "2026-11-01T10:00:00.000Z" }),
      forecastChange(randomUUID(), { ...hidden, probability: 0.9, madeAt: "2026-11-02T10:00:00.000Z" }),
    ]);
    expect(made).toHaveLength(0);
    expect(await deliveriesOf(rise)).toEqual([]);
  });
});

describe("rules belong to their partner", () => {
  let rule: { id: string; secret: string };
  let deuAnalyst: string;
  beforeAll(async () => {
    rule = await createRule(canAnalyst, "/own", ["COD"]);
    deuAnalyst = await system.token("DEU", "analyst");
  });

  const LIST = `{ alertRules(first: 100) { nodes { id name } } }`;

  it("lists a partner's own rules only, through the gateway and straight at the subgraph", async () => {
    for (const url of [undefined, system.subgraphs.alerts.url]) {
      const own = await system.query<{ alertRules: { nodes: { id: string }[] } }>(LIST, { token: canAnalyst, url });
      expect(own.data!.alertRules.nodes.map((n) => n.id)).toContain(rule.id);
      const other = await system.query<{ alertRules: { nodes: { id: string }[] } }>(LIST, { token: deuAnalyst, url });
      expect(other.errors).toBeUndefined();
      expect(other.data!.alertRules.nodes.map((n) => n.id)).not.toContain(rule.id);
      const theirs = await system.query<{ alertDeliveries: { nodes: Delivery[] } }>(DELIVERIES, {
        token: deuAnalyst,
        url,
        variables: { rule: rule.id },
      });
      expect(theirs.data!.alertDeliveries.nodes).toEqual([]);
    }
  });

  it("refuses anonymous callers", async () => {
    const response = await system.query(LIST);
    expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("lets no other partner change or delete it (NOT_FOUND, like a missing rule), and its own partner can", async () => {
    const update = `mutation($id: ID!, $v: Int!) { updateAlertRule(id: $id, expectedVersion: $v, changes: { name: "[TEST] renamed", rotateSecret: true }) { secret rule { name version } } }`;
    const remove = `mutation($id: ID!) { deleteAlertRule(id: $id) }`;
    for (const url of [undefined, system.subgraphs.alerts.url]) {
      const changed = await system.query(update, { token: deuAnalyst, url, variables: { id: rule.id, v: 1 } });
      expect(changed.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      const deleted = await system.query(remove, { token: deuAnalyst, url, variables: { id: rule.id } });
      expect(deleted.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    }
    const viewer = await system.query(remove, { token: await system.token("CAN", "viewer"), variables: { id: rule.id } });
    expect(viewer.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const own = await system.query<{ updateAlertRule: { secret: string; rule: { name: string; version: number } } }>(update, {
      token: canAnalyst,
      variables: { id: rule.id, v: 1 },
    });
    expect(own.errors).toBeUndefined();
    expect(own.data!.updateAlertRule.rule).toEqual({ name: "[TEST] renamed", version: 2 });
    expect(own.data!.updateAlertRule.secret).toMatch(/^whsec_/);
    expect(own.data!.updateAlertRule.secret).not.toBe(rule.secret);
    const gone = await system.query<{ deleteAlertRule: string }>(remove, { token: canAnalyst, variables: { id: rule.id } });
    expect(gone.data!.deleteAlertRule).toBe(rule.id);
    const list = await system.query<{ alertRules: { nodes: { id: string }[] } }>(LIST, { token: canAnalyst });
    expect(list.data!.alertRules.nodes.map((n) => n.id)).not.toContain(rule.id);
  });

  it("audits every write of a rule in its own transaction, and refuses a delete at a stale version with CONFLICT", async () => {
    const made = await createRule(canAnalyst, "/audited", ["MLI"]);
    const rotate = `mutation($id: ID!) { updateAlertRule(id: $id, expectedVersion: 1, changes: { rotateSecret: true }) { rule { version } } }`;
    expect((await system.query(rotate, { token: canAnalyst, variables: { id: made.id } })).errors).toBeUndefined();
    const remove = `mutation($id: ID!, $v: Int) { deleteAlertRule(id: $id, expectedVersion: $v) }`;
    const stale = await system.query(remove, { token: canAnalyst, variables: { id: made.id, v: 1 } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", field: "expectedVersion", currentVersion: 2 });
    const gone = await system.query<{ deleteAlertRule: string }>(remove, { token: canAnalyst, variables: { id: made.id, v: 2 } });
    expect(gone.data?.deleteAlertRule).toBe(made.id);
    const entries = await withDatabaseClient(
      process.env.DATABASE_URL!,
      system.databaseNames.alerts,
      async (c) =>
        (
          await c.query<{ action: string; entity_type: string; partner: string; originator: string; marking: string; decision: string }>(
            `select action, entity_type, partner, originator, marking, decision from audit_entry where $1 = any(entity_ids) order by id`,
            [made.id],
          )
        ).rows,
    );
    const entry = { entity_type: "AlertRule", partner: "CAN", originator: "CAN", marking: "ORIGINATOR", decision: "GRANTED" };
    expect(entries).toEqual([
      { ...entry, action: "create" },
      { ...entry, action: "update rotate-secret" },
      { ...entry, action: "delete" },
    ]);
  });

  it("checks the condition: BAD_USER_INPUT naming the field", async () => {
    const response = await system.query(CREATE, {
      token: canAnalyst,
      variables: { input: { name: "x", url: `${base}/ok`, condition: { kind: "ASSESSMENT_DIVERGENCE", country: "SDN" } } },
    });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "condition.levels" });
  });
});

describe("the service identity", () => {
  const PROBE = `{ riskAssessments(first: 1) { totalCount } }`;

  it("is accepted straight at a subgraph", async () => {
    const token = await system.serviceToken("alerts");
    for (const name of ["risk", "peacekeeping", "engagements", "alerts"] as const) {
      const response = await system.query(`{ __typename }`, { token, url: system.subgraphs[name].url });
      expect(response.errors).toBeUndefined();
    }
    const risk = await system.query(PROBE, { token, url: system.subgraphs.risk.url });
    expect(risk.errors).toBeUndefined();
  });

  it("is refused by the gateway with UNAUTHENTICATED", async () => {
    const response = await system.query(PROBE, { token: await system.serviceToken("alerts") });
    expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(response.data ?? null).toBeNull();
  });

  it("speaks for no partner: it has no alert rules of its own", async () => {
    const response = await system.query(`{ alertRules { nodes { id } } }`, {
      token: await system.serviceToken(),
      url: system.subgraphs.alerts.url,
    });
    expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
