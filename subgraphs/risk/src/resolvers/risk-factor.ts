import type { SubgraphContext } from "@concert/subgraph-kit";
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { Indicator } from "../entities/indicator.js";
import { RiskFactor } from "../entities/risk-factor.js";
import { compareIndicatorCodes, indicatorsByFactorLoader, riskFactorLoader } from "../loaders.js";

@Resolver(() => RiskFactor)
export class RiskFactorResolver {
  @Query(() => [RiskFactor], {
    nullable: true,
    description: "The 14 risk factors of the UN Framework of Analysis for Atrocity Crimes, by number.",
  })
  riskFactors(@Ctx() ctx: SubgraphContext) {
    return ctx.em.find(RiskFactor, {}, { orderBy: { number: "ASC" } });
  }

  @Query(() => RiskFactor, { nullable: true, description: "One risk factor by its number (1–14); null for any other number." })
  riskFactor(@Ctx() ctx: SubgraphContext, @Arg("number", () => Int, { description: "Number in the Framework." }) number: number) {
    return riskFactorLoader(ctx).load(number);
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
    const rows = await ctx.em.find(Indicator, factor === undefined || factor === null ? {} : { factor });
    return rows.sort((a, b) => compareIndicatorCodes(a.code, b.code));
  }

  @FieldResolver(() => [Indicator], { description: "The factor's indicators, by number." })
  indicators(@Root() factor: RiskFactor, @Ctx() ctx: SubgraphContext) {
    return indicatorsByFactorLoader(ctx).load(factor.number);
  }
}

@Resolver(() => Indicator)
export class IndicatorResolver {
  @FieldResolver(() => RiskFactor, { description: "The risk factor the indicator belongs to." })
  factor(@Root() indicator: Indicator, @Ctx() ctx: SubgraphContext) {
    return riskFactorLoader(ctx).load(indicator.factor.number);
  }
}
