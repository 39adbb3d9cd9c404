import { makeViewer } from "@concert/policy";
import type { ChangeEvent, FeedRecord } from "../src/analysis/changes";
import { evaluateRule, type Observed, observedKey } from "../src/analysis/evaluate";

/** The rule kinds, evaluated for an owner over a store of observed records as the worker keeps it. */

const CAN = makeViewer({ subject: "rule", partner: "CAN", kind: "GOVERNMENT", roles: [], groups: [] });
const CSO = makeViewer({ subject: "rule", partner: "HRW", kind: "CIVIL_SOCIETY", roles: [], groups: [] });

function store(records: FeedRecord[]): Observed {
  return {
    get: async (_type, id) => records.find((r) => r.id === id) ?? null,
    byKey: async (type, key) => records.filter((r) => typeName(type) === r.__typename && observedKey(r) === key),
  };
}
const typeName = (recordType: string) =>
  ({ RISK_ASSESSMENT: "RiskAssessment", PLEDGE: "Pledge", CAPABILITY_REQUIREMENT: "CapabilityRequirement", FORECAST: "Forecast" })[
    recordType
  ];

const assessment = (id: string, by: string, likelihood: string, marking = "PARTNERS"): FeedRecord => ({
  __typename: "RiskAssessment",
  id,
  marking,
  releasableTo: [],
  originator: { code: by },
  status: "PUBLISHED",
  likelihood,
  periodEnd: "2026-06-30",
  country: { code: "SDN" },
});
const change = (recordType: string, record: FeedRecord, kind: ChangeEvent["change"] = "UPDATED"): ChangeEvent => ({
  recordType,
  id: String(record.id),
  change: kind,
  at: "2026-11-29T00:00:00Z",
  version: 2,
  record: kind === "DELETED" ? null : record,
});

describe("ASSESSMENT_DIVERGENCE", () => {
  const condition = { kind: "ASSESSMENT_DIVERGENCE" as const, country: "SDN", levels: 2 };

  it("fires when partners' latest assessments come to differ by the number of levels, not again while they stay apart", async () => {
    const a = assessment("a", "DEU", "LOW");
    const before = assessment("b", "FRA", "MODERATE");
    const after = assessment("b", "FRA", "HIGH");
    const match = await evaluateRule(condition, CAN, change("RISK_ASSESSMENT", after), before, store([a, after]));
    expect(match).toMatchObject({ event: "assessment.divergence", data: { country: "SDN", levels: 2 } });
    const higher = assessment("b", "FRA", "VERY_HIGH");
    expect(await evaluateRule(condition, CAN, change("RISK_ASSESSMENT", higher), after, store([a, higher]))).toBeNull();
  });

  it("counts only what the owner may read", async () => {
    const a = assessment("a", "DEU", "LOW", "GOVERNMENTS");
    const after = assessment("b", "FRA", "HIGH");
    expect(await evaluateRule(condition, CSO, change("RISK_ASSESSMENT", after), null, store([a, after]))).toBeNull();
    expect(await evaluateRule(condition, CAN, change("RISK_ASSESSMENT", after), null, store([a, after]))).not.toBeNull();
  });
});

