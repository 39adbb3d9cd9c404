import { useTestSystem } from "@concert/system/testing";

/**
 * The access policy, cell by cell, through the gateway: personas × markings × operations.
 * Canada (a Stabilization Leaders Forum member) creates one record of each kind per marking,
 * about Iceland (where the seed has nothing), and each persona is asked for them in every way.
 */

type Case = "PUBLIC" | "PARTNERS" | "GOVERNMENTS" | "RESTRICTED_EU" | "RESTRICTED_SLF" | "ORIGINATOR";
const CASES: Case[] = ["PUBLIC", "PARTNERS", "GOVERNMENTS", "RESTRICTED_EU", "RESTRICTED_SLF", "ORIGINATOR"];
const sharing = (c: Case) =>
  c === "RESTRICTED_EU"
    ? { marking: "RESTRICTED", releasableTo: ["EU"] }
    : c === "RESTRICTED_SLF"
      ? { marking: "RESTRICTED", releasableTo: ["SLF"] }
      : { marking: c, releasableTo: [] };

type Persona = "anonymous" | "usAnalyst" | "euViewer" | "unPlanner" | "csoAnalyst";
/** What each persona may read, written out by hand from the policy in DESIGN.md. */
const VISIBLE: Record<Persona, Case[]> = {
  anonymous: ["PUBLIC"],
  usAnalyst: ["PUBLIC", "PARTNERS", "GOVERNMENTS", "RESTRICTED_SLF"], // the US is an SLF member
  euViewer: ["PUBLIC", "PARTNERS", "GOVERNMENTS", "RESTRICTED_EU"],
  unPlanner: ["PUBLIC", "PARTNERS", "GOVERNMENTS"],
  csoAnalyst: ["PUBLIC", "PARTNERS"], // civil society: no GOVERNMENTS material
};
const PERSONAS = Object.keys(VISIBLE) as Persona[];

const system = useTestSystem();
const tokens = {} as Record<Persona, string | undefined>;
const ids = {
  assessment: {} as Record<Case, string>,
  practice: {} as Record<Case, string>,
  engagement: {} as Record<Case, string>,
  pledge: {} as Record<Case, string>,
};
const caseOf = (kind: keyof typeof ids, id: string) => (Object.entries(ids[kind]) as [Case, string][]).find(([, v]) => v === id)?.[0];

beforeAll(async () => {
  tokens.anonymous = undefined;
  tokens.usAnalyst = await system.token("USA", "analyst");
  tokens.euViewer = await system.token("EU", "viewer");
  tokens.unPlanner = await system.token("UN", "planner");
  tokens.csoAnalyst = await system.token("GCR2P", "analyst");
  const canAnalyst = await system.token("CAN", "analyst");
  const canCoordinator = await system.token("CAN", "coordinator");
  const canPlanner = await system.token("CAN", "planner");
  for (const c of CASES) {
    const s = sharing(c);
    const created = await system.ok(
      `mutation($input: AssessmentInput!) { createRiskAssessment(input: $input) { id version } }`,
      canAnalyst,
      {
        input: {
          country: "ISL",
          periodStart: "2026-01-01",
          periodEnd: "2026-06-30",
          likelihood: "LOW",
          confidence: "MEDIUM",
          stage: "PREVENTION",
          summary: `[TEST] ${c}`,
          ...s,
          evidence: { marking: "ORIGINATOR", releasableTo: [] },
          factorRatings: [
            {
              factor: 1,
              level: "LOW",
              rationale: "test",
              findings: [{ evidence: "secret evidence", source: "secret source", observedOn: "2026-01-15", reliability: "CONFIRMED" }],
            },
          ],
        },
      },
    );
    const a = created.createRiskAssessment;
    await system.ok(`mutation($id: ID!, $v: Int!) { publishRiskAssessment(id: $id, expectedVersion: $v) { id } }`, canAnalyst, {
      id: a.id,
      v: a.version,
    });
    ids.assessment[c] = a.id;
    ids.practice[c] = (
      await system.ok(`mutation($input: PracticeInput!) { contributePractice(input: $input) { id } }`, canAnalyst, {
        input: { ...s, kind: "BEST_PRACTICE", theme: "MEDIATION", title: `[TEST] ${c}`, countries: ["ISL"], summary: "test practice" },
      })
    ).contributePractice.id;
    ids.engagement[c] = (
      await system.ok(`mutation($input: EngagementInput!) { recordEngagement(input: $input) { id } }`, canCoordinator, {
        input: {
          ...s,
          kind: "MEETING",
          title: `[TEST] ${c}`,
          participants: ["CAN"],
          countries: ["ISL"],
          date: "2026-03-01",
          summary: "test meeting",
        },
      })
    ).recordEngagement.id;
    ids.pledge[c] = (
      await system.ok(
        `mutation($marking: PledgeMarkingInput, $input: PledgeInput!) { createPledge(marking: $marking, input: $input) { id } }`,
        canPlanner,
        {
          marking: { ...s, unitDetailsMarking: "ORIGINATOR", unitDetailsReleasableTo: [], aggregateMarking: s.marking },
          input: {
            mission: "MINURSO",
            capabilityType: "STAFF_OFFICERS",
            quantity: 1,
            personnel: 5,
            womenPersonnel: 2,
            readiness: "LEVEL_1",
            unitDetails: "secret unit",
          },
        },
      )
    ).createPledge.id;
  }
}, 120_000);

