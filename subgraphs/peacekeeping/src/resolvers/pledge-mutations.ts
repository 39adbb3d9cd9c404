import { isAtLeastAsStrict, readableWhere, strictness } from "@concert/policy";
import {
  assertOriginator,
  authorizeWrite,
  badUserInput,
  expectVersion,
  notFound,
  transaction,
  validateMarking,
  validatePartMarking,
  type SubgraphContext,
} from "@concert/subgraph-kit";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Arg, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import { isFinal, transitionRefusal } from "../domain/transitions.js";
import { assertCount, assertDate, assertWomen } from "../domain/validation.js";
import { PledgeStatus, Readiness } from "../entities/enums.js";
import { Pledge } from "../entities/pledge.js";
import { PledgeTransition } from "../entities/pledge-transition.js";
import { PledgeInput, PledgeMarkingInput } from "./pledge-args.js";
import { assertOpenMission, assertReference } from "./references-check.js";

/** The caller's own pledge, for writing; one it may not see is reported as missing. */
async function ownPledge(ctx: SubgraphContext, em: EntityManager, id: string, expectedVersion: number, action: string): Promise<Pledge> {
  authorizeWrite(ctx, "pledge.write");
  const pledge = await em.findOne(Pledge, { $and: [{ id }, readableWhere(ctx.viewer)] } as never);
  if (!pledge) throw notFound(`Pledge ${id}`);
  if (pledge.originator !== ctx.viewer.partner) ctx.audit.deniedWrite("Pledge", pledge, action, "not the contributor");
  authorizeWrite(ctx, "pledge.write", pledge.originator);
  expectVersion(pledge, expectedVersion, `Pledge ${id}`);
  return pledge;
}

/** Checks and applies what a pledge promises; `creating` makes capability type, quantity and personnel required. */
async function applyInput(em: EntityManager, pledge: Pledge, input: PledgeInput, creating: boolean): Promise<void> {
  for (const field of ["capabilityType", "quantity", "personnel"] as const) {
    if (creating && (input[field] === undefined || input[field] === null)) throw badUserInput(`input.${field}`, `${field} is required`);
  }
  assertCount("input.quantity", input.quantity ?? undefined, 1);
  assertCount("input.personnel", input.personnel ?? undefined);
  assertDate("input.renewalDue", input.renewalDue);
  if (input.mission !== undefined) {
    pledge.mission = input.mission === null ? null : ((await assertOpenMission(em, "input.mission", input.mission)) as never);
  }
  if (input.capabilityType) pledge.capabilityType = (await assertReference(em, "capabilityType", "input.capabilityType", input.capabilityType)) as never;
  if (input.event !== undefined) {
    pledge.event = input.event === null ? null : ((await assertReference(em, "event", "input.event", input.event)) as never);
  }
  if (input.quantity !== undefined && input.quantity !== null) pledge.quantity = input.quantity;
  if (input.personnel !== undefined && input.personnel !== null) pledge.personnel = input.personnel;
  if (input.womenPersonnel !== undefined && input.womenPersonnel !== null) pledge.womenPersonnel = input.womenPersonnel;
  pledge.womenPersonnel ??= 0;
  assertWomen("input.womenPersonnel", pledge.womenPersonnel, pledge.personnel);
  if (input.readiness) pledge.readiness = input.readiness;
  if (input.renewalDue !== undefined) pledge.renewalDue = input.renewalDue;
  if (input.unitDetails !== undefined) pledge.unitDetails = input.unitDetails;
}

