import { PRACTICE } from "@concert/policy";
import { served } from "@concert/subgraph-kit/access";
import { badUserInput } from "@concert/subgraph-kit/errors";
import { findPlain, readableFilter } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { Arg, Ctx, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from "type-graphql";
import { Partner } from "../entities/partner.js";
import { PRACTICES_DATA_VERSION, Practice } from "../entities/practice.js";
import { Theme } from "../entities/theme.js";
import { knownCountries, knownPartners, knownTheme } from "../inputs/validation.js";
import { partnerLoader, themeLoader } from "../loaders.js";

const MAX_COMPARED = 20;

@ObjectType({ simpleResolvers: true, description: "The practices one partner shared on the compared theme, as far as you may see them." })
export class PartnerPractices {
  /** Code of the partner; exposed as `partner`. */
  partnerCode!: string;

  /** Code of the theme; exposed as `theme`. */
  themeCode!: string;

  @Field(() => [Practice], {
    description: "The partner's practices on the theme that you may see, newest first; empty when there are none you may see.",
  })
  practices!: Practice[];
}

@Resolver(() => PartnerPractices)
export class CompareResolver {
  @Query(() => [PartnerPractices], {
    nullable: true,
    description:
      "Several partners' practices on one theme side by side: one entry per partner, in the order asked, each listing only the practices you may see.",
  })
  async comparePractices(
    @Ctx() ctx: SubgraphContext,
    @Arg("theme", () => ID, { description: "Theme code, e.g. EARLY_WARNING (see `themes`)." }) theme: string,
    @Arg("partners", () => [ID], { description: `Codes of the partners to compare (1–${MAX_COMPARED}), e.g. ["CAN", "DEU", "GBR"].` })
    partners: string[],
    @Arg("country", () => ID, { nullable: true, description: "Only practices about this country." }) country?: string,
  ): Promise<PartnerPractices[]> {
    if (partners.length === 0 || partners.length > MAX_COMPARED)
      throw badUserInput("partners", `name between 1 and ${MAX_COMPARED} partners`);
    const [themeCode, codes, countryCodes] = await Promise.all([
      knownTheme(ctx, "theme", theme),
      knownPartners(ctx, "partners", partners),
      country ? knownCountries(ctx, "country", [country]) : [],
    ]);
    const rows = await findPlain(
      ctx.em,
      Practice,
      readableFilter<Practice>(ctx, PRACTICE, {
        $and: [
          { theme: themeCode, originator: { $in: codes } },
          countryCodes.length > 0 ? { countryCodes: { $overlap: countryCodes } } : {},
        ],
      }),
      { orderBy: { date: "DESC", id: "ASC" } },
      PRACTICES_DATA_VERSION,
    );
    const readable = served(ctx, PRACTICE, rows);
    return codes.map((code) => ({ partnerCode: code, themeCode, practices: readable.filter((p) => p.originator === code) }));
  }

  @FieldResolver(() => Partner, { description: "The partner." })
  partner(@Root() entry: PartnerPractices, @Ctx() ctx: SubgraphContext) {
    return partnerLoader(ctx).load(entry.partnerCode);
  }

  @FieldResolver(() => Theme, { description: "The compared theme." })
  theme(@Root() entry: PartnerPractices, @Ctx() ctx: SubgraphContext) {
    return themeLoader(ctx).load(entry.themeCode);
  }
}
