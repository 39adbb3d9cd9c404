import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AlertsWorker } from "@concert/alerts";
import { withDatabaseClient } from "@concert/db";
import { useTestSystem } from "@concert/system/testing";
import { Webhook } from "standardwebhooks";
import { Receiver } from "./receiver";

/**
 * The worker following the real change feeds (issue 16 item 1) with its service token, straight at the subgraphs.
 * These tests need the feeds: they run once `riskChanges` is in the committed schema, and are skipped before.
 */
const FEEDS_MERGED = readFileSync(join(__dirname, "../../schema/risk.graphql"), "utf8").includes("riskChanges(");
const describeWithFeeds = FEEDS_MERGED ? describe : describe.skip;

// The follower is driven by hand (followOnce) so that each step is deterministic.
const system = useTestSystem([], { alerts: { followFeeds: false } });
let worker: AlertsWorker;
let receiver: Receiver;
let base: string;

const CREATE_RULE = `mutation($input: AlertRuleInput!) { createAlertRule(input: $input) { secret rule { id } } }`;
const CREATE = `mutation($input: AssessmentInput!) { createRiskAssessment(input: $input) { id version } }`;
const PUBLISH = `mutation($id: ID!, $v: Int!) { publishRiskAssessment(id: $id, expectedVersion: $v) { id version } }`;
const TIGHTEN = `mutation($id: ID!, $v: Int!) {
  changeRiskAssessmentMarking(id: $id, expectedVersion: $v, input: { marking: ORIGINATOR, evidence: { marking: ORIGINATOR } }) { version }
}`;

async function publishedAssessment(token: string, country: string, likelihood: string): Promise<{ id: string; version: number }> {
  const created = await system.query<{ createRiskAssessment: { id: string; version: number } }>(CREATE, {
    token,
    variables: {
      input: {
        country,
        periodStart: "2026-01-01",
        periodEnd: "2026-03-31",
        likelihood,
        confidence: "MEDIUM",
        stage: "PREVENTION",
        summary: "[TEST] followed",
        marking: "PARTNERS",
      },
    },
  });
  expect(created.errors).toBeUndefined();
  const { id, version } = created.data!.createRiskAssessment;
  const published = await system.query<{ publishRiskAssessment: { id: string; version: number } }>(PUBLISH, {
    token,
    variables: { id, v: version },
  });
  expect(published.errors).toBeUndefined();
  return published.data!.publishRiskAssessment;
}

async function rule(path: string, country: string): Promise<{ id: string; secret: string }> {
  const response = await system.query<{ createAlertRule: { secret: string; rule: { id: string } } }>(CREATE_RULE, {
    token: await system.token("CAN", "analyst"),
    variables: {
      input: {
        name: `[TEST] ${path}`,
        url: `${base}${path}`,
        condition: { kind: "ASSESSMENT_LEVEL", countries: [country], level: "HIGH" },
      },
    },
  });
  expect(response.errors).toBeUndefined();
  return { id: response.data!.createAlertRule.rule.id, secret: response.data!.createAlertRule.secret };
}

