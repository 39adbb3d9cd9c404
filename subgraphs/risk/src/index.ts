import { FORECAST, FORECAST_QUESTION, OPINION, RISK_ASSESSMENT, WATCHLIST } from "@concert/policy";
import "reflect-metadata";
import { join } from "node:path";
import { audienceResolver, originatorResolver, partnerReference } from "@concert/subgraph-kit/access";
import { AuditEntry, accessLogResolver } from "@concert/subgraph-kit/audit";
import { ChangeEntry, ChangeFeedEpoch } from "@concert/subgraph-kit/feeds";
import { buildFederatedSchema, type SubgraphModule, withKitMigrations } from "@concert/subgraph-kit/server";
import { FactorRating } from "./entities/factor-rating.js";
import { Partner } from "./entities/federated.js";
import { Finding } from "./entities/finding.js";
import { Forecast } from "./entities/forecast.js";
import { ForecastQuestion } from "./entities/forecast-question.js";
import { Indicator } from "./entities/indicator.js";
import { Opinion } from "./entities/opinion.js";
import { RiskAssessment } from "./entities/risk-assessment.js";
import { RiskFactor } from "./entities/risk-factor.js";
import { Watchlist } from "./entities/watchlist.js";
import { WatchlistEntry } from "./entities/watchlist-entry.js";
import { AssessmentMutations } from "./resolvers/assessment-mutations.js";
import { RiskChangesResolver, riskFeed } from "./resolvers/changes.js";
import { CompareResolver } from "./resolvers/compare.js";
import { FactorRatingResolver, FindingResolver } from "./resolvers/factor-rating.js";
import { CountryRiskResolver, PartnerRiskResolver } from "./resolvers/federated.js";
import { ForecastQuestionResolver, ForecastResolver } from "./resolvers/forecast.js";
import { AssessmentOpinionsResolver, OpinionResolver } from "./resolvers/opinion.js";
import { referenceResolvers } from "./resolvers/references.js";
import { RiskAssessmentResolver } from "./resolvers/risk-assessment.js";
import { IndicatorResolver, RiskFactorResolver } from "./resolvers/risk-factor.js";
import { ScoresResolver } from "./resolvers/scores.js";
import { SharedWatchlistResolver } from "./resolvers/shared-watchlist.js";
import { WatchlistEntryResolver, WatchlistResolver } from "./resolvers/watchlist.js";
import { WatchlistMutations } from "./resolvers/watchlist-mutations.js";
import { seedRisk } from "./seed/index.js";

/** Risk assessments, watchlists, forecasts and opinions against the UN Framework of Analysis for Atrocity Crimes. */
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
    ForecastQuestion,
    Forecast,
    Opinion,
    AuditEntry,
    ChangeEntry,
    ChangeFeedEpoch,
  ],
  migrationsPath: withKitMigrations(join(__dirname, "migrations")),
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
        ForecastQuestionResolver,
        ForecastResolver,
        ScoresResolver,
        OpinionResolver,
        AssessmentOpinionsResolver,
        CountryRiskResolver,
        PartnerRiskResolver,
        originatorResolver(RiskAssessment, Partner, partnerReference),
        originatorResolver(Watchlist, Partner, partnerReference),
        audienceResolver(RiskAssessment, RISK_ASSESSMENT, Partner, partnerReference),
        audienceResolver(Watchlist, WATCHLIST, Partner, partnerReference),
        originatorResolver(ForecastQuestion, Partner, partnerReference),
        originatorResolver(Forecast, Partner, partnerReference),
        originatorResolver(Opinion, Partner, partnerReference),
        audienceResolver(ForecastQuestion, FORECAST_QUESTION, Partner, partnerReference),
        audienceResolver(Forecast, FORECAST, Partner, partnerReference),
        audienceResolver(Opinion, OPINION, Partner, partnerReference),
        accessLogResolver("risk", "Risk"),
        RiskChangesResolver,
      ],
      referenceResolvers,
    }),
  changeFeed: riskFeed,
  seed: seedRisk,
};
