import { seedId } from "@concert/subgraph-kit/writes";
import { type UntypedData, useTestSystem } from "@concert/system/testing";
import { drain, feedQuery } from "../feeds/support";

/**
 * Forecasts, scores and opinions through the gateway (and refusals straight at the risk subgraph too). Figures
 * are computed by hand: see the comments next to them and docs/api/risk.md, "Scores".
 */
const tokens: Record<string, string> = {};

const system = useTestSystem();
beforeAll(async () => {
  for (const [name, partner, role] of [
    ["ops", "OPS", "admin"],
    ["usa", "USA", "analyst"],
    ["gbr", "GBR", "analyst"],
    ["eu", "EU", "analyst"],
    ["gcr2p", "GCR2P", "analyst"],
    ["usaAdmin", "USA", "admin"],
  ] as const) {
    tokens[name] = await system.token(partner, role);
  }
});

function ask<T = UntypedData>(persona: string | null, query: string, variables?: Record<string, unknown>, url?: string) {
  return system.query<T>(query, { token: persona ? tokens[persona] : undefined, variables, url });
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const OPEN = `mutation ($input: ForecastQuestionInput!) { openForecastQuestion(input: $input) { id version status marking originator { code } } }`;
const RESOLVE = `mutation ($id: ID!, $v: Int!, $input: QuestionResolutionInput!) {
  resolveForecastQuestion(id: $id, expectedVersion: $v, input: $input) { id version status resolvedOn resolutionSource } }`;
const FORECAST = `mutation ($input: ForecastInput!) { submitForecast(input: $input) { id probability marking madeAt author { code } question { id } } }`;
const RECORDS = `query ($partners: [ID!]) { forecastRecords(partners: $partners) {
  partner { code } questions meanBrier crowdBrier versusCrowd provisional
  calibration { from to forecasts happened frequency }
  scores { question { id } brier crowdBrier days } } }`;
const OPINION = `mutation ($input: OpinionInput!) { giveOpinion(input: $input) { id stance factor { number } author { code } assessment { id } } }`;

interface Score {
  question: { id: string };
  brier: number;
  crowdBrier: number;
  days: number;
}
interface TrackRecord {
  partner: { code: string };
  questions: number;
  meanBrier: number | null;
  crowdBrier: number | null;
  provisional: boolean;
  calibration: { from: number; forecasts: number; happened: number; frequency: number | null }[];
  scores: Score[];
}

async function records(persona: string, partners?: string[]): Promise<Map<string, TrackRecord>> {
  const res = await ask<{ forecastRecords: TrackRecord[] }>(persona, RECORDS, { partners });
  expect(res.errors).toBeUndefined();
  return new Map(res.data!.forecastRecords.map((r) => [r.partner.code, r]));
}

const question = (key: string) => seedId("forecast-question", key);

describe("a partner forecasts, revises and is scored once the operator resolves the question", () => {
  let id: string;

  it("the operator opens a question, PUBLIC by default", async () => {
    const res = await ask("ops", OPEN, {
      input: { country: "BDI", windowStart: day(-30), windowEnd: day(300), resolutionCriteria: "1,000 or more noncombatants killed" },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.openForecastQuestion).toMatchObject({ status: "OPEN", marking: "PUBLIC", originator: { code: "OPS" } });
    id = res.data.openForecastQuestion.id;
  });

  it("partners forecast as often as they like; every forecast is kept", async () => {
    for (const [persona, probability, marking, releasableTo] of [
      ["usa", 0.3, "PARTNERS", []],
      ["gbr", 0.2, "RESTRICTED", ["SLF"]],
      ["usa", 0.6, "PARTNERS", []],
    ] as const) {
      const res = await ask(persona, FORECAST, { input: { question: id, probability, rationale: "test", marking, releasableTo } });
      expect(res.errors).toBeUndefined();
      expect(res.data.submitForecast).toMatchObject({ probability, question: { id } });
    }
    const history = await ask(
      "usa",
      `query ($id: ID!) { forecastQuestion(id: $id) {
      forecasts(partner: "USA") { probability } latestForecasts { author { code } probability } crowd { probability forecasters } } }`,
      { id },
    );
    expect(history.data.forecastQuestion.forecasts.map((f: { probability: number }) => f.probability)).toEqual([0.3, 0.6]);
    expect(history.data.forecastQuestion.latestForecasts).toEqual([
      { author: { code: "GBR" }, probability: 0.2 },
      { author: { code: "USA" }, probability: 0.6 },
    ]);
    // today's crowd: the median of 0.6 and 0.2 for the SLF member, of 0.6 alone for the EU
    expect(history.data.forecastQuestion.crowd).toEqual([{ probability: 0.4, forecasters: 2 }]);
    const eu = await ask(
      "eu",
      `query ($id: ID!) { forecastQuestion(id: $id) { latestForecasts { author { code } } crowd { probability forecasters } } }`,
      {
        id,
      },
    );
    expect(eu.data.forecastQuestion).toEqual({
      latestForecasts: [{ author: { code: "USA" } }],
      crowd: [{ probability: 0.6, forecasters: 1 }],
    });
  });

  it("a partner may not resolve; the operator does, and forecasting stops", async () => {
    const refused = await ask("usaAdmin", RESOLVE, { id, v: 1, input: { status: "RESOLVED_YES", resolutionSource: "me" } });
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const res = await ask("ops", RESOLVE, { id, v: 1, input: { status: "RESOLVED_YES", resolutionSource: "Test report" } });
    expect(res.errors).toBeUndefined();
    expect(res.data.resolveForecastQuestion).toMatchObject({ status: "RESOLVED_YES", resolvedOn: day(0), version: 2 });
    const late = await ask("usa", FORECAST, { input: { question: id, probability: 0.9, rationale: "late", marking: "PUBLIC" } });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.question" });
  });

  it("scores: one day scored, (p − o)² of the last forecast; the crowd counts only what the viewer reads", async () => {
    const usaView = await records("usa", ["USA", "GBR"]);
    const scoreOf = (r: TrackRecord | undefined) => r?.scores.find((s) => s.question.id === id);
    // USA 0.6 → (0.6 − 1)² = 0.16; GBR 0.2 → 0.64; crowd median(0.6, 0.2) = 0.4 → 0.36
    expect(scoreOf(usaView.get("USA"))).toMatchObject({ days: 1 });
    expect(scoreOf(usaView.get("USA"))!.brier).toBeCloseTo(0.16, 10);
    expect(scoreOf(usaView.get("USA"))!.crowdBrier).toBeCloseTo(0.36, 10);
    expect(scoreOf(usaView.get("GBR"))!.brier).toBeCloseTo(0.64, 10);
    // the EU reads no GBR forecast restricted to the SLF: the crowd is USA's 0.6 alone → 0.16, and GBR has no score on it
    const euView = await records("eu", ["USA", "GBR"]);
    expect(scoreOf(euView.get("USA"))!.crowdBrier).toBeCloseTo(0.16, 10);
    expect(scoreOf(euView.get("GBR"))).toBeUndefined();
  });
});

describe("the demo track records", () => {
  it("are answered for the caller alone: no shared cache may keep them", async () => {
    for (const url of [system.gatewayUrl, system.subgraphs.risk.url]) {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${tokens.eu}` },
        body: JSON.stringify({ query: "{ forecastRecords { questions } }" }),
      });
      expect(res.status).toBe(200);
      // no header means no cache may keep it; a public or max-age one would let a shared cache serve it to others
      expect(res.headers.get("cache-control") ?? "no-store").not.toMatch(/public|max-age=[1-9]|s-maxage/);
    }
  });

  it("are figures computed by hand (South Sudan 2025, one forecast per partner)", async () => {
    const eu = (await records("eu", ["EU"])).get("EU")!;
    const ssd = eu.scores.find((s) => s.question.id === question("ssd-2025"))!;
    // EU 0.25 from 2025-02-01 to 2025-12-31 (334 days), outcome 0 → 0.0625
    expect(ssd.days).toBe(334);
    expect(ssd.brier).toBeCloseTo(0.0625, 10);
    // crowd: 28 days at median(0.45, 0.35, 0.25) = 0.35, then 306 days at median(0.45, 0.35, 0.3, 0.25) = 0.325
    expect(ssd.crowdBrier).toBeCloseTo((28 * 0.35 ** 2 + 306 * 0.325 ** 2) / 334, 10);
    expect(eu.calibration.filter((b) => b.forecasts > 0).length).toBeGreaterThan(0);
  });

  it("leave out a partner's restricted forecasts for those who may not read them", async () => {
    // GBR's Sudan forecast (0.7 from 2025-01-10 to the YES on 2025-10-31 → 0.09) is released to the SLF only
    const slf = (await records("usa", ["GBR"])).get("GBR")!;
    expect(slf.scores.find((s) => s.question.id === question("sdn-2025"))!.brier).toBeCloseTo(0.09, 10);
    expect(slf.scores.map((s) => s.question.id)).toEqual(expect.arrayContaining([question("caf-2025"), question("sdn-2025")]));
    for (const outsider of ["eu", "gcr2p"]) {
      const gbr = (await records(outsider, ["GBR"])).get("GBR")!;
      // only the Sudan forecast (and this file's SLF-only one) are restricted: the CAF one stays
      expect(gbr.scores.map((s) => s.question.id)).toEqual([question("caf-2025")]);
      expect(gbr.questions).toBe(1);
      expect(gbr.provisional).toBe(true);
    }
    // the crowd on 2025-01-15: median(USA 0.6, GBR 0.7) = 0.65 in the SLF, 0.6 without GBR
    const crowdOn = async (persona: string) => {
      const res = await ask(persona, `query ($id: ID!) { forecastQuestion(id: $id) { crowd { day probability } } }`, {
        id: question("sdn-2025"),
      });
      return res.data.forecastQuestion.crowd.find((c: { day: string }) => c.day === "2025-01-15").probability;
    };
    expect(await crowdOn("usa")).toBeCloseTo(0.65, 10);
    expect(await crowdOn("eu")).toBeCloseTo(0.6, 10);
  });
});

describe("refusals, through the gateway and straight at the subgraph", () => {
  const urls = () => [undefined, system.subgraphs.risk.url];
  const expectRefusal = (res: { errors?: { extensions?: Record<string, unknown> }[] }, code: string, field?: string) => {
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    if (field) expect(res.errors?.[0]?.extensions?.field).toBe(field);
  };

  it.each([
    ["a probability above 1", { probability: 1.5 }, "input.probability"],
    ["a negative probability", { probability: -0.01 }, "input.probability"],
    ["three decimals", { probability: 0.125 }, "input.probability"],
    ["an empty rationale", { rationale: " " }, "input.rationale"],
  ])("a forecast with %s is BAD_USER_INPUT", async (_name, change, field) => {
    for (const url of urls()) {
      const input = { question: question("mmr-2026"), probability: 0.5, rationale: "r", marking: "PARTNERS", ...change };
      expectRefusal(await ask("usa", FORECAST, { input }, url), "BAD_USER_INPUT", field);
    }
  });

  it("a forecast on a closed question is BAD_USER_INPUT; on one you may not read, exactly NOT_FOUND like a missing one", async () => {
    const restricted = await ask("ops", OPEN, {
      input: {
        country: "BFA",
        windowStart: day(0),
        windowEnd: day(100),
        resolutionCriteria: "c",
        marking: "RESTRICTED",
        releasableTo: ["SLF"],
      },
    });
    const hidden = restricted.data.openForecastQuestion.id;
    for (const url of urls()) {
      expectRefusal(
        await ask("usa", FORECAST, { input: { question: question("sdn-2025"), probability: 0.5, rationale: "r", marking: "PUBLIC" } }, url),
        "BAD_USER_INPUT",
        "input.question",
      );
      const unreadable = await ask(
        "eu",
        FORECAST,
        { input: { question: hidden, probability: 0.5, rationale: "r", marking: "PUBLIC" } },
        url,
      );
      const missing = await ask(
        "eu",
        FORECAST,
        {
          input: { question: "00000000-0000-4000-8000-000000000000", probability: 0.5, rationale: "r", marking: "PUBLIC" },
        },
        url,
      );
      expectRefusal(unreadable, "NOT_FOUND");
      expect(unreadable.errors![0]!.message.replace(hidden, "ID")).toBe(
        missing.errors![0]!.message.replace("00000000-0000-4000-8000-000000000000", "ID"),
      );
      expect(
        (await ask("eu", `query ($id: ID!) { forecastQuestion(id: $id) { id } }`, { id: hidden }, url)).data.forecastQuestion,
      ).toBeNull();
    }
  });

  it("a window over 24 months, a partner opening a question, a probability outside its likelihood's range", async () => {
    for (const url of urls()) {
      const input = { country: "BDI", windowStart: "2026-01-01", windowEnd: "2028-01-01", resolutionCriteria: "c" };
      expectRefusal(await ask("ops", OPEN, { input }, url), "BAD_USER_INPUT", "input.windowEnd");
      expectRefusal(await ask("usaAdmin", OPEN, { input: { ...input, windowEnd: "2027-12-31" } }, url), "FORBIDDEN");
      const assessment = {
        country: "BDI",
        periodStart: "2026-01-01",
        periodEnd: "2026-06-30",
        likelihood: "HIGH",
        probability: 0.2,
        confidence: "LOW",
        stage: "PREVENTION",
        summary: "s",
        marking: "PARTNERS",
      };
      expectRefusal(
        await ask("usa", `mutation ($input: AssessmentInput!) { createRiskAssessment(input: $input) { id } }`, { input: assessment }, url),
        "BAD_USER_INPUT",
        "input.probability",
      );
    }
  });
});

describe("opinions", () => {
  const usaSsd = seedId("assessment", "usa-ssd-2026a"); // RESTRICTED to the SLF and the UN
  const usaCaf = seedId("assessment", "usa-caf-2026a"); // PARTNERS

  it("on a restricted assessment stay invisible to outsiders, and giving one there is NOT_FOUND like a missing assessment", async () => {
    const canOpinion = seedId("opinion", "can-on-usa-ssd-9");
    const q = `query ($id: ID!) { opinion(id: $id) { stance author { code } } }`;
    expect((await ask("usa", q, { id: canOpinion })).data.opinion).toEqual({ stance: "STRONGLY_DISAGREE", author: { code: "CAN" } });
    for (const url of [undefined, system.subgraphs.risk.url]) {
      expect((await ask("eu", q, { id: canOpinion }, url)).data.opinion).toBeNull();
      const input = { assessment: usaSsd, stance: "AGREE", explanation: "e", marking: "PUBLIC" };
      const unreadable = await ask("eu", OPINION, { input }, url);
      expect(unreadable.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      const missing = await ask("eu", OPINION, { input: { ...input, assessment: "00000000-0000-4000-8000-000000000000" } }, url);
      expect(missing.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      expect(unreadable.errors![0]!.message.replace(usaSsd, "ID")).toBe(
        missing.errors![0]!.message.replace("00000000-0000-4000-8000-000000000000", "ID"),
      );
      const own = await ask("usa", OPINION, { input: { ...input, assessment: usaCaf } }, url);
      expect(own.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      const badFactor = await ask("eu", OPINION, { input: { ...input, assessment: usaCaf, factor: 15 } }, url);
      expect(badFactor.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.factor" });
    }
  });

  it("appear in the comparison, on each side, under the same rule; ungraded findings are counted", async () => {
    const given = await ask("gbr", OPINION, {
      input: { assessment: usaCaf, factor: 8, stance: "AGREE", explanation: "We see the same trigger", marking: "GOVERNMENTS" },
    });
    expect(given.errors).toBeUndefined();
    const COMPARE = `{ compareAssessments(country: "CAF", partners: ["EU", "USA"]) {
      assessments { partner { code } ungradedFindings opinions { author { code } stance } }
      factors { factor { number } ratings { partner { code } opinions { author { code } stance } } } } }`;
    const opinionsOn8 = (data: UntypedData) =>
      data.compareAssessments.factors
        .find((f: { factor: { number: number } }) => f.factor.number === 8)
        .ratings.find((r: { partner: { code: string } }) => r.partner.code === "USA")
        .opinions.map((o: { author: { code: string }; stance: string }) => `${o.author.code} ${o.stance}`);
    const usa = await ask("usa", COMPARE);
    expect(usa.errors).toBeUndefined();
    expect(opinionsOn8(usa.data)).toEqual(["EU DISAGREE", "GBR AGREE"]);
    const eu = usa.data.compareAssessments.assessments.find((a: { partner: { code: string } }) => a.partner.code === "EU");
    expect(eu.opinions).toEqual([{ author: { code: "USA" }, stance: "AGREE" }]);
    // the US CAF findings are graded in the demo; the EU's are not
    expect(usa.data.compareAssessments.assessments.map((a: { ungradedFindings: number | null }) => a.ungradedFindings)[1]).toBe(0);
    // civil society reads no GOVERNMENTS opinion (and no EU assessment)
    const cso = await ask("gcr2p", COMPARE);
    expect(opinionsOn8(cso.data)).toEqual(["EU DISAGREE"]);
  });

  it("follow their assessment's marking: when it narrows, outsiders lose the opinions with it, in the feed too", async () => {
    const FEED = feedQuery("riskChanges", "RiskRecordType", "... on Opinion { id stance }");
    const before = await drain(system, FEED, tokens.gcr2p, { types: ["OPINION"] });
    const given = await ask("eu", OPINION, { input: { assessment: usaCaf, stance: "NEUTRAL", explanation: "e", marking: "PARTNERS" } });
    const opinionId = given.data.giveOpinion.id;
    const seen = await drain(system, FEED, tokens.gcr2p, { after: before.cursor, types: ["OPINION"] });
    expect(seen.nodes.map((n) => [n.id, n.change])).toEqual([[opinionId, "CREATED"]]);
    const version = (await ask("usa", `query ($id: ID!) { riskAssessment(id: $id) { version } }`, { id: usaCaf })).data.riskAssessment
      .version;
    const marked = await ask(
      "usa",
      `mutation ($id: ID!, $v: Int!) { changeRiskAssessmentMarking(id: $id, expectedVersion: $v, input: { marking: GOVERNMENTS }) { marking } }`,
      { id: usaCaf, v: version },
    );
    expect(marked.errors).toBeUndefined();
    const after = await drain(system, FEED, tokens.gcr2p, { after: seen.cursor, types: ["OPINION"] });
    expect(after.nodes.find((n) => n.id === opinionId)?.change).toBe("ACCESS_REVOKED");
    expect((await ask("gcr2p", `query ($id: ID!) { opinion(id: $id) { id } }`, { id: opinionId })).data.opinion).toBeNull();
    expect((await ask("usa", `query ($id: ID!) { opinion(id: $id) { id } }`, { id: opinionId })).data.opinion).toEqual({ id: opinionId });
  });
});

describe("graded findings and the assessment's structure", () => {
  it("read NOT_GRADED when absent, and the structure follows the evidence marking", async () => {
    const q = `query ($id: ID!) { riskAssessment(id: $id) {
      actors { name role } targetGroups triggers { event expectedOn indicator }
      factorRatings { findings { sourceReliability informationCredibility graded } } } }`;
    const eu = await ask("eu", q, { id: seedId("assessment", "eu-caf-2026a") });
    expect(eu.errors).toBeUndefined();
    const euFindings = eu.data.riskAssessment.factorRatings.flatMap((r: { findings: unknown[] }) => r.findings);
    for (const f of euFindings) expect(f).toEqual({ sourceReliability: "NOT_GRADED", informationCredibility: "NOT_GRADED", graded: false });
    const usa = await ask("usa", q, { id: seedId("assessment", "usa-caf-2026a") });
    expect(usa.data.riskAssessment.actors).toContainEqual({ name: "[DEMO] Armed group A", role: "PERPETRATOR" });
    expect(usa.data.riskAssessment.triggers).toEqual([{ event: "[DEMO] Local elections", expectedOn: "2026-09-20", indicator: "8.8" }]);
    // the US evidence on CAF is not released to the EU: its structure is null with FORBIDDEN, like the evidence
    const euOnUsa = await ask("eu", `query ($id: ID!) { riskAssessment(id: $id) { id actors { name } } }`, {
      id: seedId("assessment", "usa-caf-2026a"),
    });
    expect(euOnUsa.data.riskAssessment).toEqual({ id: seedId("assessment", "usa-caf-2026a"), actors: null });
    expect(euOnUsa.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("an assessment records grades and structure", async () => {
    const input = {
      country: "BDI",
      periodStart: "2026-01-01",
      periodEnd: "2026-06-30",
      likelihood: "MODERATE",
      probability: 0.3,
      confidence: "LOW",
      stage: "PREVENTION",
      summary: "s",
      marking: "PARTNERS",
      actors: [{ name: "Youth wing", role: "PERPETRATOR" }],
      targetGroups: ["Returnees"],
      resilienceFactors: ["Church networks"],
      triggers: [{ event: "Elections", indicator: "8.8" }],
      factorRatings: [
        {
          factor: 8,
          level: "HIGH",
          rationale: "r",
          findings: [
            {
              evidence: "e",
              source: "s",
              observedOn: "2026-01-02",
              reliability: "CONFIRMED",
              sourceReliability: "B",
              informationCredibility: "PROBABLY_TRUE",
            },
          ],
        },
      ],
    };
    const res = await ask(
      "usa",
      `mutation ($input: AssessmentInput!) { createRiskAssessment(input: $input) {
      actors { role } targetGroups resilienceFactors triggers { event expectedOn indicator } factorRatings { findings { sourceReliability informationCredibility graded } } } }`,
      { input },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.createRiskAssessment).toEqual({
      actors: [{ role: "PERPETRATOR" }],
      targetGroups: ["Returnees"],
      resilienceFactors: ["Church networks"],
      triggers: [{ event: "Elections", expectedOn: null, indicator: "8.8" }],
      factorRatings: [{ findings: [{ sourceReliability: "B", informationCredibility: "PROBABLY_TRUE", graded: true }] }],
    });
    const badTrigger = await ask("usa", `mutation ($input: AssessmentInput!) { createRiskAssessment(input: $input) { id } }`, {
      input: { ...input, triggers: [{ event: "x", indicator: "99.1" }] },
    });
    expect(badTrigger.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.triggers[0].indicator" });
  });
});

describe("batched reads", () => {
  async function statements(persona: string, query: string): Promise<number> {
    system.resetStatements();
    const res = await ask(persona, query);
    expect(res.errors).toBeUndefined();
    return system.statementsBy("risk");
  }

  it("scores cost the same few statements for one partner or all of them", async () => {
    const one = await statements(
      "usa",
      `{ forecastRecords(partners: ["EU"]) { meanBrier calibration { forecasts } scores { question { id } } } }`,
    );
    const all = await statements("usa", `{ forecastRecords { meanBrier calibration { forecasts } scores { question { id } } } }`);
    expect(all).toBe(one);
    expect(all).toBeLessThanOrEqual(4); // questions, forecasts, and the audit entry of restricted reads
  });

  it("a page of questions with their forecasts and crowds is one statement per level, whatever its length", async () => {
    const page = (first: number) =>
      `{ forecastQuestions(first: ${first}) { nodes { id latestForecasts { probability author { code } } crowd { probability } forecasts { id } } } }`;
    const two = await statements("eu", page(2));
    const all = await statements("eu", page(50));
    expect(all).toBe(two);
    // the page, the forecasts, their questions (for the parent check), the audit entry of DEU's restricted forecast
    expect(all).toBeLessThanOrEqual(4);
  });
});
