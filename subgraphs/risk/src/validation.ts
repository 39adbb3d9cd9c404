import { countryCodesInRegion, isCountryCode } from "@concert/countries";
import { badUserInput } from "@concert/subgraph-kit";
import type { FactorRatingInput } from "./inputs/assessment-inputs.js";
import { RISK_FACTORS } from "./seed/framework.js";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A real calendar day written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

export function requireDate(field: string, value: string, { notAfterToday = false } = {}): void {
  if (!isIsoDate(value)) throw badUserInput(field, "must be a day written YYYY-MM-DD");
  if (notAfterToday && value > today()) throw badUserInput(field, "must not be in the future");
}

export function requireText(field: string, value: string): void {
  if (value.trim() === "") throw badUserInput(field, "must not be empty");
}

export function requireCountry(field: string, code: string): void {
  if (!isCountryCode(code)) throw badUserInput(field, `${code} is not an ISO 3166-1 alpha-3 country code`);
}

/** The content of an assessment once a create or a revision is applied. */
export interface AssessmentContent {
  periodStart: string;
  periodEnd: string;
  probability: number | null;
  summary: string;
  scenarios: string[];
  recommendedActions: string[];
  factorRatings?: FactorRatingInput[];
}

/**
 * Checks what can be checked without the database; `indicatorFactor` maps the indicator codes the
 * ratings name to their factor (unknown codes are absent).
 */
export function validateAssessment(c: AssessmentContent, indicatorFactor: ReadonlyMap<string, number>): void {
  requireDate("input.periodStart", c.periodStart);
  requireDate("input.periodEnd", c.periodEnd);
  if (c.periodEnd < c.periodStart) throw badUserInput("input.periodEnd", "the period must not end before it starts");
  if (c.probability !== null && !(c.probability >= 0 && c.probability <= 1)) {
    throw badUserInput("input.probability", "must be between 0 and 1");
  }
  requireText("input.summary", c.summary);
  c.scenarios.forEach((s, i) => requireText(`input.scenarios[${i}]`, s));
  c.recommendedActions.forEach((s, i) => requireText(`input.recommendedActions[${i}]`, s));
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
export function indicatorCodes(ratings: readonly FactorRatingInput[] | undefined): string[] {
  return [...new Set((ratings ?? []).flatMap((r) => r.findings.flatMap((f) => (f.indicator ? [f.indicator] : []))))];
}

/** The country codes of a region or sub-region; an unknown one is bad input rather than an empty answer. */
export function requireRegion(field: string, region: string): string[] {
  const codes = countryCodesInRegion(region);
  if (codes.length === 0) throw badUserInput(field, `${region} is not a region or sub-region`);
  return codes;
}
