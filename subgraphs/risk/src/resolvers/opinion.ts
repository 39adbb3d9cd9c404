import { mayFollowAllChanges, OPINION } from "@concert/policy";
import { Connection, isUuid, PageArgs, readablePage, referenceLoader } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Partner } from "../entities/federated.js";
import { Opinion } from "../entities/opinion.js";
import { RiskAssessment } from "../entities/risk-assessment.js";
import { RiskFactor } from "../entities/risk-factor.js";
import { OpinionInput } from "../inputs/forecast-inputs.js";
import { assessmentLoader, opinionLoader, opinionsByAssessmentLoader, RISK_FACTORS } from "../loaders.js";
import { giveOpinion } from "../writes/opinion.js";

const OpinionConnection = Connection(Opinion, "Opinion", "opinions");

@Resolver(() => Opinion)
export class OpinionResolver {
  @Query(() => Opinion, {
    nullable: true,
    description: "One opinion by id; null when it does not exist, or you may not read it or the assessment it is on.",
  })
  opinion(@Ctx() ctx: SubgraphContext, @Arg("id", () => ID, { description: "Opinion id." }) id: string) {
    return opinionLoader(ctx).load(id);
  }

  @Query(() => OpinionConnection, {
    nullable: true,
    description: "Opinions you may read (and on assessments you may read), newest first, then by id.",
  })
  opinions(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg("assessment", () => ID, { nullable: true, description: "Only opinions on this assessment." }) assessment?: string,
    @Arg("partner", () => ID, { nullable: true, description: "Only this partner's opinions." }) partner?: string,
  ) {
    // a malformed id matches nothing, like a missing one, and never reaches SQL
    const where = {
      ...(assessment ? { assessment: isUuid(assessment) ? assessment : { $in: [] } } : {}),
      ...(partner ? { originator: partner } : {}),
    };
    return readablePage(ctx, OPINION, Opinion, where, page, [
      ["createdAt", "DESC"],
      ["id", "ASC"],
    ]);
  }

  @FieldResolver(() => RiskAssessment, { description: "The assessment the opinion is on." })
  assessment(@Root() o: Opinion, @Ctx() ctx: SubgraphContext) {
    // an opinion served to a partner was checked with its assessment; the alerts service follows the feed in full
    if (mayFollowAllChanges(ctx.viewer)) return referenceLoader(ctx, RiskAssessment, "id").load(o.assessment.id);
    return assessmentLoader(ctx).load(o.assessment.id);
  }

  @FieldResolver(() => RiskFactor, {
    nullable: true,
    description: "The risk factor whose rating the opinion is on; null for the whole assessment.",
  })
  factor(@Root() o: Opinion, @Ctx() ctx: SubgraphContext) {
    return o.factor ? RISK_FACTORS.get(ctx, o.factor.number) : null;
  }

  @FieldResolver(() => Partner, { description: "The partner that gave the opinion; the same as `originator`." })
  author(@Root() o: Opinion): Partner {
    return { code: o.originator };
  }

  @Mutation(() => Opinion, {
    description:
      "Records your partner's agreement or disagreement with another partner's assessment, or with its rating of one factor (role analyst). An assessment you may not read is NOT_FOUND, exactly like one that does not exist.",
  })
  giveOpinion(@Ctx() ctx: SubgraphContext, @Arg("input", () => OpinionInput, { description: "The opinion." }) input: OpinionInput) {
    return giveOpinion(ctx, input);
  }
}

@Resolver(() => RiskAssessment)
export class AssessmentOpinionsResolver {
  @FieldResolver(() => [Opinion], {
    description: "Other partners' opinions on this assessment that you may read, oldest first (on the whole of it or on one factor).",
  })
  opinions(@Root() a: RiskAssessment, @Ctx() ctx: SubgraphContext) {
    return opinionsByAssessmentLoader(ctx).load(a.id);
  }
}
