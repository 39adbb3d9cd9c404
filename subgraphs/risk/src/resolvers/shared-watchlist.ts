import { selectedAt } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, Field, Info, Int, ObjectType, Query, Resolver } from "type-graphql";
import { likelihoodScore } from "../analysis/scales.js";
import { mergeSharedWatchlist } from "../analysis/shared-watchlist.js";
import { Likelihood } from "../entities/enums.js";
import { Country } from "../entities/federated.js";
import { RiskAssessment } from "../entities/risk-assessment.js";
import { WatchlistEntry } from "../entities/watchlist-entry.js";
import { requireRegion } from "../inputs/validation.js";
import { type EntryRow, latestPublishedAssessments, visibleEntries } from "../loaders.js";

@ObjectType({
  simpleResolvers: true,
  description: "One country of the shared watchlist: who lists it, and each partner's latest published assessment.",
})
class SharedWatchlistCountry {
  @Field(() => Country, { description: "The country." })
  country!: Country;

  @Field(() => [WatchlistEntry], { description: "The entries of the watchlists you may see that list the country, by rank then partner." })
  listedBy!: EntryRow[];

  @Field(() => [RiskAssessment], { description: "Each author's latest published assessment of the country that you may see, by author." })
  latestAssessments!: RiskAssessment[];

  @Field(() => Likelihood, { nullable: true, description: "The highest likelihood among `latestAssessments`; null when none." })
  highestLikelihood!: Likelihood | null;

  @Field(() => Int, {
    nullable: true,
    description: "How far the latest assessments diverge: highest minus lowest likelihood, in steps (0–3); null with fewer than two.",
  })
  likelihoodSpread!: number | null;
}

@Resolver()
export class SharedWatchlistResolver {
  @Query(() => [SharedWatchlistCountry], {
    nullable: true,
    description:
      "The watchlists and latest published assessments you may see, merged per country (bounded by the number of countries): highest likelihood first, then the most listed, then by code.",
  })
  async sharedWatchlist(
    @Ctx() ctx: SubgraphContext,
    @Arg("region", () => String, { nullable: true, description: "Only countries of this region or sub-region, e.g. Africa." })
    region?: string,
    @Arg("minLikelihood", () => Likelihood, {
      nullable: true,
      description: "Only countries that at least one latest assessment rates this likely or more.",
    })
    minLikelihood?: Likelihood,
    @Info() info?: GraphQLResolveInfo,
  ) {
    const where: Record<string, unknown> = {};
    if (region !== undefined && region !== null) where.countryCode = { $in: requireRegion("region", region) };
    const selected = selectedAt(info, ["latestAssessments"]);
    const [assessments, entries] = minLikelihood
      ? await latestPublishedAssessments(ctx, where, { minLikelihood, selected }).then(async (latest) => {
          // Only the countries that qualify: their watchlist entries, not every listed country's.
          const qualifying = [...new Set(latest.map((a) => a.countryCode))];
          return [latest, await visibleEntries(ctx, { countryCode: { $in: qualifying } })] as const;
        })
      : await Promise.all([latestPublishedAssessments(ctx, where, { selected }), visibleEntries(ctx, where)]);
    const merged = mergeSharedWatchlist(
      entries.map((entry) => ({ entry, countryCode: entry.countryCode, rank: entry.rank, partner: entry.partner })),
      assessments,
    );
    return merged
      .filter(
        (r) => !minLikelihood || (r.highestLikelihood !== null && likelihoodScore(r.highestLikelihood) >= likelihoodScore(minLikelihood)),
      )
      .map((r) => ({
        country: { code: r.countryCode },
        listedBy: r.entries.map((e) => e.entry),
        latestAssessments: r.assessments,
        highestLikelihood: r.highestLikelihood,
        likelihoodSpread: r.likelihoodSpread,
      }));
  }
}
