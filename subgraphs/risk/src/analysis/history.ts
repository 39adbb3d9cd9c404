import { AssessmentStatus, Likelihood, Trend } from "../entities/enums.js";
import { likelihoodScore } from "./scales.js";

/** What trend and "latest" need to know of an assessment. */
export interface Dated {
  id: string;
  originator: string;
  countryCode: string;
  periodEnd: string;
  createdAt: Date;
  status: AssessmentStatus;
  likelihood: Likelihood;
}

/** The properties of `Dated`, by name (every one, the type checks). */
export const DATED_PROPERTIES = Object.keys({
  id: true,
  originator: true,
  countryCode: true,
  periodEnd: true,
  createdAt: true,
  status: true,
  likelihood: true,
} satisfies Record<keyof Dated, true>) as (keyof Dated)[];

/** Newer first: later period end, then later creation. */
export function newestFirst(a: Dated, b: Dated): number {
  return b.periodEnd.localeCompare(a.periodEnd) || b.createdAt.getTime() - a.createdAt.getTime() || a.id.localeCompare(b.id);
}

/** Each author's most recent published assessment among `assessments` (of one country), by author code. */
export function latestPublishedByAuthor<T extends Dated>(assessments: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const a of [...assessments].sort(newestFirst)) {
    if (a.status === AssessmentStatus.PUBLISHED && !latest.has(a.originator)) latest.set(a.originator, a);
  }
  return [...latest.values()].sort((a, b) => a.originator.localeCompare(b.originator));
}

/**
 * The same author's published assessment of the same country for an earlier period, the most
 * recent one. Superseded versions are left out: a revision replaces them, it does not follow them.
 */
export function previousOf<T extends Dated>(assessment: Dated, candidates: readonly T[]): T | null {
  const earlier = candidates.filter(
    (c) =>
      c.id !== assessment.id &&
      c.originator === assessment.originator &&
      c.countryCode === assessment.countryCode &&
      c.status === AssessmentStatus.PUBLISHED &&
      c.periodEnd < assessment.periodEnd,
  );
  return earlier.sort(newestFirst)[0] ?? null;
}

export function trendOf(current: { likelihood: Likelihood }, previous: { likelihood: Likelihood } | null): Trend {
  if (!previous) return Trend.NEW;
  const change = likelihoodScore(current.likelihood) - likelihoodScore(previous.likelihood);
  if (change > 0) return Trend.WORSENING;
  if (change < 0) return Trend.IMPROVING;
  return Trend.STABLE;
}