describe("PLEDGE_STATUS", () => {
  const pledge = (status: string, by = "CAN", renewalDue: string | null = null): FeedRecord => ({
    __typename: "Pledge",
    id: "p",
    marking: "ORIGINATOR",
    releasableTo: [],
    originator: { code: by },
    status,
    renewalDue,
    quantity: 2,
    mission: { acronym: "MINUSCA" },
    capabilityType: { code: "INFANTRY_BATTALION" },
  });

  it("fires on a status change of the owner's own pledge, and when its renewal falls due", async () => {
    const condition = { kind: "PLEDGE_STATUS" as const };
    const changed = await evaluateRule(condition, CAN, change("PLEDGE", pledge("VERIFIED")), pledge("PLEDGED"), store([]));
    expect(changed).toMatchObject({ event: "pledge.status_changed", data: { previousStatus: "PLEDGED" } });
    const due = await evaluateRule(
      condition,
      CAN,
      change("PLEDGE", pledge("PLEDGED", "CAN", "2020-01-01")),
      pledge("PLEDGED", "CAN", "2099-01-01"),
      store([]),
    );
    expect(due?.event).toBe("pledge.renewal_due");
    expect(await evaluateRule(condition, CAN, change("PLEDGE", pledge("VERIFIED", "USA")), pledge("PLEDGED", "USA"), store([]))).toBeNull();
  });

  it("MISSION_GAP: fires when the gap reaches the threshold, counting only pledges the owner may read", async () => {
    const condition = { kind: "MISSION_GAP" as const, mission: "MINUSCA", capability: "INFANTRY_BATTALION", threshold: 4 };
    const requirement: FeedRecord = {
      __typename: "CapabilityRequirement",
      id: "r",
      quantity: 5,
      mission: { acronym: "MINUSCA" },
      capabilityType: { code: "INFANTRY_BATTALION" },
    };
    const withdrawn = pledge("WITHDRAWN");
    const match = await evaluateRule(condition, CAN, change("PLEDGE", withdrawn), pledge("PLEDGED"), store([requirement, withdrawn]));
    expect(match).toMatchObject({ event: "mission.gap_crossed", data: { gap: 5, previousGap: 3, direction: "UP" } });
    // Another partner's ORIGINATOR pledge is not the owner's to count, nor to be alerted about.
    const theirs = { ...pledge("WITHDRAWN", "USA") };
    expect(await evaluateRule(condition, CAN, change("PLEDGE", theirs), pledge("PLEDGED", "USA"), store([requirement, theirs]))).toBeNull();
  });
});

describe("PRACTICE_THEME", () => {
  const practice = (theme: string, marking = "PARTNERS"): FeedRecord => ({
    __typename: "Practice",
    id: "x",
    marking,
    releasableTo: [],
    originator: { code: "GBR" },
    title: "t",
    theme: { code: theme },
  });

  it("fires once when a practice on the theme becomes readable to the owner", async () => {
    const condition = { kind: "PRACTICE_THEME" as const, theme: "TRAINING" };
    expect(await evaluateRule(condition, CAN, change("PRACTICE", practice("TRAINING"), "CREATED"), null, store([]))).toMatchObject({
      event: "practice.published",
      data: { record: { type: "Practice", theme: "TRAINING", originator: "GBR" } },
    });
    expect(await evaluateRule(condition, CAN, change("PRACTICE", practice("TRAINING")), practice("TRAINING"), store([]))).toBeNull();
    expect(
      await evaluateRule(condition, CAN, change("PRACTICE", practice("TRAINING", "ORIGINATOR"), "CREATED"), null, store([])),
    ).toBeNull();
    expect(await evaluateRule(condition, CAN, change("PRACTICE", practice("MEDIATION"), "CREATED"), null, store([]))).toBeNull();
  });
});

