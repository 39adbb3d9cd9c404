import "reflect-metadata";
import { accessLogResolver, AuditEntry, buildFederatedSchema, type SubgraphModule } from "@concert/subgraph-kit";
import { join } from "node:path";
import { Indicator } from "./entities/indicator.js";
import { RiskAssessment } from "./entities/risk-assessment.js";
import { RiskFactor } from "./entities/risk-factor.js";
import { referenceResolvers } from "./references.js";
import { CountryRiskResolver, PartnerRiskResolver } from "./resolvers/federated.js";
import { RiskAssessmentResolver } from "./resolvers/risk-assessment.js";
import { RiskFactorResolver } from "./resolvers/risk-factor.js";
import { seedRisk } from "./seed/index.js";

/** Risk assessments and watchlists against the UN Framework of Analysis for Atrocity Crimes. */
export const riskSubgraph: SubgraphModule = {
  name: "risk",
  entities: [RiskFactor, Indicator, RiskAssessment, AuditEntry],
  migrationsPath: join(__dirname, "migrations"),
  buildSchema: () =>
    buildFederatedSchema({
      resolvers: [RiskFactorResolver, RiskAssessmentResolver, CountryRiskResolver, PartnerRiskResolver, accessLogResolver("risk", "Risk")],
      referenceResolvers,
    }),
  seed: seedRisk,
};
