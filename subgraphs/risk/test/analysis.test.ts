import { divergenceByFactor, overallDivergence } from "@concert/risk/dist/analysis/divergence.js";
import { type Dated, latestPublishedByAuthor, previousOf, trendOf } from "@concert/risk/dist/analysis/history.js";
import { rerank } from "@concert/risk/dist/analysis/ranking.js";
import { mergeSharedWatchlist } from "@concert/risk/dist/analysis/shared-watchlist.js";
import { AssessmentStatus, Likelihood, RatingLevel, Trend } from "@concert/risk/dist/entities/enums.js";

function assessment(
  id: string,
  originator: string,
  periodEnd: string,
  likelihood: Likelihood,
  status = AssessmentStatus.PUBLISHED,
  countryCode = "SSD",
): Dated {
  return { id, originator, countryCode, periodEnd, likelihood, status, createdAt: new Date(`${periodEnd}T00:00:00Z`) };
}

describe("trend", () => {
  const h1 = assessment("h1", "USA", "2025-06-30", Likelihood.MODERATE);
  const h2 = assessment("h2", "USA", "2025-12-31", Likelihood.HIGH);
  const h2Old = assessment("h2-old", "USA", "2025-12-31", Likelihood.LOW, AssessmentStatus.SUPERSEDED);
  const now = assessment("now", "USA", "2026-06-30", Likelihood.HIGH);
  const other = assessment("other", "CAN", "2025-12-31", Likelihood.LOW);
  const elsewhere = assessment("elsewhere", "USA", "2025-12-31", Likelihood.LOW, AssessmentStatus.PUBLISHED, "CAF");

  it("compares with the same author's latest published assessment of the same country for an earlier period", () => {
    expect(previousOf(now, [h1, h2, h2Old, other, elsewhere, now])).toBe(h2);
    expect(trendOf(now, h2)).toBe(Trend.STABLE);
    expect(trendOf(h2, previousOf(h2, [h1, h2, now]))).toBe(Trend.WORSENING);
    expect(trendOf(assessment("x", "USA", "2026-12-31", Likelihood.LOW), now)).toBe(Trend.IMPROVING);
  });

  it("is NEW without an earlier assessment, and ignores superseded versions and other authors", () => {
    expect(previousOf(h1, [h1, h2, now, other])).toBeNull();
    expect(trendOf(h1, null)).toBe(Trend.NEW);
    expect(previousOf(now, [h2Old, other])).toBeNull();
  });

  it("keeps each author's latest published assessment, drafts and superseded versions aside", () => {
    const draft = assessment("draft", "CAN", "2026-12-31", Likelihood.VERY_HIGH, AssessmentStatus.DRAFT);
    expect(latestPublishedByAuthor([h1, h2, h2Old, now, other, draft]).map((a) => a.id)).toEqual(["other", "now"]);
  });
});

describe("divergence", () => {
  const ratings = new Map([
    [
      "USA",
      new Map([
        [1, RatingLevel.SEVERE],
        [8, RatingLevel.HIGH],
      ]),
    ],
    [
      "EU",
      new Map([
        [1, RatingLevel.LOW],
        [8, RatingLevel.HIGH],
        [9, RatingLevel.MODERATE],
      ]),
    ],
  ]);

  it("is the spread of the rating scores per factor, null where fewer than two partners rated it", () => {
    const rows = divergenceByFactor([1, 8, 9, 10], ["USA", "EU", "UN"], ratings);
    expect(rows.map((r) => [r.factor, r.divergence])).toEqual([
      [1, 3],
      [8, 0],
      [9, null],
      [10, null],
    ]);
    expect(rows[0]!.ratings).toEqual([
      { partner: "USA", level: RatingLevel.SEVERE },
      { partner: "EU", level: RatingLevel.LOW },
      { partner: "UN", level: null },
    ]);
    expect(overallDivergence(rows)).toBe(1.5);
  });

  it("has no overall divergence when nothing could be compared", () => {
    expect(overallDivergence(divergenceByFactor([1, 2], ["USA", "UN"], new Map([["USA", ratings.get("USA")!]])))).toBeNull();
  });
});

describe("shared watchlist", () => {
  it("merges entries and latest assessments per country, the highest likelihood and the most listed first", () => {
    const entries = [
      { countryCode: "CAF", rank: 2, partner: "USA" },
      { countryCode: "CAF", rank: 1, partner: "EU" },
      { countryCode: "ETH", rank: 1, partner: "GBR" },
      { countryCode: "MMR", rank: 1, partner: "USA" },
    ];
    const assessments = [
      assessment("a", "USA", "2026-06-30", Likelihood.HIGH, AssessmentStatus.PUBLISHED, "CAF"),
      assessment("b", "EU", "2026-06-30", Likelihood.LOW, AssessmentStatus.PUBLISHED, "CAF"),
      assessment("c", "EU", "2025-06-30", Likelihood.VERY_HIGH, AssessmentStatus.PUBLISHED, "CAF"),
      assessment("d", "UN", "2026-06-30", Likelihood.HIGH, AssessmentStatus.PUBLISHED, "SSD"),
      assessment("e", "GCR2P", "2026-06-30", Likelihood.HIGH, AssessmentStatus.PUBLISHED, "MMR"),
    ];
    const rows = mergeSharedWatchlist(entries, assessments);
    expect(
      rows.map((r) => [
        r.countryCode,
        r.entries.map((e) => e.partner),
        r.assessments.map((a) => a.id),
        r.highestLikelihood,
        r.likelihoodSpread,
      ]),
    ).toEqual([
      ["CAF", ["EU", "USA"], ["b", "a"], Likelihood.HIGH, 2],
      ["MMR", ["USA"], ["e"], Likelihood.HIGH, null],
      ["SSD", [], ["d"], Likelihood.HIGH, null],
      ["ETH", ["GBR"], [], null, null],
    ]);
  });
});

describe("watchlist ranks", () => {
  const list = ["SSD", "CAF", "MMR"];
  it("inserts, moves and removes while keeping ranks 1..n", () => {
    expect(Object.fromEntries(rerank(list, "ETH", 2))).toEqual({ SSD: 1, ETH: 2, CAF: 3, MMR: 4 });
    expect(Object.fromEntries(rerank(list, "MMR", 1))).toEqual({ MMR: 1, SSD: 2, CAF: 3 });
    expect(Object.fromEntries(rerank(list, "SSD", 99))).toEqual({ CAF: 1, MMR: 2, SSD: 3 });
    expect(Object.fromEntries(rerank(list, "CAF", null))).toEqual({ SSD: 1, MMR: 2 });
  });
});
