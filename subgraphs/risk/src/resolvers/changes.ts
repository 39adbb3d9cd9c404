import { RISK_ASSESSMENT, WATCHLIST } from "@concert/policy";
import { type ChangeFeedDefinition, changeFeedResolver } from "@concert/subgraph-kit";
import type { Ref } from "@mikro-orm/core";
import { FactorRating } from "../entities/factor-rating.js";
import { Finding } from "../entities/finding.js";
import { RiskAssessment } from "../entities/risk-assessment.js";
import { Watchlist } from "../entities/watchlist.js";
import { WatchlistEntry } from "../entities/watchlist-entry.js";

/** Assessments (with their ratings and findings) and watchlists (with their entries); drafts are their declaration's. */
export const riskFeed: ChangeFeedDefinition = {
  domain: "Risk",
  records: [
    { declaration: RISK_ASSESSMENT, entity: RiskAssessment, description: "A risk assessment, with its factor ratings and findings." },
    { declaration: WATCHLIST, entity: Watchlist, description: "A partner's watchlist, with its entries." },
  ],
  children: [
    { entity: WatchlistEntry, parent: (e) => e.watchlist },
    { entity: FactorRating, parent: (r) => r.assessment },
    { entity: Finding, parent: (f) => (f.rating as Ref<FactorRating>).unwrap().assessment },
  ],
};

export const RiskChangesResolver = changeFeedResolver(riskFeed);
