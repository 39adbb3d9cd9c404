import { ENGAGEMENT, PRACTICE } from "@concert/policy";
import { served } from "@concert/subgraph-kit/access";
import { PageArgs, readableFilter } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, Info, Query, Resolver } from "type-graphql";
import { fullTextSearch } from "../analysis/full-text.js";
import { EngagementMatchConnection, PracticeMatchConnection } from "../analysis/matches.js";
import { ENGAGEMENTS_DATA_VERSION, Engagement } from "../entities/engagement.js";
import { PRACTICES_DATA_VERSION, Practice } from "../entities/practice.js";
import { EngagementFilterArgs, engagementWhere, PracticeFilterArgs, practiceWhere } from "../inputs/filters.js";

const QUERY_DESCRIPTION =
  'Words to look for, as in a web search: "quoted phrase", `or` between alternatives, `-word` to exclude. English stemming: "warnings" finds "warning".';

@Resolver()
export class SearchResolver {
  @Query(() => PracticeMatchConnection, {
    nullable: true,
    description:
      "Full-text search over the practices you may see (title, summary, evidence of effect), most relevant first. The count includes only matches you may see.",
  })
  async searchPractices(
    @Ctx() ctx: SubgraphContext,
    @Arg("query", { description: QUERY_DESCRIPTION }) query: string,
    @Args() filter: PracticeFilterArgs,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    const result = await fullTextSearch(
      ctx.em,
      Practice,
      readableFilter(ctx, PRACTICE, await practiceWhere(ctx, filter)),
      query,
      page,
      info,
      PRACTICES_DATA_VERSION,
    );
    served(
      ctx,
      PRACTICE,
      result.nodes.map((m) => m.node),
    );
    return result;
  }

  @Query(() => EngagementMatchConnection, {
    nullable: true,
    description:
      "Full-text search over the engagements you may see (title, summary, outcomes), most relevant first. The count includes only matches you may see.",
  })
  async searchEngagements(
    @Ctx() ctx: SubgraphContext,
    @Arg("query", { description: QUERY_DESCRIPTION }) query: string,
    @Args() filter: EngagementFilterArgs,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    const result = await fullTextSearch(
      ctx.em,
      Engagement,
      readableFilter(ctx, ENGAGEMENT, await engagementWhere(ctx, filter)),
      query,
      page,
      info,
      ENGAGEMENTS_DATA_VERSION,
    );
    served(
      ctx,
      ENGAGEMENT,
      result.nodes.map((m) => m.node),
    );
    return result;
  }
}
