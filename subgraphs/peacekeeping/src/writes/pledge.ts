import { defaultPledgeMarking, PLEDGE, type Viewer } from "@concert/policy";
import { validateMarking, validatePartMarking } from "@concert/subgraph-kit/access";
import { badUserInput } from "@concert/subgraph-kit/errors";
import { isUuid } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { changeRecord, createRecord, optionalDate, requireCount, type WrittenKind } from "@concert/subgraph-kit/writes";
import type { EntityManager } from "@mikro-orm/postgresql";
import { PledgeStatus, Readiness } from "../entities/enums.js";
import { Pledge } from "../entities/pledge.js";
import { PledgeTransition } from "../entities/pledge-transition.js";
import type { PledgeInput, PledgeMarkingInput } from "../inputs/pledge.js";
import { requireEvidence } from "./evidence.js";
import { requireWomen } from "./personnel.js";
import { assertOpenMission, assertReference } from "./references.js";
import { isFinal, transitionRefusal } from "./transitions.js";

export const PLEDGES: WrittenKind<Pledge> = { entity: Pledge, declaration: PLEDGE, action: "pledge.write" };

/** The deployed pledge a replacement names: one the caller may read, DEPLOYED, and not the replacement itself. */
async function replacedPledge(em: EntityManager, viewer: Viewer, pledge: Pledge, id: string): Promise<Pledge> {
  const found = isUuid(id) ? await em.findOne(Pledge, { id }) : null;
  if (!found || !PLEDGE.canRead(viewer, found)) throw badUserInput("input.replaces", `unknown pledge ${id}`);
  if (found.id === pledge.id) throw badUserInput("input.replaces", "a pledge cannot replace itself");
  if (found.status !== PledgeStatus.DEPLOYED) throw badUserInput("input.replaces", `pledge ${id} is ${found.status}, not DEPLOYED`);
  return found;
}

/**
 * Checks and applies what a pledge promises; `creating` makes capability type, quantity and personnel required. A
 * higher readiness level needs its evidence (see `requireEvidence`); a changed level is dated in `readinessSince`.
 */
export async function applyInput(em: EntityManager, viewer: Viewer, pledge: Pledge, input: PledgeInput, creating: boolean): Promise<void> {
  for (const field of ["capabilityType", "quantity", "personnel"] as const) {
    if (creating && (input[field] === undefined || input[field] === null)) throw badUserInput(`input.${field}`, `${field} is required`);
  }
  requireCount("input.quantity", input.quantity ?? undefined, 1);
  requireCount("input.personnel", input.personnel ?? undefined);
  optionalDate("input.renewalDue", input.renewalDue);
  if (input.mission !== undefined) {
    pledge.mission = input.mission === null ? null : ((await assertOpenMission(em, "input.mission", input.mission)) as never);
  }
  if (input.capabilityType)
    pledge.capabilityType = (await assertReference(em, "capabilityType", "input.capabilityType", input.capabilityType)) as never;
  if (input.event !== undefined) {
    pledge.event = input.event === null ? null : ((await assertReference(em, "event", "input.event", input.event)) as never);
  }
  if (input.quantity !== undefined && input.quantity !== null) pledge.quantity = input.quantity;
  if (input.personnel !== undefined && input.personnel !== null) pledge.personnel = input.personnel;
  if (input.womenPersonnel !== undefined && input.womenPersonnel !== null) pledge.womenPersonnel = input.womenPersonnel;
  pledge.womenPersonnel ??= 0;
  requireWomen("input.womenPersonnel", pledge.womenPersonnel, pledge.personnel);
  if (input.readiness && (creating || input.readiness !== pledge.readiness)) {
    await requireEvidence(em, pledge, input.readiness, "input.readiness", creating);
    pledge.readiness = input.readiness;
    pledge.readinessSince = new Date();
  }
  if (input.renewalDue !== undefined) pledge.renewalDue = input.renewalDue;
  optionalDate("input.rotationDue", input.rotationDue);
  if (input.rotationDue !== undefined) pledge.rotationDue = input.rotationDue;
  if (input.replaces !== undefined) {
    pledge.replaces = input.replaces === null ? null : ((await replacedPledge(em, viewer, pledge, input.replaces)) as never);
  }
  if (input.unitDetails !== undefined) pledge.unitDetails = input.unitDetails;
}

