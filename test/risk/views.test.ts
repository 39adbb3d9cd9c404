import { type GraphQLResponse, type UntypedData, useTestSystem } from "@concert/system/testing";

/** The demo seed as three personas see it: a government analyst, a multilateral viewer, a civil-society analyst. */
const tokens: Record<string, string> = {};

const system = useTestSystem();
beforeAll(async () => {
  tokens.usa = await system.token("USA", "analyst");
  tokens.eu = await system.token("EU", "viewer");
  tokens.gcr2p = await system.token("GCR2P", "analyst");
});

async function ask<T = UntypedData>(persona: string | null, query: string, variables?: Record<string, unknown>) {
  const res = await system.query<T>(query, { token: persona ? tokens[persona] : undefined, variables });
  return res;
}

const SHARED = /* GraphQL */ `
  query Shared($region: String, $min: Likelihood) {
    sharedWatchlist(region: $region, minLikelihood: $min) {
      country { code name }
      listedBy { partner { code } rank }
      latestAssessments { author { code } likelihood trend demo }
      highestLikelihood
      likelihoodSpread
    }
  }
`;

interface SharedRow {
  country: { code: string; name: string };
  listedBy: { partner: { code: string }; rank: number }[];
  latestAssessments: { author: { code: string }; likelihood: string; trend: string; demo: boolean }[];
  highestLikelihood: string | null;
  likelihoodSpread: number | null;
}

type Shared = { sharedWatchlist: SharedRow[] };

/** One line per country: code | listed by partner#rank | author:likelihood:trend | highest | spread. */
function compact(rows: SharedRow[]): string[] {
  return rows.map((r) =>
    [
      r.country.code,
      r.listedBy.map((e) => `${e.partner.code}#${e.rank}`).join(" "),
      r.latestAssessments.map((a) => `${a.author.code}:${a.likelihood}:${a.trend}`).join(" "),
      r.highestLikelihood,
      r.likelihoodSpread,
    ].join(" | "),
  );
}

