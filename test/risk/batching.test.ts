import { type UntypedData, useTestSystem } from "@concert/system/testing";

/**
 * The risk subgraph answers in a fixed number of SQL statements whatever the number of countries
 * or assessments returned: a small and a large answer to the same query cost the same.
 */
let usa: string;

const EXTRA_COUNTRIES = [
  "AGO",
  "BEN",
  "BFA",
  "BDI",
  "CMR",
  "TCD",
  "COG",
  "GAB",
  "GIN",
  "GNB",
  "KEN",
  "LBR",
  "MLI",
  "MOZ",
  "NER",
  "NGA",
  "RWA",
  "SEN",
  "SLE",
  "SOM",
  "TGO",
  "UGA",
  "ZWE",
  "AFG",
  "IRQ",
  "LBN",
  "LBY",
  "SYR",
  "YEM",
  "PAK",
];

const system = useTestSystem();
beforeAll(async () => {
  usa = await system.token("USA", "analyst");
  const nld = await system.token("NLD", "analyst");
  const finding = { indicator: "7.5", evidence: "Observed", source: "Field", observedOn: "2026-01-10", reliability: "PROBABLY_TRUE" };
  let last: { id: string; version: number } | null = null;
  for (const country of EXTRA_COUNTRIES) {
    const created = await system.query(`mutation ($input: AssessmentInput!) { createRiskAssessment(input: $input) { id version } }`, {
      token: nld,
      variables: {
        input: {
          country,
          periodStart: "2026-01-01",
          periodEnd: "2026-06-30",
          likelihood: "HIGH",
          confidence: "LOW",
          stage: "PREVENTION",
          summary: `Test assessment of ${country}`,
          marking: "PUBLIC",
          factorRatings: [
            { factor: 7, level: "HIGH", rationale: "Militias", findings: [finding] },
            { factor: 8, level: "MODERATE", rationale: "Elections", findings: [{ ...finding, indicator: "8.8" }] },
          ],
        },
      },
    });
    const { id, version } = created.data!.createRiskAssessment;
    const published = await system.query(
      `mutation ($id: ID!, $v: Int!) { publishRiskAssessment(id: $id, expectedVersion: $v) { id version } }`,
      {
        token: nld,
        variables: { id, v: version },
      },
    );
    last = published.data!.publishRiskAssessment;
  }
  const revised = await system.query(
    `mutation ($id: ID!, $v: Int!) { reviseRiskAssessment(id: $id, expectedVersion: $v, input: { summary: "Revised" }) { id } }`,
    { token: nld, variables: { id: last!.id, v: last!.version } },
  );
  expect(revised.errors).toBeUndefined();
});

/** Statements the risk subgraph sends to answer `query`, and the answer. */
/** The statements of a second run: the rows kept until their data changes cost one statement more on a first read. */
async function measure<T = UntypedData>(query: string, variables: Record<string, unknown>) {
  await system.query<T>(query, { token: usa, variables });
  system.resetStatements();
  const res = await system.query<T>(query, { token: usa, variables });
  // evidence the caller may not read comes back as FORBIDDEN field errors; nothing else may fail
  expect((res.errors ?? []).filter((e) => e.extensions?.code !== "FORBIDDEN")).toEqual([]);
  return { statements: system.statementsBy("risk"), data: res.data! };
}

const ASSESSMENT_FIELDS = `
  likelihood trend country { name } author { name }
  previous { likelihood } supersedes { id } supersededBy { id }
  factorRatings { level factor { title } findings { reliability indicator { code } evidence source } }
`;

it("pages of 2 and of 30 assessments cost the same statements", async () => {
  // page sizes inline: the gateway's cost estimate reads literal sizes
  const query = (first: number) => `{ riskAssessments(first: ${first}) { totalCount nodes { ${ASSESSMENT_FIELDS} } } }`;
  const small = await measure(query(2), {});
  const large = await measure(query(30), {});
  expect(small.data.riskAssessments.nodes).toHaveLength(2);
  expect(large.data.riskAssessments.nodes).toHaveLength(30);
  expect(small.statements).toBeGreaterThan(0);
  expect(large.statements).toBe(small.statements);
});

it("a shared watchlist of 8 countries and one of 37 cost the same statements", async () => {
  const query = `query ($region: String) {
    sharedWatchlist(region: $region) {
      country { name } highestLikelihood likelihoodSpread
      listedBy { rank partner { name } watchlist { title } }
      latestAssessments { trend previous { likelihood } factorRatings { level factor { number } } }
    }
  }`;
  const small = await measure(query, { region: "Middle Africa" });
  const large = await measure(query, { region: null });
  // the seeded CAF, SSD and COD, and five countries the Netherlands assessed in the set-up
  expect(small.data.sharedWatchlist).toHaveLength(8);
  expect(large.data.sharedWatchlist.length).toBe(37);
  expect(large.statements).toBe(small.statements);
});

it("comparing 2 and 5 partners (3 with a visible assessment) costs the same statements", async () => {
  const query = `query ($partners: [ID!]!) {
    compareAssessments(country: "SSD", partners: $partners) {
      assessments { partner { name } assessment { trend factorRatings { level } } }
      factors { factor { title } divergence ratings { level } }
      overallDivergence
    }
  }`;
  type Compared = { compareAssessments: { assessments: { assessment: object | null }[] } };
  const small = await measure(query, { partners: ["USA", "CAN"] });
  const large = await measure<Compared>(query, { partners: ["USA", "CAN", "UN", "GCR2P", "EU"] });
  expect(large.data.compareAssessments.assessments.filter((a) => a.assessment)).toHaveLength(3);
  expect(large.statements).toBe(small.statements);
});

it("risk fields of one country and of every country cost the same statements", async () => {
  const fields = `code
    latestRiskAssessments { trend factorRatings { level } }
    watchlistEntries { rank partner { code } watchlist { title } }
    riskHistory { author { code } assessments { revision supersededBy { id } } }`;
  type Countries = { countries: { latestRiskAssessments: unknown[] }[] };
  const small = await measure<Countries>(`{ countries(region: "Middle Africa") { ${fields} } }`, {});
  const large = await measure<Countries>(`{ countries { ${fields} } }`, {});
  expect(small.data.countries.length).toBeLessThan(15);
  expect(large.data.countries.length).toBeGreaterThanOrEqual(249);
  expect(large.data.countries.filter((c) => c.latestRiskAssessments.length > 0).length).toBe(35);
  expect(large.statements).toBe(small.statements);
});
