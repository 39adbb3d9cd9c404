import { RISK_ASSESSMENT } from "@concert/policy";
import {
  assertOriginator,
  authorizeWrite,
  badUserInput,
  conflict,
  recordToChange,
  requireCountry,
  type SubgraphContext,
  transaction,
  validateMarking,
  validatePartMarking,
} from "@concert/subgraph-kit";
import { Arg, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import { AssessmentStatus } from "../entities/enums.js";
import { RiskAssessment } from "../entities/risk-assessment.js";
import { AssessmentInput, AssessmentMarkingInput, AssessmentRevisionInput } from "../inputs/assessment-inputs.js";
import { indicatorCodes, validateAssessment } from "../inputs/validation.js";
import { indicatorFactors, ownAssessment, persistRatings, ratingsAsInput, structureOf } from "../writes/assessment.js";

const TYPE = RISK_ASSESSMENT.type;

@Resolver()
export class AssessmentMutations {
  @Mutation(() => RiskAssessment, {
    description: "Creates a draft assessment for your partner (role analyst). Nobody else sees it until published.",
  })
  async createRiskAssessment(
    @Ctx() ctx: SubgraphContext,
    @Arg("input", () => AssessmentInput, { description: "The assessment." }) input: AssessmentInput,
  ) {
    authorizeWrite(ctx, "assessment.write", ctx.viewer.partner ?? undefined);
    requireCountry("input.country", input.country);
    const content = { ...input, probability: input.probability ?? null };
    validateAssessment(content, await indicatorFactors(ctx.em, indicatorCodes(input.factorRatings, input.triggers)));
    validateMarking("input", input.marking, input.releasableTo);
    const evidence = input.evidence ?? { marking: "ORIGINATOR" as const, releasableTo: [] };
    validatePartMarking(RISK_ASSESSMENT, "input.evidence", evidence, input);
    return transaction(ctx, async (em) => {
      const a = em.create(
        RiskAssessment,
        {
          countryCode: input.country,
          originator: ctx.viewer.partner!,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          likelihood: input.likelihood,
          probability: content.probability,
          confidence: input.confidence,
          stage: input.stage,
          status: AssessmentStatus.DRAFT,
          summary: input.summary,
          scenarios: input.scenarios,
          recommendedActions: input.recommendedActions,
          marking: input.marking,
          releasableTo: input.releasableTo,
          evidenceMarking: evidence.marking,
          evidenceReleasableTo: evidence.releasableTo,
          ...structureOf(input),
        },
        { partial: true },
      );
      persistRatings(em, a, input.factorRatings);
      ctx.audit.write(em, TYPE, a, "create");
      return a;
    });
  }

  @Mutation(() => RiskAssessment, {
    description:
      "Revises an assessment: creates its next version (same status and marking, what you leave out carried over) and marks the revised one SUPERSEDED, which stays in the history.",
  })
  async reviseRiskAssessment(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "The version you revise." }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The `version` you read; a different one is refused with CONFLICT." })
    expectedVersion: number,
    @Arg("input", () => AssessmentRevisionInput, { description: "What changes." }) input: AssessmentRevisionInput,
  ) {
    authorizeWrite(ctx, "assessment.write");
    return transaction(ctx, async (em) => {
      const old = await ownAssessment(ctx, em, id, expectedVersion);
      if (old.status === AssessmentStatus.SUPERSEDED) throw conflict(`${TYPE} ${id} is already superseded; revise its latest version`);
      const { factorRatings, ...changed } = Object.fromEntries(
        Object.entries(input).filter(([, v]) => v !== undefined),
      ) as AssessmentRevisionInput;
      const content = {
        periodStart: old.periodStart,
        periodEnd: old.periodEnd,
        likelihood: old.likelihood,
        probability: old.probability,
        confidence: old.confidence,
        stage: old.stage,
        summary: old.summary,
        scenarios: old.scenarios,
        recommendedActions: old.recommendedActions,
        actors: old.actors,
        targetGroups: old.targetGroups,
        resilienceFactors: old.resilienceFactors,
        triggers: old.triggers,
        ...changed,
      };
      validateAssessment({ ...content, factorRatings }, await indicatorFactors(em, indicatorCodes(factorRatings, content.triggers)));
      const ratings = factorRatings ?? (await ratingsAsInput(em, old));
      const next = em.create(
        RiskAssessment,
        {
          ...content,
          ...structureOf(content),
          probability: content.probability ?? null,
          countryCode: old.countryCode,
          originator: old.originator,
          status: old.status,
          revision: old.revision + 1,
          supersedesId: old.id,
          demo: old.demo,
          marking: old.marking,
          releasableTo: old.releasableTo,
          evidenceMarking: old.evidenceMarking,
          evidenceReleasableTo: old.evidenceReleasableTo,
        },
        { partial: true },
      );
      persistRatings(em, next, ratings);
      old.status = AssessmentStatus.SUPERSEDED;
      ctx.audit.write(em, TYPE, old, "supersede");
      ctx.audit.write(em, TYPE, next, "revise");
      return next;
    });
  }

  @Mutation(() => RiskAssessment, { description: "Publishes a draft: from now on everyone its marking reaches sees it." })
  async publishRiskAssessment(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "The draft." }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The `version` you read." }) expectedVersion: number,
  ) {
    authorizeWrite(ctx, "assessment.write");
    return transaction(ctx, async (em) => {
      const a = await ownAssessment(ctx, em, id, expectedVersion);
      if (a.status !== AssessmentStatus.DRAFT) throw badUserInput("id", `only a draft can be published; this one is ${a.status}`);
      a.status = AssessmentStatus.PUBLISHED;
      ctx.audit.write(em, TYPE, a, "publish");
      return a;
    });
  }

  @Mutation(() => RiskAssessment, { description: "Changes who may read an assessment and its evidence. Only the author may." })
  async changeRiskAssessmentMarking(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "The assessment." }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The `version` you read." }) expectedVersion: number,
    @Arg("input", () => AssessmentMarkingInput, { description: "The new marking." }) input: AssessmentMarkingInput,
  ) {
    authorizeWrite(ctx, "assessment.write");
    validateMarking("input", input.marking, input.releasableTo);
    return transaction(ctx, async (em) => {
      const a = await recordToChange(ctx, em, RiskAssessment, {
        type: TYPE,
        id,
        expectedVersion,
        allow: (r) => assertOriginator(ctx, RISK_ASSESSMENT, r, "change-marking"),
      });
      const evidence = input.evidence ?? { marking: a.evidenceMarking, releasableTo: a.evidenceReleasableTo };
      validatePartMarking(RISK_ASSESSMENT, "input.evidence", evidence, input);
      Object.assign(
        a,
        {
          marking: input.marking,
          releasableTo: input.releasableTo,
          evidenceMarking: evidence.marking,
          evidenceReleasableTo: evidence.releasableTo,
        },
        { partial: true },
      );
      ctx.audit.write(em, TYPE, a, "change-marking");
      return a;
    });
  }
}
