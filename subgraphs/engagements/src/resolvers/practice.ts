import { PRACTICE } from "@concert/policy";
import { Connection, PageArgs, readablePage } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { Country } from "../entities/country.js";
import { Engagement } from "../entities/engagement.js";
import { Partner } from "../entities/partner.js";
import { Practice } from "../entities/practice.js";
import { Theme } from "../entities/theme.js";
import { PracticeFilterArgs, practiceWhere } from "../inputs/filters.js";
import { countryLoader, engagementLoader, partnerLoader, practiceLoader, THEMES, themeLoader } from "../loaders.js";

const PracticeConnection = Connection(Practice, "Practice", "practices");

@Resolver(() => Practice)
export class PracticeResolver {
  @Query(() => Practice, { nullable: true, description: "One practice by id; null when it does not exist or you may not see it." })
  practice(@Ctx() ctx: SubgraphContext, @Arg("id", () => ID, { description: "Practice id." }) id: string) {
    return practiceLoader(ctx).load(id);
  }

  @Query(() => PracticeConnection, {
    nullable: true,
    description: "Practices you may see, most recently updated first; the count includes only those.",
  })
  async practices(@Ctx() ctx: SubgraphContext, @Args() filter: PracticeFilterArgs, @Args() page: PageArgs) {
    return readablePage(ctx, PRACTICE, Practice, await practiceWhere(ctx, filter), page, [
      ["updatedAt", "DESC"],
      ["id", "ASC"],
    ]);
  }

  @Query(() => [Theme], { nullable: true, description: "The managed list of practice themes." })
  themes(@Ctx() ctx: SubgraphContext) {
    return THEMES.all(ctx);
  }

  @FieldResolver(() => Partner, {
    description: "The partner that shared the practice; the same as `originator`.",
    deprecationReason: "Use originator.",
  })
  partner(@Root() p: Practice, @Ctx() ctx: SubgraphContext) {
    return partnerLoader(ctx).load(p.originator);
  }

  @FieldResolver(() => Theme, { description: "The practice's theme." })
  theme(@Root() p: Practice, @Ctx() ctx: SubgraphContext) {
    return themeLoader(ctx).load(p.theme.code);
  }

  @FieldResolver(() => [Country], { description: "Countries the practice concerns." })
  async countries(@Root() p: Practice, @Ctx() ctx: SubgraphContext) {
    return (await countryLoader(ctx).loadMany(p.countryCodes)).filter((c): c is Country => c !== null && !(c instanceof Error));
  }

  @FieldResolver(() => Engagement, { nullable: true, description: "The engagement the practice came from, when you may see it." })
  engagement(@Root() p: Practice, @Ctx() ctx: SubgraphContext) {
    return p.engagement ? engagementLoader(ctx).load(p.engagement.id) : null;
  }
}
