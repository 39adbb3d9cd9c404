import { fitsLikelihood, LIKELIHOOD_RANGES } from "../src/analysis/scales";
import { binOf, crowdSeries, daysBetween, median, scoreQuestion, trackRecords } from "../src/analysis/scores";
import { Likelihood } from "../src/entities/enums";

/**
 * A small fixed history, every figure computed by hand (docs/api/risk.md, "Scores", has the same convention).
 *
 * Q1 resolved YES, scored 2025-01-01 … 2025-01-05:
 *   A: 0.2 on 01-01, 0.6 on 01-03   → standing 0.2 0.2 0.6 0.6 0.6
 *   B: 0.5 on 01-02                 → standing –   0.5 0.5 0.5 0.5
 *   C: 0.1 at 09:00 and 0.9 at 23:00 on 01-04 (the later one stands) → – – – 0.9 0.9
 *   crowd (median of the standing)  → 0.2 0.35 0.55 0.6 0.6
 *   Brier A = (2×0.64 + 3×0.16)/5 = 0.352; B = 4×0.25/4 = 0.25; C = 2×0.01/2 = 0.01
 *   crowd over A's days = (0.64 + 0.4225 + 0.2025 + 0.16 + 0.16)/5 = 0.317
 *   crowd over B's days = (0.4225 + 0.2025 + 0.16 + 0.16)/4 = 0.23625; over C's days = 0.16
 * Q2 resolved NO, scored 2025-02-01 … 2025-02-02 (resolved before the window's end):
 *   A: 0.3 on 02-01, and 0.7 on 02-03 (after the end: neither scored nor counted in calibration)
 *   B: 0.1 on 02-02
 *   crowd 0.3 0.2; Brier A = 0.09, B = 0.01; crowd over A's days = (0.09 + 0.04)/2 = 0.065, over B's = 0.04
 */
const at = (iso: string) => new Date(iso);
const Q1 = { id: "q1", scoringEnd: "2025-01-05", outcome: 1 as const };
const Q2 = { id: "q2", scoringEnd: "2025-02-02", outcome: 0 as const };
const F1 = [
  { partner: "A", probability: 0.2, madeAt: at("2025-01-01T10:00:00Z") },
  { partner: "A", probability: 0.6, madeAt: at("2025-01-03T08:00:00Z") },
  { partner: "B", probability: 0.5, madeAt: at("2025-01-02T12:00:00Z") },
  { partner: "C", probability: 0.9, madeAt: at("2025-01-04T23:00:00Z") },
  { partner: "C", probability: 0.1, madeAt: at("2025-01-04T09:00:00Z") },
];
const F2 = [
  { partner: "A", probability: 0.3, madeAt: at("2025-02-01T00:00:00Z") },
  { partner: "A", probability: 0.7, madeAt: at("2025-02-03T00:00:00Z") },
  { partner: "B", probability: 0.1, madeAt: at("2025-02-02T23:59:59Z") },
];

