import type { SubgraphContext } from "@concert/subgraph-kit";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Country, Partner } from "../entities/federated.js";
import { RiskAssessment } from "../entities/risk-assessment.js";
import { assessmentsByAuthorLoader, assessmentsByCountryLoader } from "../loaders.js";

@Resolver(() => Country)
export class CountryRiskResolver {
  @FieldResolver(() => [RiskAssessment], { description: "Assessments of this country that you may see, newest period first." })
  riskAssessments(@Root() country: Country, @Ctx() ctx: SubgraphContext) {
    return assessmentsByCountryLoader(ctx).load(country.code);
  }
}

@Resolver(() => Partner)
export class PartnerRiskResolver {
  @FieldResolver(() => [RiskAssessment], { description: "Assessments this partner authored that you may see, newest period first." })
  riskAssessments(@Root() partner: Partner, @Ctx() ctx: SubgraphContext) {
    return assessmentsByAuthorLoader(ctx).load(partner.code);
  }
}
