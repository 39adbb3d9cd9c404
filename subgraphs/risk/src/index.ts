import { RISK_ASSESSMENT, WATCHLIST } from "@concert/policy";
import "reflect-metadata";
import { join } from "node:path";
import {
  AuditEntry,
  accessLogResolver,
  audienceResolver,
  buildFederatedSchema,
  ChangeEntry,
  ChangeFeedEpoch,
  originatorResolver,
  partnerReference,
  type SubgraphModule,
} from "@concert/subgraph-kit";
import { FactorRating } from "./entities/factor-rating.js";
import { Partner } from "./entities/federated.js";
import { Finding } from "./entities/finding.js";
import { Indicator } from "./entities/indicator.js";
import { RiskAssessment } from "./entities/risk-assessment.js";
import { RiskFactor } from "./entities/risk-factor.js";
import { Watchlist } from "./entities/watchlist.js";
import { WatchlistEntry } from "./entities/watchlist-entry.js";
import { AssessmentMutations } from "./resolvers/assessment-mutations.js";
import { RiskChangesResolver, riskFeed } from "./resolvers/changes.js";
import { CompareResolver } from "./resolvers/compare.js";
import { FactorRatingResolver, FindingResolver } from "./resolvers/factor-rating.js";
import { CountryRiskResolver, PartnerRiskResolver } from "./resolvers/federated.js";
import { referenceResolvers } from "./resolvers/references.js";
import { RiskAssessmentResolver } from "./resolvers/risk-assessment.js";
import { IndicatorResolver, RiskFactorResolver } from "./resolvers/risk-factor.js";
import { SharedWatchlistResolver } from "./resolvers/shared-watchlist.js";
import { WatchlistEntryResolver, WatchlistResolver } from "./resolvers/watchlist.js";
import { WatchlistMutations } from "./resolvers/watchlist-mutations.js";
import { seedRisk } from "./seed/index.js";

/** Risk assessments and watchlists against the UN Framework of Analysis for Atrocity Crimes. */
export const riskSubgraph: SubgraphModule = {
  name: "risk",
  entities: [
    RiskFactor,
    Indicator,
    RiskAssessment,
    FactorRating,
    Finding,
    Watchlist,
    WatchlistEntry,
    AuditEntry,
    ChangeEntry,
    ChangeFeedEpoch,
  ],
  migrationsPath: join(__dirname, "migrations"),
  buildSchema: () =>
    buildFederatedSchema({
      resolvers: [
        RiskFactorResolver,
        IndicatorResolver,
        RiskAssessmentResolver,
        FactorRatingResolver,
        FindingResolver,
        AssessmentMutations,
        WatchlistResolver,
        WatchlistEntryResolver,
        WatchlistMutations,
        SharedWatchlistResolver,
        CompareResolver,
        CountryRiskResolver,
        PartnerRiskResolver,
        originatorResolver(RiskAssessment, Partner, partnerReference),
        originatorResolver(Watchlist, Partner, partnerReference),
        audienceResolver(RiskAssessment, RISK_ASSESSMENT, Partner, partnerReference),
        audienceResolver(Watchlist, WATCHLIST, Partner, partnerReference),
        accessLogResolver("risk", "Risk"),
        RiskChangesResolver,
      ],
      referenceResolvers,
    }),
  changeFeed: riskFeed,
  seed: seedRisk,
};
