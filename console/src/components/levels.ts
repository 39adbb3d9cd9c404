// Ordered scales of the API's enums, for colour classes and for spreads.
export const LIKELIHOODS = ["LOW", "MODERATE", "HIGH", "VERY_HIGH"] as const;
export const RATINGS = ["NOT_PRESENT", "LOW", "MODERATE", "HIGH", "SEVERE"] as const;
export const READINESS = ["LEVEL_1", "LEVEL_2", "LEVEL_3", "RAPID_DEPLOYMENT"] as const;
export const STAGES = ["PREVENTION", "MITIGATION", "RESPONSE"] as const;

export function likelihoodIndex(value: string | null | undefined): number {
  return value ? LIKELIHOODS.indexOf(value as (typeof LIKELIHOODS)[number]) : -1;
}

export function ratingIndex(value: string | null | undefined): number {
  return value ? RATINGS.indexOf(value as (typeof RATINGS)[number]) : -1;
}

/** Enum values as people read them: VERY_HIGH -> "very high". Data stays as stored; only the casing changes. */
export function humanize(value: string | null | undefined): string {
  return value ? value.toLowerCase().replace(/_/g, " ") : "—";
}
