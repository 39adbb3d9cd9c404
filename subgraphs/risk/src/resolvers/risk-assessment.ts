import { RISK_ASSESSMENT } from "@concert/policy";
import { sensitivePart } from "@concert/subgraph-kit/access";
import { Connection, PageArgs, readablePage } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { Arg, Args, Ctx, Field, FieldResolver, Float, ID, ObjectType, Query, Resolver, Root } from "type-graphql";
import { trendOf } from "../analysis/history.js";
import { LIKELIHOOD_RANGES, LIKELIHOODS } from "../analysis/scales.js";
import { Likelihood, Trend } from "../entities/enums.js";
import { FactorRating } from "../entities/factor-rating.js";
import { Country, Partner } from "../entities/federated.js";
import { Actor, RiskAssessment, Trigger } from "../entities/risk-assessment.js";
import { AssessmentFilters, filterConditions } from "../inputs/assessment-filters.js";
import { assessmentLoader, previousPublishedLoader, ratingsOf, revisionLoader } from "../loaders.js";

@ObjectType({
  simpleResolvers: true,
  description: "The probability range a likelihood category stands for, in the style of ICD 203 (bounds included).",
})
class LikelihoodRange {
  @Field(() => Likelihood, { description: "The category." })
  likelihood!: Likelihood;

  @Field(() => Float, { description: "Lowest probability of the category." })
  min!: number;

  @Field(() => Float, { description: "Highest probability of the category." })
  max!: number;

  @Field(() => [String], { description: "The ICD 203 estimative terms the category groups." })
  terms!: string[];
}

/** The structure of an assessment is a declared part, marked like the findings' evidence. */
function structurePart<V>(ctx: SubgraphContext, a: RiskAssessment, name: string, value: V): V {
  return sensitivePart(ctx, RISK_ASSESSMENT, a, name, value);
}

const RiskAssessmentConnection = Connection(RiskAssessment, "RiskAssessment", "risk assessments");

@Resolver(() => RiskAssessment)
export class RiskAssessmentResolver {
  @Query(() => RiskAssessment, { nullable: true, description: "One assessment by id; null when it does not exist or you may not see it." })
  riskAssessment(@Ctx() ctx: SubgraphContext, @Arg("id", () => ID, { description: "Assessment id." }) id: string) {
    return assessmentLoader(ctx).load(id);
  }

  @Query(() => RiskAssessmentConnection, {
    nullable: true,
    description: "Assessments you may see (drafts only your own), most recently updated first, then by id.",
  })
  async riskAssessments(@Ctx() ctx: SubgraphContext, @Args() page: PageArgs, @Args() filters: AssessmentFilters) {
    return readablePage(ctx, RISK_ASSESSMENT, RiskAssessment, { $and: filterConditions(filters) }, page, [
      ["updatedAt", "DESC"],
      ["id", "ASC"],
    ]);
  }

  @FieldResolver(() => Country, { description: "The assessed country." })
  country(@Root() a: RiskAssessment): Country {
    return { code: a.countryCode };
  }

  @FieldResolver(() => Partner, {
    description: "The partner that authored the assessment; the same as `originator`.",
    deprecationReason: "Use originator.",
  })
  author(@Root() a: RiskAssessment): Partner {
    return { code: a.originator };
  }

  @FieldResolver(() => [FactorRating], { description: "The author's rating of each risk factor it assessed, by factor number." })
  factorRatings(@Root() a: RiskAssessment, @Ctx() ctx: SubgraphContext) {
    return ratingsOf(ctx, a);
  }

  @FieldResolver(() => RiskAssessment, {
    nullable: true,
    description: "The same author's published assessment of the country for the latest earlier period that you may see.",
  })
  async previous(@Root() a: RiskAssessment, @Ctx() ctx: SubgraphContext) {
    const previous = await previousPublishedLoader(ctx).load(a);
    return previous ? assessmentLoader(ctx).load(previous.id) : null;
  }

  @FieldResolver(() => Trend, { description: "The likelihood compared with `previous`." })
  async trend(@Root() a: RiskAssessment, @Ctx() ctx: SubgraphContext) {
    return trendOf(a, await previousPublishedLoader(ctx).load(a));
  }

  @FieldResolver(() => RiskAssessment, {
    nullable: true,
    description: "The earlier version this revision supersedes, where you may see it.",
  })
  supersedes(@Root() a: RiskAssessment, @Ctx() ctx: SubgraphContext) {
    return a.supersedesId ? assessmentLoader(ctx).load(a.supersedesId) : null;
  }

  @FieldResolver(() => RiskAssessment, { nullable: true, description: "The revision that superseded this version, where you may see it." })
  supersededBy(@Root() a: RiskAssessment, @Ctx() ctx: SubgraphContext) {
    return revisionLoader(ctx).load(a.id);
  }

  @Query(() => [LikelihoodRange], {
    nullable: true,
    description: "The probability range of each likelihood category: an assessment's probability must fall in its category's range.",
  })
  likelihoodRanges(): LikelihoodRange[] {
    return LIKELIHOODS.map((likelihood) => ({ likelihood, ...LIKELIHOOD_RANGES[likelihood] }));
  }

  @FieldResolver(() => [Actor], {
    nullable: true,
    description:
      "Perpetrators, protectors and bystanders. Null, with a FORBIDDEN error, where the evidence marking does not let you read it.",
  })
  actors(@Root() a: RiskAssessment, @Ctx() ctx: SubgraphContext) {
    return structurePart(ctx, a, "actors", a.actors ?? []);
  }

  @FieldResolver(() => [String], { nullable: true, description: "Groups at risk; under the evidence marking, like `actors`." })
  targetGroups(@Root() a: RiskAssessment, @Ctx() ctx: SubgraphContext) {
    return structurePart(ctx, a, "targetGroups", a.targetGroups ?? []);
  }

  @FieldResolver(() => [String], { nullable: true, description: "What makes the country resilient; under the evidence marking." })
  resilienceFactors(@Root() a: RiskAssessment, @Ctx() ctx: SubgraphContext) {
    return structurePart(ctx, a, "resilienceFactors", a.resilienceFactors ?? []);
  }

  @FieldResolver(() => [Trigger], { nullable: true, description: "Triggers to watch; under the evidence marking." })
  triggers(@Root() a: RiskAssessment, @Ctx() ctx: SubgraphContext) {
    return structurePart(ctx, a, "triggers", a.triggers ?? []);
  }
}
