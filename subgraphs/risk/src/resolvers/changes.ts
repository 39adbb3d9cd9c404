import { FORECAST, FORECAST_QUESTION, OPINION, RISK_ASSESSMENT, WATCHLIST } from "@concert/policy";
import { type ChangeFeedDefinition, changeFeedResolver } from "@concert/subgraph-kit/feeds";
import type { Ref } from "@mikro-orm/core";
import { FactorRating } from "../entities/factor-rating.js";
import { Finding } from "../entities/finding.js";
import { Forecast } from "../entities/forecast.js";
import { ForecastQuestion } from "../entities/forecast-question.js";
import { Opinion } from "../entities/opinion.js";
import { RiskAssessment } from "../entities/risk-assessment.js";
import { Watchlist } from "../entities/watchlist.js";
import { WatchlistEntry } from "../entities/watchlist-entry.js";

/** Assessments (with their ratings and findings), watchlists (with their entries), forecast questions, forecasts and opinions; drafts and parents are their declarations'. */
export const riskFeed: ChangeFeedDefinition = {
  domain: "Risk",
  records: [
    { declaration: RISK_ASSESSMENT, entity: RiskAssessment, description: "A risk assessment, with its factor ratings and findings." },
    { declaration: WATCHLIST, entity: Watchlist, description: "A partner's watchlist, with its entries." },
    { declaration: FORECAST_QUESTION, entity: ForecastQuestion, description: "A forecast question, opened and resolved by the operator." },
    { declaration: FORECAST, entity: Forecast, description: "A partner's forecast on a question (each update is a new forecast)." },
    { declaration: OPINION, entity: Opinion, description: "A partner's opinion on another partner's assessment." },
  ],
  children: [
    { entity: WatchlistEntry, parent: (e) => e.watchlist },
    { entity: FactorRating, parent: (r) => r.assessment },
    { entity: Finding, parent: (f) => (f.rating as Ref<FactorRating>).unwrap().assessment },
  ],
};

export const RiskChangesResolver = changeFeedResolver(riskFeed);
