import { RISK_ASSESSMENT } from "@concert/policy";
import { Connection, PageArgs, readablePage, type SubgraphContext } from "@concert/subgraph-kit";
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { trendOf } from "../analysis/history.js";
import { Trend } from "../entities/enums.js";
import { FactorRating } from "../entities/factor-rating.js";
import { Country, Partner } from "../entities/federated.js";
import { RiskAssessment } from "../entities/risk-assessment.js";
import { AssessmentFilters, filterConditions } from "../inputs/assessment-filters.js";
import { type AssessmentView, assessmentLoader, previousPublishedLoader, ratingsByAssessmentLoader, revisionLoader } from "../loaders.js";

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
  country(@Root() a: AssessmentView): Country {
    return { code: a.countryCode };
  }

  @FieldResolver(() => Partner, {
    description: "The partner that authored the assessment; the same as `originator`.",
    deprecationReason: "Use originator.",
  })
  author(@Root() a: AssessmentView): Partner {
    return { code: a.originator };
  }

  @FieldResolver(() => [FactorRating], { description: "The author's rating of each risk factor it assessed, by factor number." })
  factorRatings(@Root() a: AssessmentView, @Ctx() ctx: SubgraphContext) {
    return ratingsByAssessmentLoader(ctx).load(a.id);
  }

  @FieldResolver(() => RiskAssessment, {
    nullable: true,
    description: "The same author's published assessment of the country for the latest earlier period that you may see.",
  })
  async previous(@Root() a: AssessmentView, @Ctx() ctx: SubgraphContext) {
    return previousPublishedLoader(ctx).load(a);
  }

  @FieldResolver(() => Trend, { description: "The likelihood compared with `previous`." })
  async trend(@Root() a: AssessmentView, @Ctx() ctx: SubgraphContext) {
    return trendOf(a, await previousPublishedLoader(ctx).load(a));
  }

  @FieldResolver(() => RiskAssessment, {
    nullable: true,
    description: "The earlier version this revision supersedes, where you may see it.",
  })
  supersedes(@Root() a: AssessmentView, @Ctx() ctx: SubgraphContext) {
    return a.supersedesId ? assessmentLoader(ctx).load(a.supersedesId) : null;
  }

  @FieldResolver(() => RiskAssessment, { nullable: true, description: "The revision that superseded this version, where you may see it." })
  supersededBy(@Root() a: AssessmentView, @Ctx() ctx: SubgraphContext) {
    return revisionLoader(ctx).load(a.id);
  }
}
