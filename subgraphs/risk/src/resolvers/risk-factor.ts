import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { Indicator } from "../entities/indicator.js";
import { RiskFactor } from "../entities/risk-factor.js";
import { compareIndicatorCodes, INDICATORS, indicatorsOf, RISK_FACTORS } from "../loaders.js";

@Resolver(() => RiskFactor)
export class RiskFactorResolver {
  @Query(() => [RiskFactor], {
    nullable: true,
    description: "The 14 risk factors of the UN Framework of Analysis for Atrocity Crimes, by number.",
  })
  riskFactors(@Ctx() ctx: SubgraphContext) {
    return RISK_FACTORS.all(ctx);
  }

  @Query(() => RiskFactor, { nullable: true, description: "One risk factor by its number (1–14); null for any other number." })
  riskFactor(@Ctx() ctx: SubgraphContext, @Arg("number", () => Int, { description: "Number in the Framework." }) number: number) {
    return RISK_FACTORS.get(ctx, number);
  }

  @Query(() => [Indicator], {
    nullable: true,
    name: "indicators",
    description: "Indicators of the Framework held here, by number; only those of one factor when `factor` is given.",
  })
  async indicatorList(
    @Ctx() ctx: SubgraphContext,
    @Arg("factor", () => Int, { nullable: true, description: "Number of the risk factor (1–14)." }) factor?: number,
  ) {
    if (factor !== undefined && factor !== null) return indicatorsOf(ctx, factor);
    return [...(await INDICATORS.all(ctx))].sort((a, b) => compareIndicatorCodes(a.code, b.code));
  }

  @FieldResolver(() => [Indicator], { description: "The factor's indicators, by number." })
  indicators(@Root() factor: RiskFactor, @Ctx() ctx: SubgraphContext) {
    return indicatorsOf(ctx, factor.number);
  }
}

@Resolver(() => Indicator)
export class IndicatorResolver {
  @FieldResolver(() => RiskFactor, { description: "The risk factor the indicator belongs to." })
  factor(@Root() indicator: Indicator, @Ctx() ctx: SubgraphContext) {
    return RISK_FACTORS.get(ctx, indicator.factor.number);
  }
}
