import { declareMarkedType, type MarkedType } from "../marked-type.js";

/** A risk assessment: a draft stays with its author; its findings' evidence and sources, and its structure, have their own marking. */
export const RISK_ASSESSMENT: MarkedType = declareMarkedType({
  type: "RiskAssessment",
  draft: { property: "status", value: "DRAFT" },
  fields: {
    evidence: { marking: "evidenceMarking", releasableTo: "evidenceReleasableTo" },
    source: { marking: "evidenceMarking", releasableTo: "evidenceReleasableTo" },
    // the assessment's structure (US Atrocity Risk Assessment Framework) is marked like the evidence
    actors: { marking: "evidenceMarking", releasableTo: "evidenceReleasableTo" },
    targetGroups: { marking: "evidenceMarking", releasableTo: "evidenceReleasableTo" },
    resilienceFactors: { marking: "evidenceMarking", releasableTo: "evidenceReleasableTo" },
    triggers: { marking: "evidenceMarking", releasableTo: "evidenceReleasableTo" },
  },
});

export const WATCHLIST: MarkedType = declareMarkedType({ type: "Watchlist" });

/** A forecast question: the operator's, PUBLIC unless the operator chooses otherwise. */
export const FORECAST_QUESTION: MarkedType = declareMarkedType({ type: "ForecastQuestion" });

/** A partner's forecast: read only by whoever reads both it and its question. */
export const FORECAST: MarkedType = declareMarkedType({
  type: "Forecast",
  parent: { type: FORECAST_QUESTION, property: "question" },
});

/**
 * A partner's opinion on another partner's assessment: read only by whoever reads both it and the assessment, so
 * that it never widens who learns that a restricted assessment exists.
 */
export const OPINION: MarkedType = declareMarkedType({
  type: "Opinion",
  parent: { type: RISK_ASSESSMENT, property: "assessment" },
});
