import type { SubgraphContext } from "@concert/subgraph-kit";
import { Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { Indicator } from "../entities/indicator.js";
import { RiskFactor } from "../entities/risk-factor.js";
import { indicatorsByFactorLoader } from "../loaders.js";

@Resolver(() => RiskFactor)
export class RiskFactorResolver {
  @Query(() => [RiskFactor], { description: "The 14 risk factors of the UN Framework of Analysis for Atrocity Crimes, by number." })
  riskFactors(@Ctx() ctx: SubgraphContext) {
    return ctx.em.find(RiskFactor, {}, { orderBy: { number: "ASC" } });
  }

  @FieldResolver(() => [Indicator], { description: "The factor's indicators, by number." })
  indicators(@Root() factor: RiskFactor, @Ctx() ctx: SubgraphContext) {
    return indicatorsByFactorLoader(ctx).load(factor.number);
  }
}
