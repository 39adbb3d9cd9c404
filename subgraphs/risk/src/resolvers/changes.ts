import { announcedUnderParent, type ParentedRecord } from "@concert/policy";
import { type ChangeFeedDefinition, changeFeedResolver, codeList, ownMarking } from "@concert/subgraph-kit";
import type { Ref } from "@mikro-orm/core";
import { AssessmentStatus } from "../entities/enums.js";
import { FactorRating } from "../entities/factor-rating.js";
import { Finding } from "../entities/finding.js";
import { Forecast } from "../entities/forecast.js";
import { ForecastQuestion } from "../entities/forecast-question.js";
import { Opinion } from "../entities/opinion.js";
import { RiskAssessment } from "../entities/risk-assessment.js";
import { Watchlist } from "../entities/watchlist.js";
import { WatchlistEntry } from "../entities/watchlist-entry.js";
import { ASSESSMENTS, FORECASTS, OPINIONS } from "../loaders.js";

/** A forecast or an opinion is announced only to those who read both it and its parent (the policy's rule). */
function underParent(data: Record<string, unknown>) {
  return announcedUnderParent({
    ...ownMarking(data),
    parentMarking: data.parentMarking as ParentedRecord["parentMarking"],
    parentReleasableTo: codeList(data.parentReleasableTo),
    parentOriginator: String(data.parentOriginator),
  });
}

/** Assessments (with their ratings and findings), watchlists (with their entries), forecast questions, forecasts and opinions. */
export const riskFeed: ChangeFeedDefinition = {
  domain: "Risk",
  records: [
    {
      type: "RISK_ASSESSMENT",
      entity: RiskAssessment,
      // A draft is its author's alone whatever its marking: publishing it is the change that shares it.
      audience: (a) =>
        a.status === AssessmentStatus.DRAFT ? { ...ownMarking(a), marking: "ORIGINATOR", releasableTo: [] } : ownMarking(a),
      readability: ASSESSMENTS as never,
      description: "A risk assessment, with its factor ratings and findings.",
    },
    { type: "WATCHLIST", entity: Watchlist, description: "A partner's watchlist, with its entries." },
    { type: "FORECAST_QUESTION", entity: ForecastQuestion, description: "A forecast question, opened and resolved by the operator." },
    {
      type: "FORECAST",
      entity: Forecast,
      audience: underParent,
      readability: FORECASTS as never,
      description: "A partner's forecast on a question (each update is a new forecast).",
    },
    {
      type: "OPINION",
      entity: Opinion,
      audience: underParent,
      readability: OPINIONS as never,
      description: "A partner's opinion on another partner's assessment.",
    },
  ],
  children: [
    { entity: WatchlistEntry, parent: (e) => e.watchlist },
    { entity: FactorRating, parent: (r) => r.assessment },
    { entity: Finding, parent: (f) => (f.rating as Ref<FactorRating>).unwrap().assessment },
  ],
};

export const RiskChangesResolver = changeFeedResolver(riskFeed);
