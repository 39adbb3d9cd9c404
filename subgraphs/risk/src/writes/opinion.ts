import { decideOpinionOn, OPINION, RISK_ASSESSMENT } from "@concert/policy";
import { validateMarking } from "@concert/subgraph-kit/access";
import { badUserInput, forbidden, notFound } from "@concert/subgraph-kit/errors";
import { isUuid } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { createRecord, requireText, type WrittenKind } from "@concert/subgraph-kit/writes";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Opinion } from "../entities/opinion.js";
import { RiskAssessment } from "../entities/risk-assessment.js";
import type { OpinionInput } from "../inputs/forecast-inputs.js";
import { RISK_FACTORS as FRAMEWORK } from "../seed/framework.js";

export const OPINIONS: WrittenKind<Opinion> = { entity: Opinion, declaration: OPINION, action: "opinion.write" };

/** The assessment an opinion is on: one the caller may not read is NOT_FOUND exactly like a missing one. */
async function assessmentToOpine(ctx: SubgraphContext, em: EntityManager, id: string): Promise<RiskAssessment> {
  const a = isUuid(id) ? await em.findOne(RiskAssessment, { id }) : null;
  if (!a || !RISK_ASSESSMENT.canRead(ctx.viewer, a)) throw notFound(`RiskAssessment ${id}`);
  const decision = decideOpinionOn(ctx.viewer, a.originator);
  if (!decision.allowed) throw forbidden(`not allowed: ${decision.reason}`);
  return a;
}

/** Records the caller's partner's agreement or disagreement with another partner's assessment, or one of its ratings. */
export function giveOpinion(ctx: SubgraphContext, input: OpinionInput): Promise<Opinion> {
  return createRecord(ctx, OPINIONS, {
    check: () => {
      requireText("input.explanation", input.explanation);
      validateMarking("input", input.marking, input.releasableTo);
      if (input.factor !== null && input.factor !== undefined && !FRAMEWORK.some((f) => f.number === input.factor)) {
        throw badUserInput("input.factor", `${input.factor} is not a risk factor (1–14)`);
      }
    },
    values: async (em) => ({
      assessment: await assessmentToOpine(ctx, em, input.assessment),
      factor: input.factor ?? null,
      stance: input.stance,
      explanation: requireText("input.explanation", input.explanation),
      originator: ctx.viewer.partner!,
      marking: input.marking,
      releasableTo: input.releasableTo,
    }),
  });
}
