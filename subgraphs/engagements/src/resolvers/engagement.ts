import { ENGAGEMENT } from "@concert/policy";
import { Connection, PageArgs, readablePage } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { Country } from "../entities/country.js";
import { Engagement } from "../entities/engagement.js";
import { Forum } from "../entities/forum.js";
import { Partner } from "../entities/partner.js";
import { EngagementFilterArgs, engagementWhere } from "../inputs/filters.js";
import { countryLoader, engagementLoader, forumLoader, partnerLoader } from "../loaders.js";

const EngagementConnection = Connection(Engagement, "Engagement", "engagements");

@Resolver(() => Engagement)
export class EngagementResolver {
  @Query(() => Engagement, { nullable: true, description: "One engagement by id; null when it does not exist or you may not see it." })
  engagement(@Ctx() ctx: SubgraphContext, @Arg("id", () => ID, { description: "Engagement id." }) id: string) {
    return engagementLoader(ctx).load(id);
  }

  @Query(() => EngagementConnection, {
    nullable: true,
    description: "Engagements you may see, newest first; the count includes only those.",
  })
  async engagements(@Ctx() ctx: SubgraphContext, @Args() filter: EngagementFilterArgs, @Args() page: PageArgs) {
    return readablePage(ctx, ENGAGEMENT, Engagement, await engagementWhere(ctx, filter), page, [
      ["date", "DESC"],
      ["id", "ASC"],
    ]);
  }

  @FieldResolver(() => Partner, {
    description: "The partner that recorded the engagement; the same as `originator`.",
    deprecationReason: "Use originator.",
  })
  recordedBy(@Root() e: Engagement, @Ctx() ctx: SubgraphContext) {
    return partnerLoader(ctx).load(e.originator);
  }

  @FieldResolver(() => Forum, { nullable: true, description: "The forum the engagement took place in, if any." })
  forum(@Root() e: Engagement, @Ctx() ctx: SubgraphContext) {
    return e.forum ? forumLoader(ctx).load(e.forum.code) : null;
  }

  @FieldResolver(() => [Partner], { description: "Participating partners." })
  async participants(@Root() e: Engagement, @Ctx() ctx: SubgraphContext) {
    return (await partnerLoader(ctx).loadMany(e.participantCodes)).filter((p): p is Partner => p !== null && !(p instanceof Error));
  }

  @FieldResolver(() => [Country], { description: "Countries in focus." })
  async countries(@Root() e: Engagement, @Ctx() ctx: SubgraphContext) {
    return (await countryLoader(ctx).loadMany(e.countryCodes)).filter((c): c is Country => c !== null && !(c instanceof Error));
  }
}
