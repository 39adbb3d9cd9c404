import { PLEDGE } from "@concert/policy";
import {
  badUserInput,
  optionalDate,
  requireCount,
  type SubgraphContext,
  validateMarking,
  validatePartMarking,
} from "@concert/subgraph-kit";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { PledgeStatus } from "../entities/enums.js";
import type { Pledge } from "../entities/pledge.js";
import { PledgeTransition } from "../entities/pledge-transition.js";
import type { PledgeInput, PledgeMarkingInput } from "../inputs/pledge.js";
import { requireWomen } from "./personnel.js";
import { assertOpenMission, assertReference } from "./references.js";

/** Checks and applies what a pledge promises; `creating` makes capability type, quantity and personnel required. */
export async function applyInput(em: EntityManager, pledge: Pledge, input: PledgeInput, creating: boolean): Promise<void> {
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
  if (input.readiness) pledge.readiness = input.readiness;
  if (input.renewalDue !== undefined) pledge.renewalDue = input.renewalDue;
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

export function recordTransition(
  ctx: SubgraphContext,
  em: EntityManager,
  pledge: Pledge,
  from: PledgeStatus | null,
  note: string | null,
): void {
  em.persist(
    Object.assign(new PledgeTransition(), { pledge, from, to: pledge.status, at: new Date(), byPartner: ctx.viewer.partner!, note }),
  );
}
