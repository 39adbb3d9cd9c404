import { OPINION, RISK_ASSESSMENT } from "@concert/policy";
import { served } from "@concert/subgraph-kit/access";
import { badUserInput } from "@concert/subgraph-kit/errors";
import { findPlain, readableFilter } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { requireCountry } from "@concert/subgraph-kit/writes";
import { Arg, Ctx, Field, Float, ID, Int, ObjectType, Query, Resolver } from "type-graphql";
import { divergenceByFactor, overallDivergence } from "../analysis/divergence.js";
import { latestPublishedByAuthor } from "../analysis/history.js";
import { likelihoodScore, spread } from "../analysis/scales.js";
import { AssessmentStatus, RatingLevel } from "../entities/enums.js";
import { FactorRating } from "../entities/factor-rating.js";
import { Country, Partner } from "../entities/federated.js";
import { Finding } from "../entities/finding.js";
import { Opinion } from "../entities/opinion.js";
import { RiskAssessment } from "../entities/risk-assessment.js";
import { RiskFactor } from "../entities/risk-factor.js";
import { RISK_FACTORS } from "../loaders.js";
import { isGraded } from "./factor-rating.js";

const MAX_PARTNERS = 10;

@ObjectType({ simpleResolvers: true, description: "One compared partner and its latest published assessment that you may see." })
class ComparedAssessment {
  @Field(() => Partner, { description: "The partner." })
  partner!: Partner;

  @Field(() => RiskAssessment, {
    nullable: true,
    description: "Its latest published assessment of the country; null when it has none you may see.",
  })
  assessment!: RiskAssessment | null;

  @Field(() => [Opinion], { description: "Other partners' opinions on the whole of that assessment that you may read, oldest first." })
  opinions!: Opinion[];

  @Field(() => Int, {
    nullable: true,
    description: "How many of its findings lack a source reliability or an information credibility grade; null without an assessment.",
  })
  ungradedFindings!: number | null;
}

@ObjectType({ simpleResolvers: true, description: "One partner's rating of one factor in a comparison." })
class PartnerRating {
  @Field(() => Partner, { description: "The partner." })
  partner!: Partner;

  @Field(() => RatingLevel, {
    nullable: true,
    description: "Its rating; null when its compared assessment rates no such factor or is not visible.",
  })
  level!: RatingLevel | null;

  @Field(() => [Opinion], { description: "Other partners' opinions on this rating that you may read, oldest first." })
  opinions!: Opinion[];
}

@ObjectType({
  simpleResolvers: true,
  description: "One risk factor, the compared partners' ratings side by side, and how far they diverge.",
})
class FactorComparison {
  @Field(() => RiskFactor, { description: "The risk factor." })
  factor!: RiskFactor;

  @Field(() => [PartnerRating], { description: "One rating per compared partner, in the order asked." })
  ratings!: PartnerRating[];

  @Field(() => Int, {
    nullable: true,
    description: "Highest minus lowest rating score (0–4); null when fewer than two partners rated the factor.",
  })
  divergence!: number | null;
}

@ObjectType({ simpleResolvers: true, description: "Several partners' latest assessments of one country, side by side per risk factor." })
class AssessmentComparison {
  @Field(() => Country, { description: "The country compared." })
  country!: Country;

  @Field(() => [ComparedAssessment], { description: "One row per partner, in the order asked." })
  assessments!: ComparedAssessment[];

  @Field(() => [FactorComparison], { description: "The 14 risk factors, by number." })
  factors!: FactorComparison[];

  @Field(() => Int, {
    nullable: true,
    description: "Highest minus lowest likelihood of the compared assessments, in steps (0–3); null with fewer than two.",
  })
  likelihoodSpread!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "Mean divergence of the factors rated by two partners or more (0–4); null when none is.",
  })
  overallDivergence!: number | null;
}

@Resolver()
export class CompareResolver {
  @Query(() => AssessmentComparison, {
    nullable: true,
    description: "Compares the latest published assessments of one country by two or more partners, as far as you may see them.",
  })
  async compareAssessments(
    @Ctx() ctx: SubgraphContext,
    @Arg("country", () => ID, { description: "ISO 3166-1 alpha-3 code." }) country: string,
    @Arg("partners", () => [ID], { description: `Two to ${MAX_PARTNERS} different partner codes, in the order to show them.` })
    partners: string[],
  ): Promise<AssessmentComparison> {
    requireCountry("country", country);
    if (new Set(partners).size !== partners.length || partners.length < 2 || partners.length > MAX_PARTNERS) {
      throw badUserInput("partners", `name 2 to ${MAX_PARTNERS} different partners`);
    }
    const [rows, factors] = await Promise.all([
      findPlain(
        ctx.em,
        RiskAssessment,
        readableFilter<RiskAssessment>(ctx, RISK_ASSESSMENT, {
          countryCode: country,
          originator: { $in: partners },
          status: AssessmentStatus.PUBLISHED,
        }),
      ),
      RISK_FACTORS.all(ctx),
    ]);
    const latest = new Map(latestPublishedByAuthor(served(ctx, RISK_ASSESSMENT, rows)).map((a) => [a.originator, a]));
    const assessmentIds = [...latest.values()].map((a) => a.id);
    const ratings = latest.size ? await findPlain(ctx.em, FactorRating, { assessment: { $in: assessmentIds } }) : [];
    const [findings, opinions] = latest.size
      ? await Promise.all([
          ratings.length ? findPlain(ctx.em, Finding, { rating: { $in: ratings.map((r) => r.id) } }) : Promise.resolve([]),
          findPlain(ctx.em, Opinion, readableFilter<Opinion>(ctx, OPINION, { assessment: { $in: assessmentIds } }), {
            orderBy: { createdAt: "ASC", id: "ASC" },
          }),
        ])
      : [[], []];
    // each opinion's assessment is one of `latest`, read and checked above: the opinion's check reads it
    const readableOpinions = served(ctx, OPINION, opinions, new Map([...latest.values()].map((a) => [a.id, a])));
    const opinionsOn = (partner: string, factor: number | null) => {
      const a = latest.get(partner);
      return a ? readableOpinions.filter((o) => o.assessment.id === a.id && (o.factor?.number ?? null) === factor) : [];
    };
    const ungraded = (partner: string) => {
      const a = latest.get(partner);
      if (!a) return null;
      const own = new Set(ratings.filter((r) => r.assessment.id === a.id).map((r) => r.id));
      return findings.filter((f) => own.has(f.rating.id) && !isGraded(f)).length;
    };
    const byPartner = new Map(
      [...latest].map(([partner, a]) => [
        partner,
        new Map(ratings.filter((r) => r.assessment.id === a.id).map((r) => [r.factor.number, r.level])),
      ]),
    );
    const rowsByFactor = divergenceByFactor(
      factors.map((f) => f.number),
      partners,
      byPartner,
    );
    return {
      country: { code: country },
      assessments: partners.map((code) => ({
        partner: { code },
        assessment: latest.get(code) ?? null,
        opinions: opinionsOn(code, null),
        ungradedFindings: ungraded(code),
      })),
      factors: rowsByFactor.map((r, i) => ({
        factor: factors[i]!,
        ratings: r.ratings.map((x) => ({
          partner: { code: x.partner },
          level: x.level,
          opinions: opinionsOn(x.partner, factors[i]!.number),
        })),
        divergence: r.divergence,
      })),
      likelihoodSpread: spread([...latest.values()].map((a) => likelihoodScore(a.likelihood))),
      overallDivergence: overallDivergence(rowsByFactor),
    };
  }
}
