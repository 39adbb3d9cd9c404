import { type UntypedData, useTestSystem } from "@concert/system/testing";

/** Assessment and watchlist writes through the gateway: roles, ownership, versions, validation. */
const tokens: Record<string, string> = {};

const system = useTestSystem();
beforeAll(async () => {
  tokens.usa = await system.token("USA", "analyst");
  tokens.usaViewer = await system.token("USA", "viewer");
  tokens.can = await system.token("CAN", "analyst");
  tokens.eu = await system.token("EU", "viewer");
  tokens.nld = await system.token("NLD", "analyst");
});

function ask<T = UntypedData>(persona: string | null, query: string, variables?: Record<string, unknown>) {
  return system.query<T>(query, { token: persona ? tokens[persona] : undefined, variables });
}

const FIELDS =
  "id version revision status likelihood summary trend marking evidenceMarking supersedes { id status } factorRatings { factor { number } level findings { indicator { code } evidence } }";

/** What FIELDS select. */
interface Assessment {
  id: string;
  version: number;
  revision: number;
  status: string;
  likelihood: string;
  summary: string;
  trend: string;
  marking: string;
  evidenceMarking: string;
  supersedes: { id: string; status: string } | null;
  factorRatings: { factor: { number: number }; level: string; findings: { indicator: { code: string }; evidence: string | null }[] }[];
}

const CREATE = `mutation ($input: AssessmentInput!) { createRiskAssessment(input: $input) { ${FIELDS} } }`;
const PUBLISH = `mutation ($id: ID!, $v: Int!) { publishRiskAssessment(id: $id, expectedVersion: $v) { ${FIELDS} } }`;
const REVISE = `mutation ($id: ID!, $v: Int!, $input: AssessmentRevisionInput!) { reviseRiskAssessment(id: $id, expectedVersion: $v, input: $input) { ${FIELDS} } }`;
const MARK = `mutation ($id: ID!, $v: Int!, $input: AssessmentMarkingInput!) { changeRiskAssessmentMarking(id: $id, expectedVersion: $v, input: $input) { id version marking releasableTo evidenceMarking } }`;
const ONE = `query ($id: ID!) { riskAssessment(id: $id) { id status version } }`;
const HISTORY = `query ($code: ID!) { country(code: $code) { riskHistory { author { code } assessments { revision status summary trend } } } }`;

function assessmentInput(overrides: Record<string, unknown> = {}) {
  return {
    country: "BDI",
    periodStart: "2026-01-01",
    periodEnd: "2026-06-30",
    likelihood: "MODERATE",
    probability: 0.2,
    confidence: "MEDIUM",
    stage: "PREVENTION",
    summary: "Test assessment",
    scenarios: ["Unrest around elections"],
    recommendedActions: ["Support mediation"],
    marking: "PARTNERS",
    evidence: { marking: "GOVERNMENTS" },
    factorRatings: [
      {
        factor: 8,
        level: "HIGH",
        rationale: "Elections ahead",
        findings: [
          {
            indicator: "8.8",
            evidence: "Contested voter registration",
            source: "Field visit",
            observedOn: "2026-01-15",
            reliability: "PROBABLY_TRUE",
          },
        ],
      },
    ],
    ...overrides,
  };
}