const sorted = (cases: (Case | undefined)[]) => [...cases].sort();

describe.each(PERSONAS)("%s", (persona) => {
  const expected = sorted(VISIBLE[persona]);

  it("lists exactly the readable records, and counts only those", async () => {
    const data = await system.ok(
      `{ riskAssessments(country: "ISL", author: "CAN") { totalCount nodes { id } }
         practices(country: "ISL", partner: "CAN") { totalCount nodes { id } }
         engagements(country: "ISL", partner: "CAN") { totalCount nodes { id } }
         pledges(contributor: "CAN", mission: "MINURSO") { totalCount nodes { id } } }`,
      tokens[persona],
    );
    for (const [kind, field] of [
      ["assessment", "riskAssessments"],
      ["practice", "practices"],
      ["engagement", "engagements"],
      ["pledge", "pledges"],
    ] as const) {
      const seen = data[field].nodes.map((n: { id: string }) => caseOf(kind, n.id));
      expect({ kind, seen: sorted(seen) }).toEqual({ kind, seen: expected });
      expect({ kind, count: data[field].totalCount }).toEqual({ kind, count: expected.length });
    }
  });

  it("fetches a record by id only when readable; otherwise null, as for a missing one", async () => {
    for (const c of CASES) {
      const data = await system.ok(
        `query($a: ID!, $p: ID!, $e: ID!, $g: ID!) { riskAssessment(id: $a) { id } practice(id: $p) { id } engagement(id: $e) { id } pledge(id: $g) { id } }`,
        tokens[persona],
        { a: ids.assessment[c], p: ids.practice[c], e: ids.engagement[c], g: ids.pledge[c] },
      );
      const readable = VISIBLE[persona].includes(c);
      expect({
        c,
        assessment: !!data.riskAssessment,
        practice: !!data.practice,
        engagement: !!data.engagement,
        pledge: !!data.pledge,
      }).toEqual({
        c,
        assessment: readable,
        practice: readable,
        engagement: readable,
        pledge: readable,
      });
    }
    const missing = await system.ok(`{ riskAssessment(id: "00000000-0000-4000-8000-000000000000") { id } }`, tokens[persona]);
    expect(missing.riskAssessment).toBeNull();
  });

  it("resolves entity references across subgraphs to readable records only", async () => {
    // Country is owned by engagements; its assessments come from risk, its missions' pledges from peacekeeping.
    const data = await system.ok(
      `{ country(code: "ISL") { riskAssessments { id } practices { id } engagements { id } } partner(code: "CAN") { pledges { id } } }`,
      tokens[persona],
    );
    expect(sorted(data.country.riskAssessments.map((a: { id: string }) => caseOf("assessment", a.id)))).toEqual(expected);
    expect(sorted(data.country.practices.map((p: { id: string }) => caseOf("practice", p.id)))).toEqual(expected);
    expect(sorted(data.country.engagements.map((e: { id: string }) => caseOf("engagement", e.id)))).toEqual(expected);
    const pledges = data.partner.pledges.map((p: { id: string }) => caseOf("pledge", p.id)).filter(Boolean);
    expect(sorted(pledges)).toEqual(expected);
  });

  it("serves a readable record with its restricted parts null and FORBIDDEN", async () => {
    const res = await system.query(
      `query($id: ID!, $p: ID!) { riskAssessment(id: $id) { summary factorRatings { findings { evidence source } } } pledge(id: $p) { quantity unitDetails } }`,
      { token: tokens[persona], variables: { id: ids.assessment.PUBLIC, p: ids.pledge.PUBLIC } },
    );
    expect(res.data!.riskAssessment.summary).toBe("[TEST] PUBLIC");
    expect(res.data!.riskAssessment.factorRatings[0].findings[0]).toEqual({ evidence: null, source: null });
    expect(res.data!.pledge).toEqual({ quantity: 1, unitDetails: null });
    const forbidden = (res.errors ?? []).filter((e) => e.extensions?.code === "FORBIDDEN").map((e) => e.path!.at(-1));
    expect(sorted(forbidden as never)).toEqual(["evidence", "source", "unitDetails"]);
  });

  it("counts pledges in aggregates as their aggregate marking allows, without their detail", async () => {
    // each test pledge's aggregate marking equals its marking: the totals follow the same table
    const data = await system.ok(`{ readinessPipeline(contributor: "CAN", mission: "MINURSO") { pledges } }`, tokens[persona]);
    const total = data.readinessPipeline.reduce((sum: number, cell: { pledges: number }) => sum + cell.pledges, 0);
    expect(total).toBe(expected.length);
  });

  it("refuses writes to Canada's records", async () => {
    const res = await system.query(
      `mutation($id: ID!) { changePracticeMarking(id: $id, expectedVersion: 1, sharing: { marking: PUBLIC, releasableTo: [] }) { id } }`,
      { token: tokens[persona], variables: { id: ids.practice.PARTNERS } },
    );
    expect(res.data?.changePracticeMarking ?? null).toBeNull();
    const code = res.errors?.[0]?.extensions?.code;
    // a record the caller cannot even see is "not found"; one it sees but does not own is FORBIDDEN
    expect(code).toBe(persona === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN");
  });
});

describe("writes by role", () => {
  const create = `mutation($input: PracticeInput!) { contributePractice(input: $input) { id marking } }`;
  const input = { marking: "PUBLIC", kind: "LESSON_LEARNED", theme: "TRAINING", title: "[TEST] own practice", summary: "s" };

  it.each<[string, () => Promise<string | undefined>, string | null]>([
    ["a civil-society analyst contributes its own practice", () => system.token("GCR2P", "analyst"), null],
    ["a US analyst contributes its own practice", () => system.token("USA", "analyst"), null],
    ["an EU viewer may not", () => system.token("EU", "viewer"), "FORBIDDEN"],
    ["a UN planner may not", () => system.token("UN", "planner"), "FORBIDDEN"],
    ["a role nobody defined grants nothing", () => system.token("USA", "superuser"), "FORBIDDEN"],
    ["anonymous callers are told to sign in", async () => undefined, "UNAUTHENTICATED"],
  ])("%s", async (_name, token, code) => {
    const res = await system.query(create, { token: await token(), variables: { input } });
    if (code === null) {
      expect(res.errors).toBeUndefined();
      expect(res.data.contributePractice.marking).toBe("PUBLIC");
    } else {
      expect(res.errors?.[0]?.extensions?.code).toBe(code);
      expect(res.data?.contributePractice ?? null).toBeNull();
    }
  });
});
