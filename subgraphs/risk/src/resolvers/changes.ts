import { type ChangeFeedDefinition, changeFeedResolver, ownMarking } from "@concert/subgraph-kit";
import type { Ref } from "@mikro-orm/core";
import { AssessmentStatus } from "../entities/enums.js";
import { FactorRating } from "../entities/factor-rating.js";
import { Finding } from "../entities/finding.js";
import { RiskAssessment } from "../entities/risk-assessment.js";
import { Watchlist } from "../entities/watchlist.js";
import { WatchlistEntry } from "../entities/watchlist-entry.js";
import { ASSESSMENTS } from "../loaders.js";

/** Assessments (with their ratings and findings) and watchlists (with their entries). */
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
  ],
  children: [
    { entity: WatchlistEntry, parent: (e) => e.watchlist },
    { entity: FactorRating, parent: (r) => r.assessment },
    { entity: Finding, parent: (f) => (f.rating as Ref<FactorRating>).unwrap().assessment },
  ],
};

export const RiskChangesResolver = changeFeedResolver(riskFeed);
