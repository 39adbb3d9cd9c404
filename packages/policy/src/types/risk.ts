import { declareMarkedType, type MarkedType } from "../marked-type.js";

/** A risk assessment: a draft stays with its author; its findings' evidence and sources have their own marking. */
export const RISK_ASSESSMENT: MarkedType = declareMarkedType({
  type: "RiskAssessment",
  draft: { property: "status", value: "DRAFT" },
  fields: {
    evidence: { marking: "evidenceMarking", releasableTo: "evidenceReleasableTo" },
    source: { marking: "evidenceMarking", releasableTo: "evidenceReleasableTo" },
  },
});

export const WATCHLIST: MarkedType = declareMarkedType({ type: "Watchlist" });