describe("shared watchlist", () => {
  it("merges, for a US analyst, the watchlists and assessments of governments, SLF members, multilaterals and the public", async () => {
    const res = await ask<Shared>("usa", SHARED);
    expect(res.errors).toBeUndefined();
    expect(compact(res.data!.sharedWatchlist)).toEqual([
      "SDN | GBR#1 EU#2 GCR2P#2 UN#3 USA#4 | EU:HIGH:NEW GBR:VERY_HIGH:NEW GCR2P:VERY_HIGH:NEW | VERY_HIGH | 1",
      "SSD | CAN#1 UN#1 USA#1 GCR2P#3 | CAN:HIGH:NEW UN:MODERATE:NEW USA:VERY_HIGH:WORSENING | VERY_HIGH | 2",
      "MMR | GCR2P#1 EU#3 USA#3 | EU:HIGH:NEW GCR2P:VERY_HIGH:NEW USA:HIGH:NEW | VERY_HIGH | 1",
      "CAF | EU#1 USA#2 | EU:MODERATE:NEW USA:HIGH:NEW | HIGH | 1",
      "HTI | CAN#2 | CAN:MODERATE:NEW | MODERATE | ",
      "COD | UN#2 GCR2P#4 |  |  | ",
      "ETH | GBR#2 |  |  | ",
    ]);
    expect(res.data!.sharedWatchlist[0].country.name).toBe("Sudan");
    expect(res.data!.sharedWatchlist.flatMap((r) => r.latestAssessments).every((a) => a.demo)).toBe(true);
  });

  it("shows an EU viewer the R2P focal points' German list but neither the SLF's British list nor the US view of South Sudan", async () => {
    const res = await ask<Shared>("eu", SHARED);
    expect(res.errors).toBeUndefined();
    expect(compact(res.data!.sharedWatchlist)).toEqual([
      "SDN | DEU#2 EU#2 GCR2P#2 UN#3 USA#4 | DEU:HIGH:NEW EU:HIGH:NEW GCR2P:VERY_HIGH:NEW | VERY_HIGH | 1",
      "MMR | DEU#1 GCR2P#1 EU#3 USA#3 | EU:HIGH:NEW GCR2P:VERY_HIGH:NEW USA:HIGH:NEW | VERY_HIGH | 1",
      "SSD | CAN#1 UN#1 USA#1 GCR2P#3 | CAN:HIGH:NEW UN:MODERATE:NEW | HIGH | 1",
      "CAF | EU#1 USA#2 DEU#3 | EU:MODERATE:NEW USA:HIGH:NEW | HIGH | 1",
      "HTI | CAN#2 | CAN:MODERATE:NEW | MODERATE | ",
      "COD | UN#2 GCR2P#4 |  |  | ",
    ]);
  });

  it("shows a civil-society analyst only public, partner-wide and R2P-focal-point material", async () => {
    const res = await ask<Shared>("gcr2p", SHARED);
    expect(res.errors).toBeUndefined();
    expect(compact(res.data!.sharedWatchlist)).toEqual([
      "MMR | DEU#1 GCR2P#1 EU#3 | EU:HIGH:NEW GCR2P:VERY_HIGH:NEW | VERY_HIGH | 1",
      "SDN | DEU#2 EU#2 GCR2P#2 | DEU:HIGH:NEW EU:HIGH:NEW GCR2P:VERY_HIGH:NEW | VERY_HIGH | 1",
      "CAF | EU#1 DEU#3 | USA:HIGH:NEW | HIGH | ",
      "SSD | CAN#1 GCR2P#3 | CAN:HIGH:NEW | HIGH | ",
      "HTI | CAN#2 | CAN:MODERATE:NEW | MODERATE | ",
      "COD | GCR2P#4 |  |  | ",
    ]);
  });

  it("filters by region and minimum likelihood, and refuses an unknown region", async () => {
    const res = await ask<Shared>("usa", SHARED, { region: "Middle Africa", min: "HIGH" });
    expect(res.errors).toBeUndefined();
    expect(res.data!.sharedWatchlist.map((r) => r.country.code)).toEqual(["SSD", "CAF"]);
    const bad = await ask<Shared>("usa", SHARED, { region: "Atlantis" });
    expect(bad.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "region" });
  });

  it("shows anonymous callers public material only", async () => {
    const res = await ask<Shared>(null, SHARED);
    expect(compact(res.data!.sharedWatchlist)).toEqual([
      "MMR | GCR2P#1 | GCR2P:VERY_HIGH:NEW | VERY_HIGH | ",
      "SDN | GCR2P#2 | GCR2P:VERY_HIGH:NEW | VERY_HIGH | ",
      "SSD | CAN#1 GCR2P#3 | CAN:HIGH:NEW | HIGH | ",
      "HTI | CAN#2 | CAN:MODERATE:NEW | MODERATE | ",
      "COD | GCR2P#4 |  |  | ",
    ]);
  });
});

const COMPARE = /* GraphQL */ `
  query Compare($country: ID!, $partners: [ID!]!) {
    compareAssessments(country: $country, partners: $partners) {
      country { code name }
      assessments { partner { code } assessment { likelihood revision } }
      factors { factor { number title } ratings { partner { code } level } divergence }
      likelihoodSpread
      overallDivergence
    }
  }
`;

/** Rated factors only: "number: level level level → divergence". */
interface Comparison {
  country: { code: string; name: string };
  assessments: { partner: { code: string }; assessment: { likelihood: string; revision: number } | null }[];
  factors: {
    factor: { number: number; title: string };
    ratings: { partner: { code: string }; level: string | null }[];
    divergence: number | null;
  }[];
  likelihoodSpread: number | null;
  overallDivergence: number | null;
}

function factorLines(c: Comparison): string[] {
  return c.factors
    .filter((f) => f.ratings.some((r) => r.level !== null))
    .map((f) => `${f.factor.number}: ${f.ratings.map((r) => r.level ?? "-").join(" ")} → ${f.divergence ?? "-"}`);
}