/** Checks and applies a marking; parts left out keep their value where the policy allows. */
function applyMarking(pledge: Pledge, input: PledgeMarkingInput): void {
  const marking = input.marking ?? pledge.marking;
  const releasableTo = input.releasableTo ?? (marking === "RESTRICTED" ? pledge.releasableTo : []);
  validateMarking("marking", marking, releasableTo);
  const record = { marking, releasableTo };
  const current = { marking: pledge.unitDetailsMarking, releasableTo: pledge.unitDetailsReleasableTo };
  const detailsMarking = input.unitDetailsMarking ?? current.marking;
  const details = input.unitDetailsMarking || input.unitDetailsReleasableTo
    ? { marking: detailsMarking, releasableTo: input.unitDetailsReleasableTo ?? (detailsMarking === "RESTRICTED" ? releasableTo : []) }
    : isAtLeastAsStrict(current, record) ? current : record;
  validatePartMarking("marking.unitDetails", details, record);
  const aggregateMarking = input.aggregateMarking ?? pledge.aggregateMarking;
  if (strictness(aggregateMarking) > strictness(marking)) {
    throw badUserInput("marking.aggregateMarking", `must not be stricter than the pledge's marking ${marking}: whoever sees a pledge may count it`);
  }
  Object.assign(pledge, { ...record, unitDetailsMarking: details.marking, unitDetailsReleasableTo: details.releasableTo, aggregateMarking });
}

function recordTransition(ctx: SubgraphContext, em: EntityManager, pledge: Pledge, from: PledgeStatus | null, note: string | null): void {
  em.persist(Object.assign(new PledgeTransition(), { pledge, from, to: pledge.status, at: new Date(), byPartner: ctx.viewer.partner!, note }));
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
      const pledge = Object.assign(new Pledge(), {
        originator: ctx.viewer.partner!,
        readiness: Readiness.LEVEL_1,
        marking: "RESTRICTED",
        releasableTo: ["UN"],
        unitDetailsMarking: "RESTRICTED",
        unitDetailsReleasableTo: ["UN"],
        mission: null,
        event: null,
        renewalDue: null,
        unitDetails: null,
      });
      await applyInput(em, pledge, input, true);
      applyMarking(pledge, marking ?? {});
      em.persist(pledge);
      recordTransition(ctx, em, pledge, null, null);
      ctx.audit.write(em, "Pledge", pledge, "create");
      return pledge;
    });
  }

  @Mutation(() => Pledge, { description: "Changes what the caller's own pledge promises (not its status or marking); a WITHDRAWN or EXPIRED pledge is final." })
  updatePledge(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "Pledge id." }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The version you read; CONFLICT when the pledge changed since." }) expectedVersion: number,
    @Arg("input", () => PledgeInput, { description: "The fields to change." }) input: PledgeInput,
  ) {
    return transaction(ctx, async (em) => {
      const pledge = await ownPledge(ctx, em, id, expectedVersion, "update");
      if (isFinal(pledge.status)) throw badUserInput("id", `a ${pledge.status} pledge is final and cannot be changed`);
      await applyInput(em, pledge, input, false);
      ctx.audit.write(em, "Pledge", pledge, "update");
      return pledge;
    });
  }

  @Mutation(() => Pledge, {
    description:
      "Moves the caller's own pledge along the pipeline and records the dated step: PLEDGED → VERIFIED → DEPLOYED, or from any " +
      "status but WITHDRAWN and EXPIRED to WITHDRAWN or EXPIRED. Anything else is BAD_USER_INPUT on `status`.",
  })
  changePledgeStatus(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "Pledge id." }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The version you read; CONFLICT when the pledge changed since." }) expectedVersion: number,
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

  @Mutation(() => Pledge, { description: "Changes how the caller's own pledge is shared; only the contributor may, and so only it widens a marking." })
  changePledgeMarking(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "Pledge id." }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The version you read; CONFLICT when the pledge changed since." }) expectedVersion: number,
    @Arg("marking", () => PledgeMarkingInput, { description: "The new marking; parts left out keep their value." }) marking: PledgeMarkingInput,
  ) {
    return transaction(ctx, async (em) => {
      const pledge = await ownPledge(ctx, em, id, expectedVersion, "change-marking");
      assertOriginator(ctx, "Pledge", pledge, "change-marking");
      applyMarking(pledge, marking);
      ctx.audit.write(em, "Pledge", pledge, "change-marking");
      return pledge;
    });
  }
}
