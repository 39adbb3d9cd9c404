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
