import { useTestSystem } from "@concert/system/testing";
import { sql } from "../authority/support.js";

/**
 * The shared watchlist reads each author's latest assessments from the rows flagged `latest_of_class`, which a
 * trigger keeps in every write's transaction: the latest published assessment per (country, author, marking,
 * releasable-to). Through creates, publications, revisions, marking changes and deletions, the flags stay equal to
 * what a full scan would find, and each viewer sees the author's latest assessment that it may read.
 */
const tokens: Record<string, string> = {};
const COUNTRY = "TCD";

const system = useTestSystem();
beforeAll(async () => {
  tokens.nld = await system.token("NLD", "analyst");
  tokens.usa = await system.token("USA", "analyst");
});

interface Written {
  id: string;
  version: number;
}

async function write<K extends string>(name: K, query: string, variables: Record<string, unknown>): Promise<Written> {
  return (await system.ok<Record<K, Written>>(query, tokens.nld, variables))[name];
}

function create(periodEnd: string, likelihood: string, marking: string): Promise<Written> {
  const finding = { indicator: "7.5", evidence: "Observed", source: "Field", observedOn: "2024-01-10", reliability: "PROBABLY_TRUE" };
  return write("createRiskAssessment", `mutation ($input: AssessmentInput!) { createRiskAssessment(input: $input) { id version } }`, {
    input: {
      country: COUNTRY,
      periodStart: `${periodEnd.slice(0, 4)}-01-01`,
      periodEnd,
      likelihood,
      confidence: "LOW",
      stage: "PREVENTION",
      summary: `Test assessment of ${COUNTRY}`,
      marking,
      factorRatings: [{ factor: 7, level: "HIGH", rationale: "Militias", findings: [finding] }],
    },
  });
}

function publish(a: Written): Promise<Written> {
  return write(
    "publishRiskAssessment",
    `mutation ($id: ID!, $v: Int!) { publishRiskAssessment(id: $id, expectedVersion: $v) { id version } }`,
    {
      id: a.id,
      v: a.version,
    },
  );
}

/** The flagged rows, and the rows a full scan finds to be the latest published of their class: they must agree. */
async function flags(): Promise<{ flagged: string[]; expected: string[] }> {
  const flagged = await sql<{ id: string }>(system, "risk", "select id from risk_assessment where latest_of_class order by id");
  const expected = await sql<{ id: string }>(
    system,
    "risk",
    `select id from (
       select distinct on (country_code, originator, marking, releasable_to) id from risk_assessment where status = 'PUBLISHED'
       order by country_code, originator, marking, releasable_to, period_end desc, created_at desc, id asc
     ) l order by id`,
  );
  return { flagged: flagged.map((r) => r.id), expected: expected.map((r) => r.id) };
}

async function expectFlagsRight(): Promise<void> {
  const { flagged, expected } = await flags();
  expect(flagged.length).toBeGreaterThan(0);
  expect(flagged).toEqual(expected);
}

/** The likelihood of NLD's latest assessment of the country that `viewer` may see on the shared watchlist, or null. */
async function latestSeenBy(viewer: string): Promise<string | null> {
  type Row = { country: { code: string }; latestAssessments: { author: { code: string }; likelihood: string; periodEnd: string }[] };
  const res = await system.query<{ sharedWatchlist: Row[] }>(
    `{ sharedWatchlist(region: "Africa") { country { code } latestAssessments { author { code } likelihood periodEnd } } }`,
    { token: tokens[viewer] },
  );
  expect(res.errors).toBeUndefined();
  const row = res.data!.sharedWatchlist.find((r) => r.country.code === COUNTRY);
  const nld = row?.latestAssessments.find((a) => a.author.code === "NLD");
  return nld ? `${nld.likelihood} ${nld.periodEnd}` : null;
}

it("keeps the latest-of-class flags right through every kind of write, and each viewer sees its latest readable assessment", async () => {
  // the seed's own assessments are flagged by the migration's backfill and the trigger
  await expectFlagsRight();

  // a draft is nobody's latest
  const older = await create("2024-12-31", "LOW", "PUBLIC");
  await expectFlagsRight();
  expect(await latestSeenBy("usa")).toBeNull();

  // published, it is
  const olderPublished = await publish(older);
  await expectFlagsRight();
  expect(await latestSeenBy("usa")).toBe("LOW 2024-12-31");

  // a newer period that only its author may read: the author sees it, others still the older public one
  const newer = await publish(await create("2025-12-31", "HIGH", "ORIGINATOR"));
  await expectFlagsRight();
  expect(await latestSeenBy("nld")).toBe("HIGH 2025-12-31");
  expect(await latestSeenBy("usa")).toBe("LOW 2024-12-31");

  // a revision supersedes the older version: its class's latest moves to the revision
  await write(
    "reviseRiskAssessment",
    `mutation ($id: ID!, $v: Int!) { reviseRiskAssessment(id: $id, expectedVersion: $v, input: { likelihood: MODERATE }) { id version } }`,
    { id: olderPublished.id, v: olderPublished.version },
  );
  await expectFlagsRight();
  expect(await latestSeenBy("usa")).toBe("MODERATE 2024-12-31");

  // the newer one made public: it joins the public class, whose latest it becomes
  await write(
    "changeRiskAssessmentMarking",
    `mutation ($id: ID!, $v: Int!) { changeRiskAssessmentMarking(id: $id, expectedVersion: $v, input: { marking: PUBLIC }) { id version } }`,
    { id: newer.id, v: newer.version },
  );
  await expectFlagsRight();
  expect(await latestSeenBy("usa")).toBe("HIGH 2025-12-31");

  // deleted (no mutation deletes an assessment; an operator might), the revision is the latest again
  await sql(system, "risk", "delete from finding where rating_id in (select id from factor_rating where assessment_id = $1)", [newer.id]);
  await sql(system, "risk", "delete from factor_rating where assessment_id = $1", [newer.id]);
  await sql(system, "risk", "delete from risk_assessment where id = $1", [newer.id]);
  await expectFlagsRight();
  expect(await latestSeenBy("usa")).toBe("MODERATE 2024-12-31");
  expect(await latestSeenBy("nld")).toBe("MODERATE 2024-12-31");
});
