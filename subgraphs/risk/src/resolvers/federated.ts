import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from "type-graphql";
import { latestPublishedByAuthor, newestFirst } from "../analysis/history.js";
import { Country, Partner } from "../entities/federated.js";
import { RiskAssessment } from "../entities/risk-assessment.js";
import { Watchlist } from "../entities/watchlist.js";
import { WatchlistEntry } from "../entities/watchlist-entry.js";
import { assessmentsByAuthorLoader, assessmentsByCountryLoader, entriesByCountryLoader, watchlistByPartnerLoader } from "../loaders.js";

@ObjectType({ simpleResolvers: true, description: "One author's assessments of a country over time." })
class AuthorHistory {
  @Field(() => Partner, { description: "The author." })
  author!: Partner;

  @Field(() => [RiskAssessment], {
    description: "Its assessments of the country that you may see, superseded versions included, oldest first.",
  })
  assessments!: RiskAssessment[];
}

// Every field here is nullable: it is fetched apart from the country or partner, and when this subgraph is down it is null
// instead of nulling its parent (docs/integrators.md, "Partial results"; test/edge/partial.test.ts checks the rule).
@Resolver(() => Country)
export class CountryRiskResolver {
  @FieldResolver(() => [RiskAssessment], {
    nullable: true,
    description: "Assessments of this country that you may see, every version, newest period first.",
  })
  riskAssessments(@Root() country: Country, @Ctx() ctx: SubgraphContext) {
    return assessmentsByCountryLoader(ctx).load(country.code);
  }

  @FieldResolver(() => [RiskAssessment], {
    nullable: true,
    description: "Each author's latest published assessment of this country that you may see, by author.",
  })
  async latestRiskAssessments(@Root() country: Country, @Ctx() ctx: SubgraphContext) {
    return latestPublishedByAuthor(await assessmentsByCountryLoader(ctx).load(country.code));
  }

  @FieldResolver(() => [AuthorHistory], {
    nullable: true,
    description: "The assessments of this country over time that you may see, per author (by code).",
  })
  async riskHistory(@Root() country: Country, @Ctx() ctx: SubgraphContext): Promise<AuthorHistory[]> {
    const all = await assessmentsByCountryLoader(ctx).load(country.code);
    const authors = [...new Set(all.map((a) => a.originator))].sort();
    return authors.map((code) => ({
      author: { code },
      assessments: all.filter((a) => a.originator === code).sort((a, b) => newestFirst(b, a)),
    }));
  }

  @FieldResolver(() => [WatchlistEntry], {
    nullable: true,
    description: "Where this country stands on the watchlists you may see, by rank then partner.",
  })
  watchlistEntries(@Root() country: Country, @Ctx() ctx: SubgraphContext) {
    return entriesByCountryLoader(ctx).load(country.code);
  }
}

@Resolver(() => Partner)
export class PartnerRiskResolver {
  @FieldResolver(() => [RiskAssessment], {
    nullable: true,
    description: "Assessments this partner authored that you may see, newest period first.",
  })
  riskAssessments(@Root() partner: Partner, @Ctx() ctx: SubgraphContext) {
    return assessmentsByAuthorLoader(ctx).load(partner.code);
  }

  @FieldResolver(() => Watchlist, { nullable: true, description: "This partner's watchlist, where it has one you may see." })
  watchlist(@Root() partner: Partner, @Ctx() ctx: SubgraphContext) {
    return watchlistByPartnerLoader(ctx).load(partner.code);
  }
}