describe("the life of an assessment", () => {
  let id: string;

  it("creates a draft that only its author sees", async () => {
    const res = await ask("usa", CREATE, { input: assessmentInput() });
    expect(res.errors).toBeUndefined();
    const a = res.data!.createRiskAssessment;
    expect(a).toMatchObject({
      version: 1,
      revision: 1,
      status: "DRAFT",
      trend: "NEW",
      marking: "PARTNERS",
      evidenceMarking: "GOVERNMENTS",
      supersedes: null,
    });
    expect(a.factorRatings).toEqual([
      { factor: { number: 8 }, level: "HIGH", findings: [{ indicator: { code: "8.8" }, evidence: "Contested voter registration" }] },
    ]);
    id = a.id;
    expect((await ask("can", ONE, { id })).data!.riskAssessment).toBeNull();
    expect((await ask("usa", ONE, { id })).data!.riskAssessment).toMatchObject({ id, status: "DRAFT" });
  });

  it("publishes it for everyone its marking reaches, once", async () => {
    const SHARED = `{ sharedWatchlist(region: "Africa") { country { code } latestAssessments { id likelihood } } }`;
    type Shared = { sharedWatchlist: { country: { code: string }; latestAssessments: { id: string; likelihood: string }[] }[] };
    const burundi = async () =>
      (await ask<Shared>("can", SHARED)).data!.sharedWatchlist.find((c) => c.country.code === "BDI")?.latestAssessments ?? [];
    // read before the write: the latest assessments kept until one is written are there to be replaced
    expect((await burundi()).map((a) => a.id)).not.toContain(id);
    const res = await ask("usa", PUBLISH, { id, v: 1 });
    expect(res.errors).toBeUndefined();
    expect(res.data!.publishRiskAssessment).toMatchObject({ status: "PUBLISHED", version: 2 });
    expect((await ask("can", ONE, { id })).data!.riskAssessment).toMatchObject({ status: "PUBLISHED" });
    expect(await burundi()).toContainEqual({ id, likelihood: "MODERATE" });
    const again = await ask("usa", PUBLISH, { id, v: 2 });
    expect(again.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
  });

  it("refuses the stale one of two concurrent revisions with CONFLICT and keeps the other", async () => {
    const [a, b] = await Promise.all([
      ask<{ reviseRiskAssessment: Assessment }>("usa", REVISE, {
        id,
        v: 2,
        input: { summary: "Revision A", likelihood: "HIGH", probability: 0.5 },
      }),
      ask<{ reviseRiskAssessment: Assessment }>("usa", REVISE, {
        id,
        v: 2,
        input: { summary: "Revision B", likelihood: "VERY_HIGH", probability: 0.85 },
      }),
    ]);
    const results = [a, b];
    const won = results.filter((r) => !r.errors);
    const lost = results.filter((r) => r.errors);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.errors![0]!.extensions!.code).toBe("CONFLICT");
    const winner = won[0]!.data!.reviseRiskAssessment;
    expect(winner).toMatchObject({ revision: 2, status: "PUBLISHED", version: 1, supersedes: { id, status: "SUPERSEDED" } });
    // the ratings were carried over
    expect(winner.factorRatings.map((r) => r.factor.number)).toEqual([8]);

    const history = (await ask("usa", HISTORY, { code: "BDI" })).data!.country.riskHistory;
    expect(history).toEqual([
      {
        author: { code: "USA" },
        assessments: [
          { revision: 1, status: "SUPERSEDED", summary: "Test assessment", trend: "NEW" },
          { revision: 2, status: "PUBLISHED", summary: winner.summary, trend: "NEW" },
        ],
      },
    ]);

    const late = await ask("usa", REVISE, { id, v: 2, input: { summary: "Too late" } });
    expect(late.errors![0]!.extensions).toMatchObject({ code: "CONFLICT", field: "expectedVersion", currentVersion: 3 });
  });

  it("derives the trend from the author's previous period", async () => {
    const created = await ask("usa", CREATE, {
      input: assessmentInput({ periodStart: "2026-07-01", periodEnd: "2026-12-31", likelihood: "LOW", summary: "Calmer" }),
    });
    const next = await ask("usa", PUBLISH, { id: created.data!.createRiskAssessment.id, v: 1 });
    // the previous one is the winning revision (HIGH or VERY_HIGH), not its superseded original (MODERATE)
    expect(next.data!.publishRiskAssessment.trend).toBe("IMPROVING");
  });

  it("lets only the author change the marking, never looser evidence than the record", async () => {
    const current = (await ask("usa", HISTORY, { code: "BDI" })).data!.country.riskHistory[0].assessments;
    expect(current).toHaveLength(3);
    const list = await ask<{ riskAssessments: { nodes: { id: string; version: number; periodEnd: string }[] } }>(
      "usa",
      `{ riskAssessments(country: "BDI", status: PUBLISHED, first: 5) { nodes { id version periodEnd } } }`,
    );
    const target = list.data!.riskAssessments.nodes.find((n) => n.periodEnd === "2026-06-30")!;

    const byOther = await ask("can", MARK, { id: target.id, v: target.version, input: { marking: "PUBLIC" } });
    expect(byOther.errors![0]!.extensions!.code).toBe("FORBIDDEN");

    const looser = await ask("usa", MARK, { id: target.id, v: target.version, input: { marking: "RESTRICTED", releasableTo: ["SLF"] } });
    expect(looser.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.evidence.marking" });

    const res = await ask("usa", MARK, {
      id: target.id,
      v: target.version,
      input: { marking: "RESTRICTED", releasableTo: ["SLF"], evidence: { marking: "ORIGINATOR" } },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.changeRiskAssessmentMarking).toMatchObject({
      marking: "RESTRICTED",
      releasableTo: ["SLF"],
      evidenceMarking: "ORIGINATOR",
      version: target.version + 1,
    });
    expect((await ask("eu", ONE, { id: target.id })).data!.riskAssessment).toBeNull();
    expect((await ask("can", ONE, { id: target.id })).data!.riskAssessment).not.toBeNull();

    // `previous` skips a period the reader may not see, for the next one it may
    const later = list.data!.riskAssessments.nodes.find((n) => n.periodEnd === "2026-12-31")!;
    const previous = async (who: string) =>
      (await ask(who, `query ($id: ID!) { riskAssessment(id: $id) { previous { periodEnd } } }`, { id: later.id })).data!.riskAssessment
        .previous;
    expect(await previous("can")).toEqual({ periodEnd: "2026-06-30" });
    expect(await previous("eu")).toBeNull(); // its only earlier period is the one EU may no longer read
  });

  it("refuses writes without the analyst role, for another partner's record, or anonymously", async () => {
    expect((await ask("usaViewer", CREATE, { input: assessmentInput() })).errors![0]!.extensions!.code).toBe("FORBIDDEN");
    expect((await ask(null, CREATE, { input: assessmentInput() })).errors![0]!.extensions!.code).toBe("UNAUTHENTICATED");
    const can = (await ask("can", `{ riskAssessments(author: "CAN", country: "HTI") { nodes { id version } } }`)).data!.riskAssessments
      .nodes[0];
    const res = await ask("usa", REVISE, { id: can.id, v: can.version, input: { summary: "Not mine" } });
    expect(res.errors![0]!.extensions!.code).toBe("FORBIDDEN");
    const missing = await ask("usa", PUBLISH, { id: "00000000-0000-4000-8000-000000000000", v: 1 });
    expect(missing.errors![0]!.extensions!.code).toBe("NOT_FOUND");
  });
});

describe("validation", () => {
  const finding = { indicator: "7.5", evidence: "e", source: "s", observedOn: "2026-01-15", reliability: "CONFIRMED" };
  const rating = (overrides: Record<string, unknown> = {}) => ({
    factor: 7,
    level: "HIGH",
    rationale: "r",
    findings: [finding],
    ...overrides,
  });

  it.each<[string, string, Record<string, unknown>]>([
    ["an unknown country", "input.country", { country: "XXX" }],
    ["a probability above 1", "input.probability", { probability: 1.5 }],
    ["a negative probability", "input.probability", { probability: -0.1 }],
    ["a period ending before it starts", "input.periodEnd", { periodStart: "2026-06-01", periodEnd: "2026-05-31" }],
    ["a day that does not exist", "input.periodStart", { periodStart: "2026-02-30" }],
    ["an empty summary", "input.summary", { summary: "  " }],
    ["an empty scenario", "input.scenarios[0]", { scenarios: [""] }],
    ["an unknown factor", "input.factorRatings[0].factor", { factorRatings: [rating({ factor: 15 })] }],
    ["a factor rated twice", "input.factorRatings[1].factor", { factorRatings: [rating(), rating()] }],
    ["an empty rating rationale", "input.factorRatings[0].rationale", { factorRatings: [rating({ rationale: "" })] }],
    [
      "an indicator of another factor",
      "input.factorRatings[0].findings[0].indicator",
      { factorRatings: [rating({ findings: [{ ...finding, indicator: "8.8" }] })] },
    ],
    [
      "an unknown indicator",
      "input.factorRatings[0].findings[0].indicator",
      { factorRatings: [rating({ findings: [{ ...finding, indicator: "7.99" }] })] },
    ],
    [
      "empty evidence",
      "input.factorRatings[0].findings[0].evidence",
      { factorRatings: [rating({ findings: [{ ...finding, evidence: "" }] })] },
    ],
    [
      "an empty source",
      "input.factorRatings[0].findings[0].source",
      { factorRatings: [rating({ findings: [{ ...finding, source: "" }] })] },
    ],
    [
      "an observation in the future",
      "input.factorRatings[0].findings[0].observedOn",
      { factorRatings: [rating({ findings: [{ ...finding, observedOn: "2999-01-01" }] })] },
    ],
    ["RESTRICTED naming no one", "input.releasableTo", { marking: "RESTRICTED", releasableTo: [] }],
    ["PARTNERS naming someone", "input.releasableTo", { releasableTo: ["SLF"] }],
    ["evidence looser than the record", "input.evidence.marking", { marking: "GOVERNMENTS", evidence: { marking: "PARTNERS" } }],
    [
      "RESTRICTED evidence reaching beyond the record",
      "input.evidence.marking",
      { marking: "RESTRICTED", releasableTo: ["SLF"], evidence: { marking: "RESTRICTED", releasableTo: ["SLF", "UN"] } },
    ],
  ])("refuses %s naming %s, writing nothing", async (_what, field, overrides) => {
    const before = (await ask("nld", `{ riskAssessments(author: "NLD") { totalCount } }`)).data!.riskAssessments.totalCount;
    const res = await ask("nld", CREATE, { input: { ...assessmentInput(), ...overrides } });
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect((await ask("nld", `{ riskAssessments(author: "NLD") { totalCount } }`)).data!.riskAssessments.totalCount).toBe(before);
  });

  it("refuses a revision whose period would end before its carried-over start, leaving the original current", async () => {
    const a = (await ask("nld", CREATE, { input: assessmentInput() })).data!.createRiskAssessment;
    const res = await ask("nld", REVISE, { id: a.id, v: 1, input: { periodEnd: "2025-12-31" } });
    expect(res.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.periodEnd" });
    expect((await ask("nld", ONE, { id: a.id })).data!.riskAssessment).toEqual({ id: a.id, status: "DRAFT", version: 1 });
  });

  it("refuses an unknown region in the assessments filter", async () => {
    const res = await ask("nld", `{ riskAssessments(region: "Atlantis") { totalCount } }`);
    expect(res.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "region" });
  });
});

describe("watchlists", () => {
  const WATCHLIST = `query ($p: ID!) { watchlist(partner: $p) { id version marking entries { country { code } rank rationale since } } }`;
  const ENTRIES = "id version entries { country { code } rank rationale }";
  const ADD = `mutation ($id: ID!, $v: Int!, $entry: WatchlistEntryInput!) { addWatchlistEntry(watchlistId: $id, expectedVersion: $v, entry: $entry) { ${ENTRIES} } }`;
  const UPDATE = `mutation ($id: ID!, $v: Int!, $c: ID!, $changes: WatchlistEntryChangeInput!) { updateWatchlistEntry(watchlistId: $id, expectedVersion: $v, country: $c, changes: $changes) { ${ENTRIES} } }`;
  const REMOVE = `mutation ($id: ID!, $v: Int!, $c: ID!) { removeWatchlistEntry(watchlistId: $id, expectedVersion: $v, country: $c) { ${ENTRIES} } }`;
  const CREATE_LIST = `mutation ($input: WatchlistInput!) { createWatchlist(input: $input) { id version marking owner { code } entries { country { code } rank } } }`;
  const ranks = (w: { entries: { country: { code: string }; rank: number }[] }) => w.entries.map((e) => `${e.country.code}#${e.rank}`);

  it("adds, re-ranks and removes entries of the own watchlist, each write naming the version it read", async () => {
    const w = (await ask("usa", WATCHLIST, { p: "USA" })).data!.watchlist;
    expect(ranks(w)).toEqual(["SSD#1", "CAF#2", "MMR#3", "SDN#4"]);
    const ETHIOPIA = `{ country(code: "ETH") { watchlistEntries { rank partner { code } } } }`;
    type Listed = { country: { watchlistEntries: { rank: number; partner: { code: string } }[] } };
    const listedBy = async () => (await ask<Listed>("can", ETHIOPIA)).data!.country.watchlistEntries.map((e) => e.partner.code);
    // read before the write: the entries kept until a watchlist is written are there to be replaced
    expect(await listedBy()).not.toContain("USA");

    const added = await ask("usa", ADD, { id: w.id, v: w.version, entry: { country: "ETH", rank: 2, rationale: "Regional conflicts" } });
    expect(added.errors).toBeUndefined();
    expect(ranks(added.data!.addWatchlistEntry)).toEqual(["SSD#1", "ETH#2", "CAF#3", "MMR#4", "SDN#5"]);
    expect(await listedBy()).toContain("USA");
    expect(added.data!.addWatchlistEntry.version).toBe(w.version + 1);

    const stale = await ask("usa", REMOVE, { id: w.id, v: w.version, c: "SSD" });
    expect(stale.errors![0]!.extensions).toMatchObject({ code: "CONFLICT", field: "expectedVersion" });

    const moved = await ask("usa", UPDATE, { id: w.id, v: w.version + 1, c: "SDN", changes: { rank: 1, rationale: "Sieges" } });
    expect(moved.errors).toBeUndefined();
    expect(ranks(moved.data!.updateWatchlistEntry)).toEqual(["SDN#1", "SSD#2", "ETH#3", "CAF#4", "MMR#5"]);
    expect(moved.data!.updateWatchlistEntry.entries[0].rationale).toBe("Sieges");

    const removed = await ask("usa", REMOVE, { id: w.id, v: w.version + 2, c: "SSD" });
    expect(ranks(removed.data!.removeWatchlistEntry)).toEqual(["SDN#1", "ETH#2", "CAF#3", "MMR#4"]);

    const now = (await ask("eu", WATCHLIST, { p: "USA" })).data!.watchlist;
    expect(ranks(now)).toEqual(["SDN#1", "ETH#2", "CAF#3", "MMR#4"]);
  });

  it("refuses another partner's watchlist, a second own watchlist, and bad entries", async () => {
    const w = (await ask("usa", WATCHLIST, { p: "USA" })).data!.watchlist;
    const other = await ask("can", ADD, { id: w.id, v: w.version, entry: { country: "ETH", rationale: "x" } });
    expect(other.errors![0]!.extensions!.code).toBe("FORBIDDEN");
    const second = await ask("usa", CREATE_LIST, { input: { title: "Another", marking: "PUBLIC" } });
    expect(second.errors![0]!.extensions!.code).toBe("CONFLICT");

    const bad: [Record<string, unknown>, string][] = [
      [{ country: "XXX", rationale: "x" }, "entry.country"],
      [{ country: "CAF", rationale: "x" }, "entry.country"],
      [{ country: "NER", rationale: " " }, "entry.rationale"],
      [{ country: "NER", rationale: "x", rank: 0 }, "entry.rank"],
      [{ country: "NER", rationale: "x", since: "2999-01-01" }, "entry.since"],
    ];
    for (const [entry, field] of bad) {
      const res = await ask("usa", ADD, { id: w.id, v: w.version, entry });
      expect(res.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    const notListed = await ask("usa", UPDATE, { id: w.id, v: w.version, c: "NER", changes: { rank: 1 } });
    expect(notListed.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "country" });
    const emptyTitle = await ask("nld", CREATE_LIST, { input: { title: "", marking: "PUBLIC" } });
    expect(emptyTitle.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.title" });
    expect((await ask("usa", WATCHLIST, { p: "USA" })).data!.watchlist.version).toBe(w.version);
  });

  it("creates a partner's first watchlist and shares it by its marking", async () => {
    const res = await ask("nld", CREATE_LIST, {
      input: {
        title: "Dutch list",
        marking: "RESTRICTED",
        releasableTo: ["SLF"],
        entries: [
          { country: "NER", rationale: "Coup" },
          { country: "MLI", rationale: "Conflict" },
        ],
      },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createWatchlist).toMatchObject({
      version: 1,
      owner: { code: "NLD" },
      entries: [
        { country: { code: "NER" }, rank: 1 },
        { country: { code: "MLI" }, rank: 2 },
      ],
    });
    expect((await ask("usa", WATCHLIST, { p: "NLD" })).data!.watchlist).not.toBeNull();
    expect((await ask("eu", WATCHLIST, { p: "NLD" })).data!.watchlist).toBeNull();
    type Shared = { sharedWatchlist: { country: { code: string }; listedBy: { partner: { code: string } }[] }[] };
    const shared = (
      await ask<Shared>("usa", `{ sharedWatchlist(region: "Western Africa") { country { code } listedBy { partner { code } } } }`)
    ).data!.sharedWatchlist;
    expect(shared.map((r) => `${r.country.code}:${r.listedBy.map((e) => e.partner.code).join(",")}`)).toEqual(["MLI:NLD", "NER:NLD"]);
  });
});
