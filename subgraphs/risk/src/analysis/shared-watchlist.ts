import type { Likelihood } from "../entities/enums.js";
import { type Dated, latestPublishedByAuthor } from "./history.js";
import { highestLikelihood, likelihoodScore, spread } from "./scales.js";

export interface SharedRow<E, A> {
  countryCode: string;
  /** Entries of the watchlists that list the country, by rank then partner. */
  entries: E[];
  /** Each author's latest published assessment of the country, by author. */
  assessments: A[];
  highestLikelihood: Likelihood | null;
  /** Highest minus lowest likelihood score (0–3); null with fewer than two assessments. */
  likelihoodSpread: number | null;
}

/**
 * Merges watchlist entries and assessments per country: every country listed or assessed, the
 * highest likelihood first, then the most listed, then by code.
 */
export function mergeSharedWatchlist<E extends { countryCode: string; rank: number; partner: string }, A extends Dated>(
  entries: readonly E[],
  assessments: readonly A[],
): SharedRow<E, A>[] {
  const group = <T extends { countryCode: string }>(items: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const item of items) {
      const group = map.get(item.countryCode);
      if (group) group.push(item);
      else map.set(item.countryCode, [item]);
    }
    return map;
  };
  const entriesByCountry = group(entries);
  const assessmentsByCountry = group(assessments);
  const codes = [...new Set([...entriesByCountry.keys(), ...assessmentsByCountry.keys()])];
  const rows = codes.map((countryCode) => {
    const latest = latestPublishedByAuthor(assessmentsByCountry.get(countryCode) ?? []);
    return {
      countryCode,
      entries: [...(entriesByCountry.get(countryCode) ?? [])].sort((a, b) => a.rank - b.rank || a.partner.localeCompare(b.partner)),
      assessments: latest,
      highestLikelihood: highestLikelihood(latest.map((a) => a.likelihood)),
      likelihoodSpread: spread(latest.map((a) => likelihoodScore(a.likelihood))),
    };
  });
  const score = (r: SharedRow<E, A>) => (r.highestLikelihood === null ? -1 : likelihoodScore(r.highestLikelihood));
  return rows
    .filter((r) => r.entries.length > 0 || r.assessments.length > 0)
    .sort((a, b) => score(b) - score(a) || b.entries.length - a.entries.length || a.countryCode.localeCompare(b.countryCode));
}
