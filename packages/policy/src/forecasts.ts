import { isOperatorAdmin } from "./authority.js";
import type { MarkingChoice } from "./defaults.js";
import type { Viewer } from "./viewer.js";
import type { Decision } from "./write.js";

/**
 * Forecast questions are the operator's, as the registry is: only its admins open, close and resolve them,
 * so that no partner decides how the questions it is scored on are settled.
 */
export function decideForecastQuestionChange(viewer: Viewer): Decision {
  if (viewer.partner === null) return { allowed: false, reason: "authentication required" };
  if (!isOperatorAdmin(viewer))
    return { allowed: false, reason: "forecast questions are opened and resolved by the operator's admins only" };
  return { allowed: true };
}

/** A question is PUBLIC unless the operator chooses otherwise: every partner forecasts it, and anyone may read it. */
export function defaultForecastQuestionMarking(): MarkingChoice {
  return { marking: "PUBLIC", releasableTo: [] };
}

/**
 * An opinion records one partner's agreement or disagreement with another's assessment: a partner never gives
 * one on its own assessment (it revises it instead).
 */
export function decideOpinionOn(viewer: Viewer, assessmentOriginator: string): Decision {
  if (viewer.partner !== null && viewer.partner === assessmentOriginator) {
    return { allowed: false, reason: "an opinion is on another partner's assessment, never on your own" };
  }
  return { allowed: true };
}
