import { findPlain } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { Country } from "../entities/country.js";
import { Engagement } from "../entities/engagement.js";
import { Practice } from "../entities/practice.js";
import { countryLoader, engagementsByCountryLoader, practiceCountByCountryLoader, practicesByCountryLoader } from "../loaders.js";

@Resolver(() => Country)
export class CountryResolver {
  @Query(() => Country, { nullable: true, description: "One country by its ISO 3166-1 alpha-3 code." })
  country(@Ctx() ctx: SubgraphContext, @Arg("code", () => ID, { description: "ISO 3166-1 alpha-3 code, e.g. CAF." }) code: string) {
    return countryLoader(ctx).load(code.toUpperCase());
  }

  @Query(() => [Country], {
    nullable: true,
    description: "All countries and territories, by code; optionally those of one region or sub-region.",
  })
  countries(
    @Ctx() ctx: SubgraphContext,
    @Arg("region", () => String, { nullable: true, description: "Region or sub-region name, e.g. Africa or Middle Africa." })
    region?: string,
  ) {
    const where = region ? { $or: [{ region: { $ilike: region } }, { subregion: { $ilike: region } }] } : {};
    return findPlain(ctx.em, Country, where, { orderBy: { code: "ASC" } });
  }

  @FieldResolver(() => [Engagement], {
    nullable: true,
    description: "Engagements with this country in focus that you may see, newest first.",
  })
  engagements(@Root() country: Country, @Ctx() ctx: SubgraphContext) {
    return engagementsByCountryLoader(ctx).load(country.code);
  }

  @FieldResolver(() => Int, { nullable: true, description: "How many practices about this country you may see." })
  practiceCount(@Root() country: Country, @Ctx() ctx: SubgraphContext) {
    return practiceCountByCountryLoader(ctx).load(country.code);
  }

  @FieldResolver(() => [Practice], {
    nullable: true,
    description: "Practices about this country that you may see, most recently updated first.",
  })
  practices(@Root() country: Country, @Ctx() ctx: SubgraphContext) {
    return practicesByCountryLoader(ctx).load(country.code);
  }
}