describe("comparison of South Sudan by the US, Canada and the UN", () => {
  const vars = { country: "SSD", partners: ["USA", "CAN", "UN"] };

  it("puts all three side by side for a US analyst (the US view is released to the SLF and the UN)", async () => {
    const res = await ask<{ compareAssessments: Comparison }>("usa", COMPARE, vars);
    expect(res.errors).toBeUndefined();
    const c = res.data!.compareAssessments;
    expect(c.country).toEqual({ code: "SSD", name: "South Sudan" });
    expect(c.assessments).toEqual([
      { partner: { code: "USA" }, assessment: { likelihood: "VERY_HIGH", revision: 1 } },
      { partner: { code: "CAN" }, assessment: { likelihood: "HIGH", revision: 2 } },
      { partner: { code: "UN" }, assessment: { likelihood: "MODERATE", revision: 1 } },
    ]);
    expect(c.factors).toHaveLength(14);
    expect(factorLines(c)).toEqual([
      "1: SEVERE HIGH MODERATE → 2",
      "7: HIGH MODERATE MODERATE → 1",
      "8: SEVERE HIGH MODERATE → 2",
      "9: SEVERE MODERATE LOW → 3",
      "13: HIGH MODERATE HIGH → 1",
      "14: - - HIGH → -",
    ]);
    expect(c.likelihoodSpread).toBe(2);
    expect(c.overallDivergence).toBe(1.8);
  });

  it("leaves the US column empty for an EU viewer, and the divergence shrinks accordingly", async () => {
    const c = (await ask<{ compareAssessments: Comparison }>("eu", COMPARE, vars)).data!.compareAssessments;
    expect(c.assessments.map((a) => a.assessment?.likelihood ?? null)).toEqual([null, "HIGH", "MODERATE"]);
    expect(factorLines(c)).toEqual([
      "1: - HIGH MODERATE → 1",
      "7: - MODERATE MODERATE → 0",
      "8: - HIGH MODERATE → 1",
      "9: - MODERATE LOW → 1",
      "13: - MODERATE HIGH → 1",
      "14: - - HIGH → -",
    ]);
    expect(c.likelihoodSpread).toBe(1);
    expect(c.overallDivergence).toBe(0.8);
  });

  it("shows a civil-society analyst only Canada's public view: nothing to diverge from", async () => {
    const c = (await ask<{ compareAssessments: Comparison }>("gcr2p", COMPARE, vars)).data!.compareAssessments;
    expect(c.assessments.map((a) => a.assessment?.likelihood ?? null)).toEqual([null, "HIGH", null]);
    expect(factorLines(c)).toEqual([
      "1: - HIGH - → -",
      "7: - MODERATE - → -",
      "8: - HIGH - → -",
      "9: - MODERATE - → -",
      "13: - MODERATE - → -",
    ]);
    expect(c.likelihoodSpread).toBeNull();
    expect(c.overallDivergence).toBeNull();
  });

  it.each([
    [{ country: "XXX", partners: ["USA", "CAN"] }, "country"],
    [{ country: "SSD", partners: ["USA"] }, "partners"],
    [{ country: "SSD", partners: ["USA", "USA"] }, "partners"],
  ])("refuses %j naming the field %s", async (variables, field) => {
    const res = await ask<{ compareAssessments: Comparison }>("usa", COMPARE, variables);
    expect(res.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  });
});

describe("evidence under its own marking", () => {
  const FINDINGS = /* GraphQL */ `
    query Findings($author: ID!) {
      riskAssessments(country: "CAF", author: $author, first: 5) {
        nodes { summary evidenceMarking factorRatings { factor { number } findings { indicator { code } observedOn reliability evidence source } } }
      }
    }
  `;
  type Finding = { indicator: { code: string }; observedOn: string; reliability: string; evidence: string | null; source: string | null };
  type Findings = {
    riskAssessments: {
      nodes: { summary: string; evidenceMarking: string; factorRatings: { factor: { number: number }; findings: Finding[] }[] }[];
    };
  };

  it("serves the US findings on CAF to SLF members and hides their evidence and sources from others, the rest served", async () => {
    const own = await ask<Findings>("usa", FINDINGS, { author: "USA" });
    expect(own.errors).toBeUndefined();
    const findings = own.data!.riskAssessments.nodes[0].factorRatings.flatMap((r) => r.findings);
    expect(findings.map((f) => [f.indicator.code, f.evidence !== null, f.source !== null])).toEqual([
      ["7.5", true, true],
      ["8.8", true, true],
    ]);

    const civil = await ask<Findings>("gcr2p", FINDINGS, { author: "USA" });
    const node = civil.data!.riskAssessments.nodes[0];
    expect(node.summary).toMatch(/^\[DEMO\]/);
    expect(node.evidenceMarking).toBe("RESTRICTED");
    const hidden = node.factorRatings.flatMap((r) => r.findings);
    expect(hidden.map((f) => [f.indicator.code, f.observedOn, f.reliability, f.evidence, f.source])).toEqual([
      ["7.5", "2026-02-10", "PROBABLY_TRUE", null, null],
      ["8.8", "2026-01-20", "CONFIRMED", null, null],
    ]);
    expect(civil.errors!.map((e) => [e.extensions!.code, e.path!.at(-1)])).toEqual([
      ["FORBIDDEN", "evidence"],
      ["FORBIDDEN", "source"],
      ["FORBIDDEN", "evidence"],
      ["FORBIDDEN", "source"],
    ]);
    // Withheld evidence is the policy at work on every country page: the operation is logged at info, not as a warning.
    const withheld = system.logs().filter((l) => l.msg === "graphql operation" && l.operation === "Findings" && l.outcome === "refused");
    expect(withheld.map((l) => [l.service, l.level, l.withheldFields, l.codes, l.errors])).toEqual([
      ["gateway", "info", true, ["FORBIDDEN"], 4],
    ]);
  });

  // The shared watchlist serves its latest assessments as plain rows, not entities: the evidence check must not
  // depend on an assessment being in the request's identity map. Straight at risk: the gateway's cost limit refuses
  // this nesting, but risk answers whoever reaches it (the console's server, the exchange) by the same rules.
  it("applies the same evidence rule to the findings under a shared watchlist's latest assessments", async () => {
    const query = /* GraphQL */ `{
      sharedWatchlist(region: "Middle Africa") {
        country { code }
        latestAssessments { author { code } factorRatings { findings { indicator { code } evidence source } } }
      }
    }`;
    type Row = { country: { code: string }; latestAssessments: { author: { code: string }; factorRatings: { findings: Finding[] }[] }[] };
    const usOnCaf = (rows: Row[]) =>
      rows
        .find((r) => r.country.code === "CAF")!
        .latestAssessments.find((a) => a.author.code === "USA")!
        .factorRatings.flatMap((r) => r.findings)
        .map((f) => [f.indicator.code, f.evidence !== null, f.source !== null]);
    const atRisk = (persona: string) =>
      system.query<{ sharedWatchlist: Row[] }>(query, { token: tokens[persona], url: system.subgraphs.risk.url });
    const own = await atRisk("usa");
    expect(own.errors).toBeUndefined();
    expect(usOnCaf(own.data!.sharedWatchlist)).toEqual([
      ["7.5", true, true],
      ["8.8", true, true],
    ]);
    const civil = await atRisk("gcr2p");
    expect(usOnCaf(civil.data!.sharedWatchlist)).toEqual([
      ["7.5", false, false],
      ["8.8", false, false],
    ]);
    expect(new Set(civil.errors!.map((e) => `${e.extensions!.code} ${String(e.path!.at(-1))}`))).toEqual(
      new Set(["FORBIDDEN evidence", "FORBIDDEN source"]),
    );
  });
});

describe("country fields", () => {
  const COUNTRY = /* GraphQL */ `
    query ($code: ID!) {
      country(code: $code) {
        latestRiskAssessments { author { code } likelihood status }
        watchlistEntries { partner { code } rank rationale }
        riskHistory { author { code } assessments { periodEnd revision status trend } }
      }
    }
  `;
  interface CountryRisk {
    latestRiskAssessments: { author: { code: string }; likelihood: string; status: string }[];
    watchlistEntries: { partner: { code: string }; rank: number; rationale: string }[];
    riskHistory: { author: { code: string }; assessments: { periodEnd: string; revision: number; status: string; trend: string }[] }[];
  }

  it("gives a country's latest assessments, watchlist presence and history per author as the caller may see them", async () => {
    const res = await ask<{ country: CountryRisk }>("usa", COUNTRY, { code: "SSD" });
    expect(res.errors).toBeUndefined();
    const c = res.data!.country;
    expect(c.latestRiskAssessments.map((a) => `${a.author.code}:${a.likelihood}`)).toEqual(["CAN:HIGH", "UN:MODERATE", "USA:VERY_HIGH"]);
    expect(c.watchlistEntries.map((e) => `${e.partner.code}#${e.rank}`)).toEqual(["CAN#1", "UN#1", "USA#1", "GCR2P#3"]);
    expect(c.riskHistory).toEqual([
      {
        author: { code: "CAN" },
        assessments: [
          { periodEnd: "2026-06-30", revision: 1, status: "SUPERSEDED", trend: "NEW" },
          { periodEnd: "2026-06-30", revision: 2, status: "PUBLISHED", trend: "NEW" },
        ],
      },
      { author: { code: "UN" }, assessments: [{ periodEnd: "2026-06-30", revision: 1, status: "PUBLISHED", trend: "NEW" }] },
      {
        author: { code: "USA" },
        assessments: [
          { periodEnd: "2025-12-31", revision: 1, status: "PUBLISHED", trend: "NEW" },
          { periodEnd: "2026-06-30", revision: 1, status: "PUBLISHED", trend: "WORSENING" },
        ],
      },
    ]);

    const civil = (await ask<{ country: CountryRisk }>("gcr2p", COUNTRY, { code: "SSD" })).data!.country;
    expect(civil.riskHistory.map((h) => h.author.code)).toEqual(["CAN"]);
    expect(civil.watchlistEntries.map((e) => e.partner.code)).toEqual(["CAN", "GCR2P"]);
  });
});

describe("assessment filters", () => {
  const LIST = /* GraphQL */ `
    query ($region: String, $stage: Stage, $likelihood: [Likelihood!], $author: ID, $first: Int, $after: String) {
      riskAssessments(region: $region, stage: $stage, likelihood: $likelihood, author: $author, first: $first, after: $after) {
        totalCount
        nodes { id country { code } author { code } }
        pageInfo { endCursor hasNextPage }
      }
    }
  `;
  interface AssessmentPage {
    totalCount: number;
    nodes: { id: string; country: { code: string }; author: { code: string } }[];
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
  }

  it("filters by region, stage, likelihood and author, counting only visible records", async () => {
    const all = await ask<{ riskAssessments: AssessmentPage }>("gcr2p", LIST, {});
    // GCR2P sees CAF (USA), SSD (CAN's two versions), MMR (GCR2P, EU), SDN (GCR2P, EU, DEU) and HTI (CAN)
    expect(all.data!.riskAssessments.totalCount).toBe(9);
    const africa = await ask<{ riskAssessments: AssessmentPage }>("gcr2p", LIST, { region: "Africa" });
    expect(africa.data!.riskAssessments.totalCount).toBe(6);
    const response = await ask<{ riskAssessments: AssessmentPage }>("usa", LIST, { stage: "RESPONSE", likelihood: ["VERY_HIGH"] });
    expect(response.data!.riskAssessments.nodes.map((n) => `${n.author.code}:${n.country.code}`).sort()).toEqual([
      "GBR:SDN",
      "GCR2P:MMR",
      "GCR2P:SDN",
      "USA:SSD",
    ]);
    const byCan = await ask<{ riskAssessments: AssessmentPage }>("eu", LIST, { author: "CAN" });
    expect(byCan.data!.riskAssessments.totalCount).toBe(3);
  });

  it("pages in a stable order", async () => {
    const all = (await ask<{ riskAssessments: AssessmentPage }>("usa", LIST, { first: 50 })).data!.riskAssessments;
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res: GraphQLResponse<{ riskAssessments: AssessmentPage }> = await ask("usa", LIST, { first: 4, after });
      const page = res.data!.riskAssessments;
      seen.push(...page.nodes.map((n) => n.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all.nodes.map((n) => n.id));
    expect(seen).toHaveLength(all.totalCount);
  });
});

describe("reference frame", () => {
  it("lists the indicators of one factor", async () => {
    const res = await ask<{ indicators: unknown[]; riskFactor: { indicators: { code: string }[] } }>(
      null,
      "{ indicators(factor: 7) { code factor { number } } riskFactor(number: 13) { indicators { code } } }",
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.indicators).toEqual([
      { code: "7.5", factor: { number: 7 } },
      { code: "7.7", factor: { number: 7 } },
    ]);
    expect(res.data!.riskFactor.indicators.map((i) => i.code)).toEqual(["13.1", "13.8"]);
  });
});

// Last: it adds assessments, which the counts above do not expect.
describe("an assessment's previous one", () => {
  // An assessment's `previous` is read as a plain row too: its findings' evidence, through the gateway.
  it("serves the evidence of the findings under an assessment's previous one", async () => {
    const nld = await system.token("NLD", "analyst");
    const finding = {
      indicator: "7.5",
      evidence: "Seen in Bamako",
      source: "Field",
      observedOn: "2025-03-10",
      reliability: "PROBABLY_TRUE",
    };
    for (const [periodStart, periodEnd] of [
      ["2025-01-01", "2025-06-30"],
      ["2025-07-01", "2025-12-31"],
    ]) {
      const created = await system.ok<{ createRiskAssessment: { id: string; version: number } }>(
        `mutation ($input: AssessmentInput!) { createRiskAssessment(input: $input) { id version } }`,
        nld,
        {
          input: {
            country: "MLI",
            periodStart,
            periodEnd,
            likelihood: "HIGH",
            confidence: "LOW",
            stage: "PREVENTION",
            summary: `Mali ${periodEnd}`,
            marking: "PUBLIC",
            factorRatings: [{ factor: 7, level: "HIGH", rationale: "Militias", findings: [finding] }],
          },
        },
      );
      const { id, version } = created.createRiskAssessment;
      await system.ok(`mutation ($id: ID!, $v: Int!) { publishRiskAssessment(id: $id, expectedVersion: $v) { id } }`, nld, {
        id,
        v: version,
      });
    }
    const res = await system.query<{
      riskAssessments: {
        nodes: { periodEnd: string; previous: { factorRatings: { findings: { evidence: string | null }[] }[] } | null }[];
      };
    }>(
      `{ riskAssessments(country: "MLI", author: "NLD", first: 1) {
          nodes { periodEnd previous { factorRatings { findings { evidence } } } } } }`,
      { token: nld },
    );
    expect(res.errors).toBeUndefined();
    // The page holds the latest alone: its previous one is read for `previous` only, as a plain row.
    const [latest] = res.data!.riskAssessments.nodes;
    expect(latest!.periodEnd).toBe("2025-12-31");
    expect(latest!.previous!.factorRatings.flatMap((r) => r.findings.map((f) => f.evidence))).toEqual(["Seen in Bamako"]);
  });
});

describe("a shared watchlist's assessments read their large columns only when asked", () => {
  type Assessment = { id: string; likelihood: string; summary?: string; scenarios?: string[]; actors?: { name: string }[] | null };
  const latestOf = (res: GraphQLResponse<{ sharedWatchlist: { latestAssessments: Assessment[] }[] }>) =>
    res.data!.sharedWatchlist.flatMap((r) => r.latestAssessments);

  it("answers them when asked, through a fragment too, as the assessment read by id does", async () => {
    const res = await ask<{ sharedWatchlist: { latestAssessments: Assessment[] }[] }>(
      "usa",
      `query { sharedWatchlist(region: "Middle Africa") { latestAssessments { id likelihood ...Large } } }
       fragment Large on RiskAssessment { summary scenarios actors { name } }`,
    );
    const latest = latestOf(res);
    expect(latest.length).toBeGreaterThan(0);
    for (const a of latest) {
      const byId = await ask<{ riskAssessment: Assessment }>(
        "usa",
        `query($id: ID!) { riskAssessment(id: $id) { id likelihood summary scenarios actors { name } } }`,
        { id: a.id },
      );
      expect(a).toEqual(byId.data!.riskAssessment);
      expect(a.summary).toEqual(expect.any(String));
    }
  });

  it("serves the same countries, likelihoods and trends when none is asked", async () => {
    const query = (fields: string) =>
      `{ sharedWatchlist(region: "Middle Africa") { highestLikelihood likelihoodSpread latestAssessments { id trend ${fields} } } }`;
    const lean = (await ask("usa", query(""))).data;
    const full = (await ask<{ sharedWatchlist: { latestAssessments: Record<string, unknown>[] }[] }>("usa", query("likelihood summary")))
      .data!;
    expect(lean).toEqual({
      sharedWatchlist: full.sharedWatchlist.map((r) => ({
        ...r,
        latestAssessments: r.latestAssessments.map(({ id, trend }) => ({ id, trend })),
      })),
    });
  });
});
