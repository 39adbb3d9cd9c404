import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { AlertsWorker } from "@concert/alerts";
import { withDatabaseClient } from "@concert/db";
import { useTestSystem } from "@concert/system/testing";
import { openSecret, sealSecret } from "@concert/webhooks";
import { Webhook } from "standardwebhooks";
import { Receiver } from "./receiver";

/**
 * Issue 23, item 10: a watchlist change re-evaluates ASSESSMENT_LEVEL rules for the countries it adds (the worker
 * driven by hand with followOnce), and `npm run alerts:rekey` re-seals every rule's secret under a new key.
 */

const OLD_KEY = randomBytes(32);
const NEW_KEY = randomBytes(32);
const system = useTestSystem([], { alerts: { followFeeds: false, secretKey: OLD_KEY } });
let worker: AlertsWorker;
let receiver: Receiver;
let base: string;
/** The rules made here, with the secret each was given. */
const rules: { id: string; secret: string }[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sql = async <T>(text: string, params: unknown[] = []) =>
  withDatabaseClient(system.databaseUrl, system.databaseNames.alerts, async (c) => (await c.query(text, params)).rows as T[]);

async function publishedAssessment(country: string, likelihood: string, marking: string): Promise<string> {
  const deu = await system.token("DEU", "analyst");
  const input = {
    country,
    periodStart: "2026-01-01",
    periodEnd: "2026-03-31",
    likelihood,
    confidence: "MEDIUM",
    stage: "PREVENTION",
    summary: "[TEST] watched later",
    marking,
  };
  const created = (
    await system.ok(`mutation($input: AssessmentInput!) { createRiskAssessment(input: $input) { id version } }`, deu, { input })
  ).createRiskAssessment;
  await system.ok(`mutation($id: ID!, $v: Int!) { publishRiskAssessment(id: $id, expectedVersion: $v) { id } }`, deu, {
    id: created.id,
    v: created.version,
  });
  return created.id;
}

async function createRule(path: string, condition: Record<string, unknown>): Promise<void> {
  const made = (
    await system.ok(
      `mutation($input: AlertRuleInput!) { createAlertRule(input: $input) { secret rule { id } } }`,
      await system.token("CAN", "analyst"),
      {
        input: { name: `[TEST] ${path}`, url: `${base}${path}`, condition },
      },
    )
  ).createAlertRule;
  rules.push({ id: made.rule.id, secret: made.secret });
}

/** Follows the feeds round after round until `check` holds (a feed may hold an entry back a round, see feeds.test.ts). */
async function followUntil(check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  for (const until = Date.now() + timeoutMs; !(await check()); ) {
    if (Date.now() > until) throw new Error("timed out");
    await worker.followOnce();
    await sleep(200);
  }
}

beforeAll(async () => {
  worker = system.alertsWorker!;
  receiver = new Receiver();
  base = await receiver.listen();
  await worker.followOnce();
});

afterAll(async () => {
  await receiver?.close();
});

describe("a watchlist change", () => {
  it("re-evaluates ASSESSMENT_LEVEL rules for the countries it adds, for what the owner may read", async () => {
    // Published while nobody watches these countries: the assessments alone alert no rule.
    const above = await publishedAssessment("MLI", "VERY_HIGH", "PARTNERS");
    const below = await publishedAssessment("NER", "LOW", "PARTNERS");
    const unreadable = await publishedAssessment("BFA", "VERY_HIGH", "ORIGINATOR");
    const can = await system.token("CAN", "analyst");
    const watchlist = (await system.ok(`query($p: ID!) { watchlist(partner: $p) { id version } }`, can, { p: "CAN" })).watchlist;
    await createRule("/watched", { kind: "ASSESSMENT_LEVEL", watchlist: watchlist.id, level: "HIGH" });
    await createRule("/by-country", { kind: "ASSESSMENT_LEVEL", countries: ["SSD"], level: "HIGH" });
    const ids = [above, below, unreadable];
    await followUntil(
      async () => (await sql<{ n: string }>("select count(*) as n from observed_record where id = any($1)", [ids]))[0]!.n === "3",
    );
    await worker.followOnce();
    await sleep(1_000);
    expect(receiver.at("/watched")).toHaveLength(0);

    let version = watchlist.version;
    for (const country of ["MLI", "NER", "BFA"]) {
      version = (
        await system.ok(
          `mutation($w: ID!, $v: Int!, $e: WatchlistEntryInput!) { addWatchlistEntry(watchlistId: $w, expectedVersion: $v, entry: $e) { version } }`,
          can,
          { w: watchlist.id, v: version, e: { country, rationale: "[TEST] now watched" } },
        )
      ).addWatchlistEntry.version;
    }
    await followUntil(() => receiver.at("/watched").length > 0);
    // Every change of the list is read; later rounds find nothing more.
    await worker.followOnce();
    await worker.followOnce();
    await sleep(1_500);
    const secret = rules[0]!.secret;
    const bodies = receiver.at("/watched").map(
      (m) =>
        new Webhook(secret).verify(m.body, m.headers as Record<string, string>) as {
          type: string;
          data: { direction: string; level: string; watchlist: string; record: { id: string; country: string } };
        },
    );
    // Only the added country whose assessment reaches the level and that CAN may read: not NER (LOW), not BFA
    // (ORIGINATOR), not SSD or HTI (on the list before).
    expect(bodies.map((b) => b.data.record.id)).toEqual([above]);
    expect(bodies[0]).toMatchObject({
      type: "assessment.level_crossed",
      data: { direction: "UP", level: "HIGH", watchlist: watchlist.id, record: { id: above, country: "MLI" } },
    });
    expect(receiver.at("/by-country")).toHaveLength(0);
  });
});

describe("npm run alerts:rekey", () => {
  const CLI = join(__dirname, "../../system/dist/cli/alerts-rekey.js");
  const alertsDatabaseUrl = () => {
    const url = new URL(system.databaseUrl);
    url.pathname = `/${system.databaseNames.alerts}`;
    return url.toString();
  };
  const rekey = (env: Record<string, string>) =>
    spawnSync(process.execPath, [CLI], {
      env: { PATH: process.env.PATH, NODE_ENV: "development", ALERTS_DATABASE_URL: alertsDatabaseUrl(), ...env },
      encoding: "utf8",
      timeout: 60_000,
    });
  const stored = async () =>
    new Map((await sql<{ id: string; secret: string }>("select id, secret from alert_rule")).map((r) => [r.id, r.secret]));
  const keys = { ALERTS_SECRET_KEY: NEW_KEY.toString("base64"), ALERTS_PREVIOUS_SECRET_KEY: OLD_KEY.toString("base64") };

  // Every configuration problem is in system/src/config/config.test.ts; here, that the command reads it and exits 2.
  it("refuses without the old key, and changes nothing when any secret opens under neither key", async () => {
    expect(rules.length).toBeGreaterThanOrEqual(2);
    const missing = rekey({ ALERTS_SECRET_KEY: keys.ALERTS_SECRET_KEY });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("ALERTS_PREVIOUS_SECRET_KEY is required");

    const before = await stored();
    const wrong = rekey({ ...keys, ALERTS_PREVIOUS_SECRET_KEY: randomBytes(32).toString("base64") });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain("open under neither key");
    expect(await stored()).toEqual(before);

    // One rule sealed under a third key: the others are not re-sealed either (one transaction).
    const odd = rules[1]!;
    await sql("update alert_rule set secret = $2 where id = $1", [odd.id, sealSecret(randomBytes(32), odd.secret)]);
    const tampered = await stored();
    const partial = rekey(keys);
    expect(partial.status).toBe(1);
    expect(partial.stderr).toContain(odd.id);
    expect(await stored()).toEqual(tampered);
    await sql("update alert_rule set secret = $2 where id = $1", [odd.id, before.get(odd.id)]);
  });

  it("re-seals every rule's secret under the new key, the secrets unchanged; a repeated run changes nothing", async () => {
    const count = (await stored()).size;
    const run = rekey(keys);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`re-sealed ${count} rule secret(s)`);
    const after = await stored();
    for (const rule of rules) {
      expect(openSecret(NEW_KEY, after.get(rule.id)!)).toBe(rule.secret);
      expect(() => openSecret(OLD_KEY, after.get(rule.id)!)).toThrow();
    }
    const again = rekey(keys);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`re-sealed 0 rule secret(s)`);
    expect(again.stdout).toContain(`${count} already were`);
    expect(await stored()).toEqual(after);
  });
});
