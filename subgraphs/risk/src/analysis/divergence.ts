import type { RatingLevel } from "../entities/enums.js";
import { ratingScore, spread } from "./scales.js";

/** One partner's ratings, by factor number. */
export type RatingsByFactor = ReadonlyMap<number, RatingLevel>;

export interface FactorDivergence {
  factor: number;
  /** Each compared partner's rating of the factor, null where it gave none or its assessment is not visible. */
  ratings: { partner: string; level: RatingLevel | null }[];
  /** Highest minus lowest rating score (0–4); null when fewer than two partners rated the factor. */
  divergence: number | null;
}

/** Side by side per factor, for the partners in the order given. */
export function divergenceByFactor(
  factors: readonly number[],
  partners: readonly string[],
  ratings: ReadonlyMap<string, RatingsByFactor>,
): FactorDivergence[] {
  return factors.map((factor) => {
    const row = partners.map((partner) => ({ partner, level: ratings.get(partner)?.get(factor) ?? null }));
    const scores = row.flatMap((r) => (r.level === null ? [] : [ratingScore(r.level)]));
    return { factor, ratings: row, divergence: spread(scores) };
  });
}

/** Mean of the factors' divergences, to two decimals; null when no factor could be compared. */
export function overallDivergence(rows: readonly FactorDivergence[]): number | null {
  const known = rows.flatMap((r) => (r.divergence === null ? [] : [r.divergence]));
  if (known.length === 0) return null;
  return Math.round((known.reduce((s, d) => s + d, 0) / known.length) * 100) / 100;
}
