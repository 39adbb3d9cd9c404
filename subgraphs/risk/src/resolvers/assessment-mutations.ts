import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { Arg, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import { RiskAssessment } from "../entities/risk-assessment.js";
import { AssessmentInput, AssessmentMarkingInput, AssessmentRevisionInput } from "../inputs/assessment-inputs.js";
import { changeAssessmentMarking, createAssessment, publishAssessment, reviseAssessment } from "../writes/assessment.js";

@Resolver()
export class AssessmentMutations {
  @Mutation(() => RiskAssessment, {
    description: "Creates a draft assessment for your partner (role analyst). Nobody else sees it until published.",
  })
  createRiskAssessment(
    @Ctx() ctx: SubgraphContext,
    @Arg("input", () => AssessmentInput, { description: "The assessment." }) input: AssessmentInput,
  ) {
    return createAssessment(ctx, input);
  }

  @Mutation(() => RiskAssessment, {
    description:
      "Revises an assessment: creates its next version (same status and marking, what you leave out carried over) and marks the revised one SUPERSEDED, which stays in the history.",
  })
  reviseRiskAssessment(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "The version you revise." }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The `version` you read; a different one is refused with CONFLICT." })
    expectedVersion: number,
    @Arg("input", () => AssessmentRevisionInput, { description: "What changes." }) input: AssessmentRevisionInput,
  ) {
    return reviseAssessment(ctx, id, expectedVersion, input);
  }

  @Mutation(() => RiskAssessment, { description: "Publishes a draft: from now on everyone its marking reaches sees it." })
  publishRiskAssessment(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "The draft." }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The `version` you read." }) expectedVersion: number,
  ) {
    return publishAssessment(ctx, id, expectedVersion);
  }

  @Mutation(() => RiskAssessment, { description: "Changes who may read an assessment and its evidence. Only the author may." })
  changeRiskAssessmentMarking(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "The assessment." }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The `version` you read." }) expectedVersion: number,
    @Arg("input", () => AssessmentMarkingInput, { description: "The new marking." }) input: AssessmentMarkingInput,
  ) {
    return changeAssessmentMarking(ctx, id, expectedVersion, input);
  }
}
