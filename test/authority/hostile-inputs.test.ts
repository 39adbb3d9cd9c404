import type { SubgraphName } from "@concert/system";
import { useTestSystem } from "@concert/system/testing";
import { rowCount } from "./support";

/**
 * Malformed, oversized and ill-typed inputs across the three domains, through the gateway and
 * straight at the subgraphs: each ends in a documented code naming the field, and nothing is written.
 */

const tokens = {} as Record<"gcr2p" | "ops" | "usaAdmin" | "can" | "bgdAnalyst" | "bgd" | "un", string>;

const system = useTestSystem();
beforeAll(async () => {
  tokens.gcr2p = await system.token("GCR2P", "analyst");
  tokens.ops = await system.token("OPS", "admin");
  tokens.usaAdmin = await system.token("USA", "admin");
  tokens.can = await system.token("CAN", "analyst");
  tokens.bgdAnalyst = await system.token("BGD", "analyst");
  tokens.bgd = await system.token("BGD", "planner");
  tokens.un = await system.token("UN", "planner");
});

// 100 KB: beyond every text limit, within the edge's 1 MB body limit (a larger body is refused before any field is read: 413).
const BIG = "x".repeat(100 * 1024);
const many = (n: number, item: unknown) => Array.from({ length: n }, () => item);

const PRACTICE = `mutation($input: PracticeInput!) { contributePractice(input: $input) { id } }`;
const practice = (o: Record<string, unknown>) => ({
  kind: "BEST_PRACTICE",
  theme: "TRAINING",
  title: "A practice",
  summary: "What it is.",
  marking: "PARTNERS",
  ...o,
});
const REGISTER = `mutation($input: PartnerInput!) { registerPartner(input: $input) { code } }`;
const partner = (o: Record<string, unknown>) => ({ code: "HOSTILE", name: "Hostile test", kind: "CIVIL_SOCIETY", ...o });
const REVOKE = `mutation($s: String!) { revokeSubject(partner: "USA", subject: $s) { revokedAt } }`;

const ASSESSMENT = `mutation($input: AssessmentInput!) { createRiskAssessment(input: $input) { id } }`;
const rating = (o: Record<string, unknown> = {}) => ({
  factor: 1,
  level: "LOW",
  rationale: "test",
  findings: [{ evidence: "evidence", source: "source", observedOn: "2026-01-15", reliability: "CONFIRMED" }],
  ...o,
});
const assessment = (o: Record<string, unknown>) => ({
  country: "ISL",
  periodStart: "2026-01-01",
  periodEnd: "2026-06-30",
  likelihood: "LOW",
  confidence: "MEDIUM",
  stage: "PREVENTION",
  summary: "[TEST] hostile",
  scenarios: [],
  recommendedActions: [],
  marking: "PARTNERS",
  releasableTo: [],
  evidence: { marking: "ORIGINATOR", releasableTo: [] },
  factorRatings: [rating()],
  ...o,
});
const WATCHLIST = `mutation($input: WatchlistInput!) { createWatchlist(input: $input) { id } }`;

const PLEDGE = `mutation($input: PledgeInput!, $marking: PledgeMarkingInput) { createPledge(input: $input, marking: $marking) { id } }`;
const pledge = (o: Record<string, unknown>) => ({
  mission: "UNMISS",
  capabilityType: "EOD_UNIT",
  quantity: 1,
  personnel: 80,
  womenPersonnel: 10,
  readiness: "LEVEL_1",
  ...o,
});
const MISSION = `mutation($input: MissionInput!) { createMission(acronym: "UNHOSTILE", input: $input) { acronym } }`;
const mission = (o: Record<string, unknown>) => ({ name: "[TEST] Hostile", hostCountries: ["CAF"], startDate: "2026-01-01", ...o });

type Case = [name: string, token: keyof typeof tokens, query: string, variables: Record<string, unknown>, field: string];

