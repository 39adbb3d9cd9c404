import { readableWhere } from "@concert/policy";
import { Connection, PageArgs, paginate, served, type SubgraphContext } from "@concert/subgraph-kit";
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { Country, Partner } from "../entities/federated.js";
import { RiskAssessment } from "../entities/risk-assessment.js";
import { assessmentLoader } from "../loaders.js";

const RiskAssessmentConnection = Connection(RiskAssessment, "RiskAssessment", "risk assessments");

@Resolver(() => RiskAssessment)
export class RiskAssessmentResolver {
  @Query(() => RiskAssessment, { nullable: true, description: "One assessment by id; null when it does not exist or you may not see it." })
  riskAssessment(@Ctx() ctx: SubgraphContext, @Arg("id", () => ID, { description: "Assessment id." }) id: string) {
    return assessmentLoader(ctx).load(id);
  }

  @Query(() => RiskAssessmentConnection, { description: "Assessments you may see, most recently updated first." })
  async riskAssessments(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg("updatedSince", () => Date, { nullable: true, description: "Only assessments changed at or after this time." }) updatedSince?: Date,
  ) {
    const where = { $and: [readableWhere(ctx.viewer), updatedSince ? { updatedAt: { $gte: updatedSince } } : {}] };
    const result = await paginate<RiskAssessment>(ctx.em, RiskAssessment, where, page, [["updatedAt", "DESC"], ["id", "ASC"]]);
    served(ctx, "RiskAssessment", result.nodes);
    return result;
  }

  @FieldResolver(() => Country, { description: "The assessed country." })
  country(@Root() a: RiskAssessment): Country {
    return { code: a.countryCode };
  }

  @FieldResolver(() => Partner, { description: "The partner that authored the assessment." })
  author(@Root() a: RiskAssessment): Partner {
    return { code: a.originator };
  }
}