describe("scores", () => {
  it("the crowd of a day is the median of the forecasts standing that day, one per partner", () => {
    const days = daysBetween("2025-01-01", "2025-01-05");
    expect(days).toEqual(["2025-01-01", "2025-01-02", "2025-01-03", "2025-01-04", "2025-01-05"]);
    for (const [i, c] of crowdSeries(F1, days).entries()) expect(c).toBeCloseTo([0.2, 0.35, 0.55, 0.6, 0.6][i]!, 10);
    expect(crowdSeries(F1, ["2024-12-31"])).toEqual([null]);
    expect(median([0.3, 0.1, 0.2, 0.9])).toBeCloseTo(0.25, 10);
  });

  it("a partner's Brier score averages (p − o)² over each day from its first forecast to the scoring end", () => {
    const scores = scoreQuestion(Q1, F1);
    expect(scores.map((s) => s.partner)).toEqual(["A", "B", "C"]);
    const [a, b, c] = scores;
    expect(a!.brier).toBeCloseTo(0.352, 10);
    expect(a!.crowdBrier).toBeCloseTo(0.317, 10);
    expect(a!.days).toBe(5);
    expect(b!.brier).toBeCloseTo(0.25, 10);
    expect(b!.crowdBrier).toBeCloseTo(0.23625, 10);
    expect(b!.days).toBe(4);
    expect(c!.brier).toBeCloseTo(0.01, 10);
    expect(c!.crowdBrier).toBeCloseTo(0.16, 10);
  });

  it("stops at the scoring end, and a partner that forecast only after it has no score", () => {
    const scores = scoreQuestion(Q2, F2);
    expect(scores.map((s) => [s.partner, s.days])).toEqual([
      ["A", 2],
      ["B", 1],
    ]);
    expect(scores[0]!.brier).toBeCloseTo(0.09, 10);
    expect(scores[0]!.crowdBrier).toBeCloseTo(0.065, 10);
    expect(scores[1]!.brier).toBeCloseTo(0.01, 10);
    expect(scores[1]!.crowdBrier).toBeCloseTo(0.04, 10);
    expect(scoreQuestion({ ...Q2, scoringEnd: "2025-01-31" }, F2)).toEqual([]);
  });

  it("track records: mean Brier, against the crowd, provisional under 3 questions, calibration in 10-point bins", () => {
    const records = trackRecords(
      ["A", "B", "C", "D"],
      [Q1, Q2],
      new Map([
        ["q1", F1],
        ["q2", F2],
      ]),
    );
    const [a, b, c, d] = records;
    expect(a!.questions).toBe(2);
    expect(a!.meanBrier).toBeCloseTo((0.352 + 0.09) / 2, 10);
    expect(a!.crowdBrier).toBeCloseTo((0.317 + 0.065) / 2, 10);
    expect(a!.versusCrowd).toBeCloseTo(0.03, 10);
    expect(a!.provisional).toBe(true);
    const filled = (r: typeof a) =>
      r!.calibration.filter((x) => x.forecasts > 0).map((x) => [x.from, x.forecasts, x.happened, x.frequency]);
    // 0.2 and 0.6 on Q1 (YES), 0.3 on Q2 (NO); 0.7 came after Q2's end
    expect(filled(a)).toEqual([
      [0.2, 1, 1, 1],
      [0.3, 1, 0, 0],
      [0.6, 1, 1, 1],
    ]);
    expect(b!.meanBrier).toBeCloseTo(0.13, 10);
    expect(b!.crowdBrier).toBeCloseTo((0.23625 + 0.04) / 2, 10);
    expect(filled(b)).toEqual([
      [0.1, 1, 0, 0],
      [0.5, 1, 1, 1],
    ]);
    expect(c!.questions).toBe(1);
    expect(filled(c)).toEqual([
      [0.1, 1, 1, 1],
      [0.9, 1, 1, 1],
    ]);
    expect(d).toMatchObject({ questions: 0, meanBrier: null, crowdBrier: null, versusCrowd: null, provisional: true });
    expect(a!.calibration).toHaveLength(10);
  });

  it("three resolved questions make a firm score", () => {
    const Q3 = { id: "q3", scoringEnd: "2025-03-01", outcome: 0 as const };
    const F3 = [{ partner: "B", probability: 0, madeAt: at("2025-03-01T00:00:00Z") }];
    const [b] = trackRecords(
      ["B"],
      [Q1, Q2, Q3],
      new Map([
        ["q1", F1],
        ["q2", F2],
        ["q3", F3],
      ]),
    );
    expect(b!.questions).toBe(3);
    expect(b!.provisional).toBe(false);
    expect(b!.meanBrier).toBeCloseTo((0.25 + 0.01 + 0) / 3, 10);
  });

  it("bins: 0.1 opens the second bin, 1 closes the last", () => {
    expect([0, 0.09, 0.1, 0.29, 0.3, 0.99, 1].map(binOf)).toEqual([0, 0, 1, 2, 3, 9, 9]);
  });
});

describe("likelihood ranges (ICD 203 style)", () => {
  it("cover 0–1 without gaps, bounds shared by neighbours", () => {
    const ranges = [Likelihood.LOW, Likelihood.MODERATE, Likelihood.HIGH, Likelihood.VERY_HIGH].map((l) => LIKELIHOOD_RANGES[l]);
    expect(ranges[0]!.min).toBe(0);
    expect(ranges[3]!.max).toBe(1);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]!.min).toBe(ranges[i - 1]!.max);
    expect(fitsLikelihood(Likelihood.MODERATE, 0.2)).toBe(true);
    expect(fitsLikelihood(Likelihood.LOW, 0.2)).toBe(true);
    expect(fitsLikelihood(Likelihood.HIGH, 0.2)).toBe(false);
    expect(fitsLikelihood(Likelihood.VERY_HIGH, 0.79)).toBe(false);
  });
});
