import { defaultPledgeMarking, PLEDGE } from "@concert/policy";
import {
  ArgBounds,
  assertOriginator,
  authorizeWrite,
  badUserInput,
  LONG_TEXT,
  recordToChange,
  type SubgraphContext,
  transaction,
} from "@concert/subgraph-kit";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Arg, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import { PledgeStatus, Readiness } from "../entities/enums.js";
import { Pledge } from "../entities/pledge.js";
import { PledgeInput, PledgeMarkingInput } from "../inputs/pledge.js";
import { applyInput, applyMarking, recordTransition } from "../writes/pledge.js";
import { isFinal, transitionRefusal } from "../writes/transitions.js";

/** The caller's own pledge, for writing; one it may not see is reported as missing. */
async function ownPledge(ctx: SubgraphContext, em: EntityManager, id: string, expectedVersion: number, action: string): Promise<Pledge> {
  authorizeWrite(ctx, "pledge.write");
  return recordToChange(ctx, em, Pledge, {
    type: "Pledge",
    id,
    expectedVersion,
    allow: (pledge) => {
      if (pledge.originator !== ctx.viewer.partner) ctx.audit.deniedWrite("Pledge", pledge, action, "not the contributor");
      authorizeWrite(ctx, "pledge.write", pledge.originator);
    },
  });
}

@Resolver()
export class PledgeMutationResolver {
  @Mutation(() => Pledge, {
    description:
      "Registers a pledge of the caller's government (role planner) with status PLEDGED. By default the contributor and the UN " +
      "see its detail (RESTRICTED releasable to UN) and every partner counts it in totals (aggregate marking PARTNERS).",
  })
  createPledge(
    @Ctx() ctx: SubgraphContext,
    @Arg("input", () => PledgeInput, { description: "What is pledged." }) input: PledgeInput,
    @Arg("marking", () => PledgeMarkingInput, { nullable: true, description: "How it is shared; the defaults above when omitted." })
    marking?: PledgeMarkingInput,
  ) {
    authorizeWrite(ctx, "pledge.write", ctx.viewer.partner ?? undefined);
    return transaction(ctx, async (em) => {
      const shared = defaultPledgeMarking();
      const pledge = Object.assign(new Pledge(), {
        originator: ctx.viewer.partner!,
        readiness: Readiness.LEVEL_1,
        marking: shared.record.marking,
        releasableTo: shared.record.releasableTo,
        unitDetailsMarking: shared.unitDetails.marking,
        unitDetailsReleasableTo: shared.unitDetails.releasableTo,
        aggregateMarking: shared.aggregate,
        mission: null,
        event: null,
        renewalDue: null,
        unitDetails: null,
      });
      await applyInput(em, ctx.viewer, pledge, input, true);
      applyMarking(pledge, marking ?? {});
      em.persist(pledge);
      recordTransition(ctx, em, pledge, null, null);
      ctx.audit.write(em, "Pledge", pledge, "create");
      return pledge;
    });
  }

  @Mutation(() => Pledge, {
    description: "Changes what the caller's own pledge promises (not its status or marking); a WITHDRAWN or EXPIRED pledge is final.",
  })
  updatePledge(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "Pledge id." }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The version you read; CONFLICT when the pledge changed since." })
    expectedVersion: number,
    @Arg("input", () => PledgeInput, { description: "The fields to change." }) input: PledgeInput,
  ) {
    return transaction(ctx, async (em) => {
      const pledge = await ownPledge(ctx, em, id, expectedVersion, "update");
      if (isFinal(pledge.status)) throw badUserInput("id", `a ${pledge.status} pledge is final and cannot be changed`);
      await applyInput(em, ctx.viewer, pledge, input, false);
      ctx.audit.write(em, "Pledge", pledge, "update");
      return pledge;
    });
  }

  @ArgBounds({ note: LONG_TEXT })
  @Mutation(() => Pledge, {
    description:
      "Moves the caller's own pledge along the pipeline and records the dated step: PLEDGED → VERIFIED → DEPLOYED, or from any " +
      "status but WITHDRAWN and EXPIRED to WITHDRAWN or EXPIRED. Anything else is BAD_USER_INPUT on `status`.",
  })
  changePledgeStatus(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "Pledge id." }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The version you read; CONFLICT when the pledge changed since." })
    expectedVersion: number,
    @Arg("status", () => PledgeStatus, { description: "The next status." }) status: PledgeStatus,
    @Arg("note", () => String, { nullable: true, description: "Why, recorded with the step." }) note?: string,
  ) {
    return transaction(ctx, async (em) => {
      const pledge = await ownPledge(ctx, em, id, expectedVersion, "change-status");
      const refusal = transitionRefusal(pledge.status, status);
      if (refusal) throw badUserInput("status", refusal);
      const from = pledge.status;
      pledge.status = status;
      recordTransition(ctx, em, pledge, from, note ?? null);
      ctx.audit.write(em, "Pledge", pledge, `change-status ${from}->${status}`);
      return pledge;
    });
  }

  @Mutation(() => Pledge, {
    description: "Changes how the caller's own pledge is shared; only the contributor may, and so only it widens a marking.",
  })
  changePledgeMarking(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "Pledge id." }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The version you read; CONFLICT when the pledge changed since." })
    expectedVersion: number,
    @Arg("marking", () => PledgeMarkingInput, { description: "The new marking; parts left out keep their value." })
    marking: PledgeMarkingInput,
  ) {
    return transaction(ctx, async (em) => {
      const pledge = await ownPledge(ctx, em, id, expectedVersion, "change-marking");
      assertOriginator(ctx, PLEDGE, pledge, "change-marking");
      applyMarking(pledge, marking);
      ctx.audit.write(em, "Pledge", pledge, "change-marking");
      return pledge;
    });
  }
}