const CASES: Case[] = [
  // engagements
  ["a 100 KB practice summary", "gcr2p", PRACTICE, { input: practice({ summary: BIG }) }, "input.summary"],
  ["a 100 KB practice title", "gcr2p", PRACTICE, { input: practice({ title: BIG }) }, "input.title"],
  ["a NUL byte in a practice title", "gcr2p", PRACTICE, { input: practice({ title: "bad\u0000title" }) }, "input.title"],
  ["a bell character in a practice summary", "gcr2p", PRACTICE, { input: practice({ summary: "ring\u0007" }) }, "input.summary"],
  ["1,000 countries on a practice", "gcr2p", PRACTICE, { input: practice({ countries: many(1000, "SSD") }) }, "input.countries"],
  [
    "an unknown code in releasableTo",
    "gcr2p",
    PRACTICE,
    { input: practice({ marking: "RESTRICTED", releasableTo: ["SFL"] }) },
    "input.releasableTo",
  ],
  ["a 100 KB partner name", "ops", REGISTER, { input: partner({ name: BIG }) }, "input.name"],
  ["a NUL byte in a partner code", "ops", REGISTER, { input: partner({ code: "HOS\u0000TILE" }) }, "input.code"],
  ["a 100 KB subject to revoke", "usaAdmin", REVOKE, { s: BIG }, "subject"],
  // risk
  ["a 100 KB assessment summary", "can", ASSESSMENT, { input: assessment({ summary: BIG }) }, "input.summary"],
  ["10,000 scenarios", "can", ASSESSMENT, { input: assessment({ scenarios: many(10_000, "a scenario") }) }, "input.scenarios"],
  [
    "a 5,000-character scenario",
    "can",
    ASSESSMENT,
    { input: assessment({ scenarios: ["fine", "y".repeat(5_000)] }) },
    "input.scenarios[1]",
  ],
  [
    "an unknown code (SFL) in an assessment's releasableTo",
    "can",
    ASSESSMENT,
    { input: assessment({ marking: "RESTRICTED", releasableTo: ["SFL"] }) },
    "input.releasableTo",
  ],
  [
    "an unknown code in the evidence's releasableTo",
    "can",
    ASSESSMENT,
    { input: assessment({ evidence: { marking: "RESTRICTED", releasableTo: ["NOWHERE"] } }) },
    "input.evidence.releasableTo",
  ],
  [
    "a NUL byte in a rating's rationale",
    "can",
    ASSESSMENT,
    { input: assessment({ factorRatings: [rating({ rationale: "a\u0000b" })] }) },
    "input.factorRatings[0].rationale",
  ],
  ["1,000 factor ratings", "can", ASSESSMENT, { input: assessment({ factorRatings: many(1000, rating()) }) }, "input.factorRatings"],
  ["a probability of a billion", "can", ASSESSMENT, { input: assessment({ probability: 1e9 }) }, "input.probability"],
  ["a 100 KB watchlist title", "bgdAnalyst", WATCHLIST, { input: { title: BIG, marking: "PARTNERS", releasableTo: [] } }, "input.title"],
  [
    "a 100 KB watchlist rationale",
    "bgdAnalyst",
    WATCHLIST,
    { input: { title: "t", marking: "PARTNERS", releasableTo: [], entries: [{ country: "SSD", rationale: BIG }] } },
    "input.entries[0].rationale",
  ],
  // peacekeeping
  ["a pledge of 2,000,000,000 personnel", "bgd", PLEDGE, { input: pledge({ personnel: 2_000_000_000 }) }, "input.personnel"],
  ["a negative quantity", "bgd", PLEDGE, { input: pledge({ quantity: -5 }) }, "input.quantity"],
  ["300,000 women personnel", "bgd", PLEDGE, { input: pledge({ womenPersonnel: 300_000 }) }, "input.womenPersonnel"],
  [
    "an unknown code in a pledge's releasableTo",
    "bgd",
    PLEDGE,
    { input: pledge({}), marking: { releasableTo: ["SFL"] } },
    "marking.releasableTo",
  ],
  [
    "an unknown code in the unit details' releasableTo",
    "bgd",
    PLEDGE,
    { input: pledge({}), marking: { unitDetailsMarking: "RESTRICTED", unitDetailsReleasableTo: ["UN", "XXX"] } },
    "marking.unitDetailsReleasableTo",
  ],
  ["a 100 KB mission name", "un", MISSION, { input: mission({ name: BIG }) }, "input.name"],
  ["1,000 host countries", "un", MISSION, { input: mission({ hostCountries: many(1000, "CAF") }) }, "input.hostCountries"],
];

const TABLES: [SubgraphName, string][] = [
  ["engagements", "practice"],
  ["engagements", "partner"],
  ["engagements", "token_revocation"],
  ["risk", "risk_assessment"],
  ["risk", "watchlist"],
  ["peacekeeping", "pledge"],
  ["peacekeeping", "mission"],
];
const counts = () => Promise.all(TABLES.map(([subgraph, table]) => rowCount(system, subgraph, table)));

/** Which subgraph owns each mutation, to send the same case straight to it. */
const OWNER: Record<string, SubgraphName> = {
  [PRACTICE]: "engagements",
  [REGISTER]: "engagements",
  [REVOKE]: "engagements",
  [ASSESSMENT]: "risk",
  [WATCHLIST]: "risk",
  [PLEDGE]: "peacekeeping",
  [MISSION]: "peacekeeping",
};

describe("hostile inputs", () => {
  let before: number[];
  beforeAll(async () => {
    before = await counts();
  });

  it.each(CASES)(
    "%s: BAD_USER_INPUT naming the field, through the gateway and at the subgraph",
    async (_name, who, query, variables, field) => {
      for (const url of [undefined, system.subgraphs[OWNER[query]!].url]) {
        const started = Date.now();
        const res = await system.query(query, { token: tokens[who], variables, url });
        expect(res.status).toBe(200);
        expect(res.errors).toHaveLength(1);
        expect(res.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
        // The message names the limit; it never echoes a megabyte back.
        expect(JSON.stringify(res).length).toBeLessThan(2_000);
        expect(Date.now() - started).toBeLessThan(5_000);
      }
    },
  );

  it.each<[string, string, Record<string, unknown>]>([
    ["a text where a number belongs", PLEDGE, { input: pledge({ personnel: "many" }) }],
    ["a fraction where a whole number belongs", PLEDGE, { input: pledge({ quantity: 1.5 }) }],
    ["a number beyond the GraphQL Int range", PLEDGE, { input: pledge({ personnel: 3_000_000_000 }) }],
    ["an object where a list of codes belongs", ASSESSMENT, { input: assessment({ releasableTo: { code: "USA" } }) }],
  ])("%s: refused as BAD_USER_INPUT (status 400 at the gateway)", async (_name, query, variables) => {
    const who = query === PLEDGE ? tokens.bgd : tokens.can;
    const res = await system.query(query, { token: who, variables });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    // A subgraph checks the bounds before it coerces variables, so it may name the field where the type check would not.
    const direct = await system.query(query, { token: who, variables, url: system.subgraphs[OWNER[query]!].url });
    expect(direct.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("wrote nothing", async () => {
    expect(await counts()).toEqual(before);
  });
});
