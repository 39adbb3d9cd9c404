import { countryCodesInRegion } from "@concert/countries";
import { badUserInput } from "@concert/subgraph-kit/errors";
import { optionalDate, requireCountry, requireDate, requireRange, requireText } from "@concert/subgraph-kit/writes";
import { fitsLikelihood, LIKELIHOOD_RANGES } from "../analysis/scales.js";
import type { ActorRole, Likelihood } from "../entities/enums.js";
import { RISK_FACTORS } from "../seed/framework.js";
import type { FactorRatingInput } from "./assessment-inputs.js";
import type { WatchlistEntryInput } from "./watchlist-inputs.js";

/** The content of an assessment once a create or a revision is applied. */
export interface AssessmentContent {
  periodStart: string;
  periodEnd: string;
  likelihood: Likelihood;
  probability: number | null;
  summary: string;
  scenarios: string[];
  recommendedActions: string[];
  factorRatings?: FactorRatingInput[];
  actors?: { name: string; role: ActorRole }[];
  targetGroups?: string[];
  resilienceFactors?: string[];
  triggers?: { event: string; expectedOn?: string | null; indicator?: string | null }[];
}

/**
 * Checks what can be checked without the database; `indicatorFactor` maps the indicator codes the
 * ratings name to their factor (unknown codes are absent).
 */
export function validateAssessment(c: AssessmentContent, indicatorFactor: ReadonlyMap<string, number>): void {
  requireDate("input.periodStart", c.periodStart);
  requireDate("input.periodEnd", c.periodEnd);
  if (c.periodEnd < c.periodStart) throw badUserInput("input.periodEnd", "the period must not end before it starts");
  requireRange("input.probability", c.probability, 0, 1);
  if (c.probability !== null && c.probability !== undefined && !fitsLikelihood(c.likelihood, c.probability)) {
    const { min, max } = LIKELIHOOD_RANGES[c.likelihood];
    throw badUserInput(
      "input.probability",
      `${c.probability} is outside the range of ${c.likelihood} (${min}–${max}); see likelihoodRanges`,
    );
  }
  requireText("input.summary", c.summary);
  for (const [i, s] of c.scenarios.entries()) requireText(`input.scenarios[${i}]`, s);
  for (const [i, s] of c.recommendedActions.entries()) requireText(`input.recommendedActions[${i}]`, s);
  for (const [i, a] of (c.actors ?? []).entries()) requireText(`input.actors[${i}].name`, a.name);
  for (const [i, g] of (c.targetGroups ?? []).entries()) requireText(`input.targetGroups[${i}]`, g);
  for (const [i, r] of (c.resilienceFactors ?? []).entries()) requireText(`input.resilienceFactors[${i}]`, r);
  for (const [i, t] of (c.triggers ?? []).entries()) {
    requireText(`input.triggers[${i}].event`, t.event);
    optionalDate(`input.triggers[${i}].expectedOn`, t.expectedOn);
    if (t.indicator !== null && t.indicator !== undefined && !indicatorFactor.has(t.indicator)) {
      throw badUserInput(`input.triggers[${i}].indicator`, `${t.indicator} is not an indicator of the Framework`);
    }
  }
  const rated = new Set<number>();
  (c.factorRatings ?? []).forEach((r, i) => {
    const at = `input.factorRatings[${i}]`;
    if (!RISK_FACTORS.some((f) => f.number === r.factor)) throw badUserInput(`${at}.factor`, `${r.factor} is not a risk factor (1–14)`);
    if (rated.has(r.factor)) throw badUserInput(`${at}.factor`, `factor ${r.factor} is rated twice`);
    rated.add(r.factor);
    requireText(`${at}.rationale`, r.rationale);
    r.findings.forEach((f, j) => {
      const fat = `${at}.findings[${j}]`;
      if (f.indicator !== undefined && f.indicator !== null && indicatorFactor.get(f.indicator) !== r.factor) {
        throw badUserInput(`${fat}.indicator`, `${f.indicator} is not an indicator of risk factor ${r.factor}`);
      }
      requireText(`${fat}.evidence`, f.evidence);
      requireText(`${fat}.source`, f.source);
      requireDate(`${fat}.observedOn`, f.observedOn, { notAfterToday: true });
    });
  });
}

/** Indicator codes named anywhere in the ratings. */
export function indicatorCodes(
  ratings: readonly FactorRatingInput[] | undefined,
  triggers: readonly { indicator?: string | null }[] = [],
): string[] {
  const named = (ratings ?? []).flatMap((r) => r.findings.flatMap((f) => (f.indicator ? [f.indicator] : [])));
  return [...new Set([...named, ...triggers.flatMap((t) => (t.indicator ? [t.indicator] : []))])];
}

/** The country codes of a region or sub-region; an unknown one is bad input rather than an empty answer. */
export function requireRegion(field: string, region: string): string[] {
  const codes = countryCodesInRegion(region);
  if (codes.length === 0) throw badUserInput(field, `${region} is not a region or sub-region`);
  return codes;
}

export function validateRank(field: string, rank: number | null | undefined): void {
  if (rank !== null && rank !== undefined && rank < 1) throw badUserInput(field, "must be 1 or more");
}

export function validateEntry(field: string, e: WatchlistEntryInput): void {
  requireCountry(`${field}.country`, e.country);
  validateRank(`${field}.rank`, e.rank);
  requireText(`${field}.rationale`, e.rationale);
  optionalDate(`${field}.since`, e.since, { notAfterToday: true });
}
