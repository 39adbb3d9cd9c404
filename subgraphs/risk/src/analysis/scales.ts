import { Likelihood, RatingLevel } from "../entities/enums.js";

/** Likelihood categories from the lowest; a category's index is its score (0–3). */
export const LIKELIHOODS: readonly Likelihood[] = [Likelihood.LOW, Likelihood.MODERATE, Likelihood.HIGH, Likelihood.VERY_HIGH];

/** Rating levels from the lowest; a level's index is its score (0–4). */
export const RATING_LEVELS: readonly RatingLevel[] = [
  RatingLevel.NOT_PRESENT,
  RatingLevel.LOW,
  RatingLevel.MODERATE,
  RatingLevel.HIGH,
  RatingLevel.SEVERE,
];

export function likelihoodScore(likelihood: Likelihood): number {
  return LIKELIHOODS.indexOf(likelihood);
}

export function ratingScore(level: RatingLevel): number {
  return RATING_LEVELS.indexOf(level);
}

/** Highest minus lowest score; null when fewer than two scores are known, since nothing can diverge then. */
export function spread(scores: readonly number[]): number | null {
  if (scores.length < 2) return null;
  return Math.max(...scores) - Math.min(...scores);
}

export function highestLikelihood(likelihoods: readonly Likelihood[]): Likelihood | null {
  if (likelihoods.length === 0) return null;
  return LIKELIHOODS[Math.max(...likelihoods.map(likelihoodScore))]!;
}

/**
 * The probability range of each likelihood category, in the style of ICD 203 (US Intelligence Community Directive
 * 203, "Analytic Standards"), whose seven terms the four categories group. Bounds are included, so that a
 * probability on a boundary fits both neighbouring categories.
 */
export const LIKELIHOOD_RANGES: Readonly<Record<Likelihood, { min: number; max: number; terms: string[] }>> = {
  [Likelihood.LOW]: { min: 0, max: 0.2, terms: ["almost no chance (1–5%)", "very unlikely (5–20%)"] },
  [Likelihood.MODERATE]: { min: 0.2, max: 0.45, terms: ["unlikely (20–45%)"] },
  [Likelihood.HIGH]: { min: 0.45, max: 0.8, terms: ["roughly even chance (45–55%)", "likely (55–80%)"] },
  [Likelihood.VERY_HIGH]: { min: 0.8, max: 1, terms: ["very likely (80–95%)", "almost certain (95–99%)"] },
};

export function fitsLikelihood(likelihood: Likelihood, probability: number): boolean {
  const { min, max } = LIKELIHOOD_RANGES[likelihood];
  return probability >= min && probability <= max;
}