describe("forecasts", () => {
  const Q = "00000000-0000-4000-8000-00000000000a";
  const question = (marking = "PUBLIC", releasableTo: string[] = []) => ({
    id: Q,
    marking,
    releasableTo,
    originator: { code: "OPS" },
    status: "OPEN",
    country: { code: "MMR" },
  });
  const forecast = (id: string, by: string, probability: number, day: string, marking = "PARTNERS", q = question()): FeedRecord => ({
    __typename: "Forecast",
    id,
    marking,
    releasableTo: [],
    originator: { code: by },
    probability,
    madeAt: `2026-${day}T12:00:00.000Z`,
    question: q,
  });

  it("FORECAST_RISE: fires when the partner's new forecast is at least N points above its previous one the owner reads", async () => {
    const condition = { kind: "FORECAST_RISE" as const, question: Q, partner: "USA", points: 20 };
    const earlier = forecast("f1", "USA", 0.3, "01-01");
    const later = forecast("f2", "USA", 0.55, "02-01");
    const match = await evaluateRule(condition, CAN, change("FORECAST", later, "CREATED"), null, store([earlier, later]));
    expect(match).toMatchObject({ event: "forecast.rose", data: { points: 25, previousProbability: 0.3 } });
    const small = forecast("f3", "USA", 0.45, "02-01");
    expect(await evaluateRule(condition, CAN, change("FORECAST", small, "CREATED"), null, store([earlier, small]))).toBeNull();
    // another partner's forecast, or a first forecast, says nothing
    const other = forecast("f4", "GBR", 0.9, "02-01");
    expect(await evaluateRule(condition, CAN, change("FORECAST", other, "CREATED"), null, store([earlier, other]))).toBeNull();
    expect(await evaluateRule(condition, CAN, change("FORECAST", earlier, "CREATED"), null, store([earlier]))).toBeNull();
  });

  it("FORECAST_RISE: a previous forecast, or a question, the owner may not read does not count", async () => {
    const condition = { kind: "FORECAST_RISE" as const, question: Q, partner: "USA", points: 20 };
    const hidden = forecast("f1", "USA", 0.1, "01-01", "GOVERNMENTS");
    const later = forecast("f2", "USA", 0.55, "02-01");
    expect(await evaluateRule(condition, CSO, change("FORECAST", later, "CREATED"), null, store([hidden, later]))).toBeNull();
    expect(await evaluateRule(condition, CAN, change("FORECAST", later, "CREATED"), null, store([hidden, later]))).not.toBeNull();
    const restricted = question("RESTRICTED", ["SLF"]);
    const onRestricted = [
      forecast("f1", "USA", 0.1, "01-01", "PARTNERS", restricted),
      forecast("f2", "USA", 0.55, "02-01", "PARTNERS", restricted),
    ];
    expect(await evaluateRule(condition, CAN, change("FORECAST", onRestricted[1]!, "CREATED"), null, store(onRestricted))).toBeNull();
  });

  it("CROWD_FORECAST: fires when the median of each partner's latest readable forecast crosses the probability", async () => {
    const condition = { kind: "CROWD_FORECAST" as const, question: Q, probability: 0.5 };
    // before: USA 0.4, GBR 0.6 (superseded 0.2), EU 0.3 → median 0.4; after EU says 0.7 → median 0.6
    const records = [
      forecast("u", "USA", 0.4, "01-01"),
      forecast("g0", "GBR", 0.2, "01-01"),
      forecast("g", "GBR", 0.6, "01-05"),
      forecast("e0", "EU", 0.3, "01-02"),
    ];
    const eu = forecast("e", "EU", 0.7, "02-01");
    const match = await evaluateRule(condition, CAN, change("FORECAST", eu, "CREATED"), null, store([...records, eu]));
    expect(match).toMatchObject({
      event: "forecast.crowd_crossed",
      recordType: "CROWD_FORECAST",
      recordId: Q,
      data: { crowd: 0.6, previousCrowd: 0.4, direction: "UP" },
    });
    // civil society reads no GOVERNMENTS forecast: without GBR's, the crowd goes from 0.35 to 0.55
    const hiddenGbr = records.map((r) =>
      String(r.originator && (r.originator as { code: string }).code) === "GBR" ? { ...r, marking: "GOVERNMENTS" } : r,
    );
    const cso = await evaluateRule(condition, CSO, change("FORECAST", eu, "CREATED"), null, store([...hiddenGbr, eu]));
    expect(cso).toMatchObject({ data: { crowd: 0.55, previousCrowd: 0.35, direction: "UP" } });
    const still = forecast("e", "EU", 0.8, "02-02");
    expect(await evaluateRule(condition, CAN, change("FORECAST", still), eu, store([...records, still]))).toBeNull();
  });
});
