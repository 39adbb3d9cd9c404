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
  ({ RISK_ASSESSMENT: "RiskAssessment", PLEDGE: "Pledge", CAPABILITY_REQUIREMENT: "CapabilityRequirement" })[recordType];

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