/** Checks and applies a marking; parts left out keep their value where the policy allows. */
export function applyMarking(pledge: Pledge, input: PledgeMarkingInput): void {
  const marking = input.marking ?? pledge.marking;
  const releasableTo = input.releasableTo ?? (marking === "RESTRICTED" ? pledge.releasableTo : []);
  validateMarking("marking", marking, releasableTo);
  const record = { marking, releasableTo };
  const current = { marking: pledge.unitDetailsMarking, releasableTo: pledge.unitDetailsReleasableTo };
  const detailsMarking = input.unitDetailsMarking ?? current.marking;
  const details =
    input.unitDetailsMarking || input.unitDetailsReleasableTo
      ? { marking: detailsMarking, releasableTo: input.unitDetailsReleasableTo ?? (detailsMarking === "RESTRICTED" ? releasableTo : []) }
      : PLEDGE.fieldMarkingDefault(current, record);
  validatePartMarking(PLEDGE, "marking.unitDetails", details, record);
  const aggregateMarking = input.aggregateMarking ?? pledge.aggregateMarking;
  const problem = PLEDGE.aggregateMarkingProblem(aggregateMarking, marking);
  if (problem) throw badUserInput("marking.aggregateMarking", problem);
  Object.assign(pledge, {
    ...record,
    unitDetailsMarking: details.marking,
    unitDetailsReleasableTo: details.releasableTo,
    aggregateMarking,
  });
}

function recordTransition(ctx: SubgraphContext, em: EntityManager, pledge: Pledge, from: PledgeStatus | null, note: string | null): void {
  // A part of the pledge's history, covered by the pledge's own audit and change entries.
  em.create(PledgeTransition, { pledge, from, to: pledge.status, at: new Date(), byPartner: ctx.viewer.partner!, note });
}

/** Registers a pledge of the caller's government, PLEDGED, shared by default as `defaultPledgeMarking` says. */
export function createPledge(ctx: SubgraphContext, input: PledgeInput, marking?: PledgeMarkingInput): Promise<Pledge> {
  return createRecord(ctx, PLEDGES, {
    values: () => {
      const shared = defaultPledgeMarking();
      return {
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
      };
    },
    complete: async (pledge, em) => {
      await applyInput(em, ctx.viewer, pledge, input, true);
      applyMarking(pledge, marking ?? {});
      recordTransition(ctx, em, pledge, null, null);
    },
  });
}

/** Changes what the caller's own pledge promises; a WITHDRAWN or EXPIRED pledge is final. */
export function updatePledge(ctx: SubgraphContext, id: string, expectedVersion: number, input: PledgeInput): Promise<Pledge> {
  return changeRecord(ctx, PLEDGES, { id, expectedVersion, audit: "update" }, async (pledge, em) => {
    if (isFinal(pledge.status)) throw badUserInput("id", `a ${pledge.status} pledge is final and cannot be changed`);
    await applyInput(em, ctx.viewer, pledge, input, false);
    return pledge;
  });
}

/** Moves the caller's own pledge along the pipeline and records the dated step. */
export function changePledgeStatus(
  ctx: SubgraphContext,
  id: string,
  expectedVersion: number,
  status: PledgeStatus,
  note: string | null,
): Promise<Pledge> {
  const audit = (pledge: Pledge) => `change-status ${pledge.status}->${status}`;
  return changeRecord(ctx, PLEDGES, { id, expectedVersion, audit }, (pledge, em) => {
    const refusal = transitionRefusal(pledge.status, status);
    if (refusal) throw badUserInput("status", refusal);
    const from = pledge.status;
    pledge.status = status;
    recordTransition(ctx, em, pledge, from, note);
    return pledge;
  });
}

/** Changes how the caller's own pledge is shared; only the contributor may, and so only it widens a marking. */
export function changePledgeMarking(
  ctx: SubgraphContext,
  id: string,
  expectedVersion: number,
  marking: PledgeMarkingInput,
): Promise<Pledge> {
  return changeRecord(ctx, PLEDGES, { id, expectedVersion, audit: "change-marking", allow: "originator" }, (pledge) => {
    applyMarking(pledge, marking);
    return pledge;
  });
}