async function waitFor(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  for (const until = Date.now() + timeoutMs; !check(); ) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Follows the feeds round after round until `check` holds. A feed serves an entry only once every transaction older
 * than it has ended (its `pg_snapshot_xmin` horizon), so on a busy cluster the round right after a write may
 * legitimately not see it yet; the looping worker reads it a round later, as this does.
 */
async function followUntil(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  for (const until = Date.now() + timeoutMs; !check(); ) {
    if (Date.now() > until) throw new Error("timed out");
    await worker.followOnce();
    await new Promise((r) => setTimeout(r, 200));
  }
}

describeWithFeeds("following the change feeds", () => {
  beforeAll(async () => {
    worker = system.alertsWorker!;
    receiver = new Receiver();
    base = await receiver.listen();
    // The first round reads what the feeds hold (the seed) and alerts none of it.
    await worker.followOnce();
  });

  afterAll(async () => {
    await receiver?.close();
  });

  it("alerts a published assessment it read in the risk feed, signed", async () => {
    const { secret } = await rule("/feed", "SSD");
    const deu = await system.token("DEU", "analyst");
    const assessment = await publishedAssessment(deu, "SSD", "VERY_HIGH");
    await followUntil(() => receiver.at("/feed").length > 0);
    const [message] = receiver.at("/feed");
    const body = new Webhook(secret).verify(message!.body, message!.headers as Record<string, string>) as {
      type: string;
      data: { record: { id: string; likelihood: string } };
    };
    expect(body.type).toBe("assessment.level_crossed");
    expect(body.data.record).toMatchObject({ id: assessment.id, likelihood: "VERY_HIGH" });
    // Read once: a later round finds nothing new.
    await worker.followOnce();
    await new Promise((r) => setTimeout(r, 1_500));
    expect(receiver.at("/feed")).toHaveLength(1);
  });

  it("sends nothing once the marking was tightened before the worker read the feed", async () => {
    await rule("/tightened-feed", "SOM");
    const deu = await system.token("DEU", "analyst");
    const assessment = await publishedAssessment(deu, "SOM", "VERY_HIGH");
    const tightened = await system.query(TIGHTEN, { token: deu, variables: { id: assessment.id, v: assessment.version } });
    expect(tightened.errors).toBeUndefined();
    await worker.followOnce();
    await new Promise((r) => setTimeout(r, 2_000));
    expect(receiver.at("/tightened-feed")).toHaveLength(0);
  });

  it("reads a feed again from its start when its cursor is refused, alerts none of the past, and goes on from its new cursor", async () => {
    const cursorOf = async () =>
      (
        await withDatabaseClient(process.env.DATABASE_URL!, system.databaseNames.alerts, (c) =>
          c.query<{ cursor: string }>("select cursor from feed_cursor where feed = 'risk'"),
        )
      ).rows[0]?.cursor;
    await rule("/resync", "MLI");
    const deu = await system.token("DEU", "analyst");
    await publishedAssessment(deu, "MLI", "VERY_HIGH");
    // A cursor the risk feed refuses (RESYNC_REQUIRED), as after a key change or a restore: the past is not alerted.
    await withDatabaseClient(process.env.DATABASE_URL!, system.databaseNames.alerts, (c) =>
      c.query("update feed_cursor set cursor = 'refused' where feed = 'risk'"),
    );
    await worker.followOnce();
    const resumed = await cursorOf();
    expect(resumed).toEqual(expect.any(String));
    expect(resumed).not.toBe("refused");
    await new Promise((r) => setTimeout(r, 1_000));
    expect(receiver.at("/resync")).toHaveLength(0);
    // What follows is alerted, from the cursor kept.
    await publishedAssessment(deu, "MLI", "VERY_HIGH");
    await followUntil(() => receiver.at("/resync").length > 0);
    expect(receiver.at("/resync")).toHaveLength(1);
  });

  it("alerts a pledge that falls due for renewal with no write to tell of it, once per date", async () => {
    const bgd = await system.token("BGD", "planner");
    const created = await system.query<{ createPledge: { id: string } }>(
      `mutation($input: PledgeInput!) { createPledge(input: $input) { id } }`,
      {
        token: bgd,
        variables: {
          input: { mission: "UNMISS", capabilityType: "EOD_UNIT", quantity: 1, personnel: 40, womenPersonnel: 8, renewalDue: "2099-06-30" },
        },
      },
    );
    expect(created.errors).toBeUndefined();
    const pledge = created.data!.createPledge.id;
    const made = await system.query<{ createAlertRule: { secret: string } }>(CREATE_RULE, {
      token: bgd,
      variables: { input: { name: "[TEST] renewals", url: `${base}/renewals`, condition: { kind: "PLEDGE_STATUS" } } },
    });
    expect(made.errors).toBeUndefined();
    await worker.followOnce();
    await new Promise((r) => setTimeout(r, 1_500));
    expect(receiver.at("/renewals")).toHaveLength(0);
    // The day comes: as the worker sees it, the pledge's renewal date is now today.
    const today = new Date().toISOString().slice(0, 10);
    await withDatabaseClient(process.env.DATABASE_URL!, system.databaseNames.alerts, (c) =>
      c.query(
        `update observed_record set data = jsonb_set(data, '{renewalDue}', to_jsonb($1::text)) where record_type = 'PLEDGE' and id = $2`,
        [today, pledge],
      ),
    );
    await worker.followOnce();
    await waitFor(() => receiver.at("/renewals").length > 0);
    const [message] = receiver.at("/renewals");
    const body = new Webhook(made.data!.createAlertRule.secret).verify(message!.body, message!.headers as Record<string, string>) as {
      type: string;
      data: { record: { id: string; renewalDue: string } };
    };
    expect(body.type).toBe("pledge.renewal_due");
    expect(body.data.record).toMatchObject({ id: pledge, renewalDue: today });
    // Once per date: later rounds send nothing more.
    await worker.followOnce();
    await worker.followOnce();
    await new Promise((r) => setTimeout(r, 1_500));
    expect(receiver.at("/renewals")).toHaveLength(1);
  });
});
