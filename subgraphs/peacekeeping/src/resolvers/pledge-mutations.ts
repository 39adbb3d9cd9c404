import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { ArgBounds, LONG_TEXT } from "@concert/subgraph-kit/writes";
import { Arg, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import { PledgeStatus } from "../entities/enums.js";
import { Pledge } from "../entities/pledge.js";
import { PledgeInput, PledgeMarkingInput } from "../inputs/pledge.js";
import { changePledgeMarking, changePledgeStatus, createPledge, updatePledge } from "../writes/pledge.js";

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
    return createPledge(ctx, input, marking);
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
    return updatePledge(ctx, id, expectedVersion, input);
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
    return changePledgeStatus(ctx, id, expectedVersion, status, note ?? null);
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
    return changePledgeMarking(ctx, id, expectedVersion, marking);
  }
}
