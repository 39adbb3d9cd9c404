import { isAtLeastAsStrict, PLEDGE, PLEDGE_CAVEAT, VERIFICATION_VISIT, visitMarking } from "@concert/policy";
import { validateMarking } from "@concert/subgraph-kit/access";
import { badUserInput, notFound } from "@concert/subgraph-kit/errors";
import { isUuid } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { authorizeWrite, changeRecord, createRecord, requireDate, requireText, type WrittenKind } from "@concert/subgraph-kit/writes";
import type { EntityManager } from "@mikro-orm/postgresql";
import { CHECKLIST_AREAS, ChecklistOutcome, READINESS_ORDER, Readiness, VisitKind } from "../entities/enums.js";
import { Pledge } from "../entities/pledge.js";
import { PledgeCaveat } from "../entities/pledge-caveat.js";
import { VerificationVisit } from "../entities/verification-visit.js";
import type { CaveatInput, RecordMarkingInput, VisitInput } from "../inputs/evidence.js";

const VISITS: WrittenKind<VerificationVisit> = { entity: VerificationVisit, declaration: VERIFICATION_VISIT, action: "visit.record" };
const CAVEATS: WrittenKind<PledgeCaveat> = { entity: PledgeCaveat, declaration: PLEDGE_CAVEAT, action: "pledge.write" };

/** Text of a bounded length: BAD_USER_INPUT on `field` when empty or longer. */
export function boundedText(field: string, value: string, max: number): string {
  const text = requireText(field, value);
  if (text.length > max) throw badUserInput(field, `at most ${max} characters`);
  return text;
}

/** A visit is passed when no area is NOT_MET and at least one was assessed. */
export function visitPassed(visit: Pick<VerificationVisit, (typeof CHECKLIST_AREAS)[number]>): boolean {
  const outcomes = CHECKLIST_AREAS.map((area) => visit[area]);
  return !outcomes.includes(ChecklistOutcome.NOT_MET) && outcomes.some((o) => o !== ChecklistOutcome.NOT_ASSESSED);
}

/** Checks a visit's values and sets them on `visit`. */
function applyVisit(visit: VerificationVisit, input: VisitInput): void {
  requireDate("input.date", input.date, { notAfterToday: true });
  const seen = new Set<string>();
  for (const [i, item] of input.checklist.entries()) {
    if (seen.has(item.area)) throw badUserInput(`input.checklist.${i}.area`, `${item.area} is given twice`);
    seen.add(item.area);
  }
  if (seen.size === 0) throw badUserInput("input.checklist", "name the outcome of at least one area");
  visit.kind = input.kind;
  visit.date = input.date;
  for (const item of input.checklist) visit[item.area] = item.outcome;
  visit.remarks = input.remarks === undefined || input.remarks === null ? null : boundedText("input.remarks", input.remarks, 4000);
}

/** The evidence each readiness level needs: a passed visit of this kind (LEVEL_3 needs a unit-requirement match, not a visit). */
const EVIDENCE: Partial<Record<Readiness, { kind: VisitKind; name: string }>> = {
  [Readiness.LEVEL_2]: { kind: VisitKind.AAV, name: "a passed assessment and advisory visit (AAV)" },
  [Readiness.RAPID_DEPLOYMENT]: {
    kind: VisitKind.RDL_VERIFICATION,
    name: "a passed rapid deployment level verification visit (RDL_VERIFICATION)",
  },
};

/** The visit kinds a pledge needs passed to stand at `level`: every level's evidence up to it. */
export function evidenceFor(level: Readiness): { level: Readiness; kind: VisitKind; name: string }[] {
  return READINESS_ORDER.slice(0, READINESS_ORDER.indexOf(level) + 1).flatMap((l) => {
    const needed = EVIDENCE[l];
    return needed ? [{ level: l, ...needed }] : [];
  });
}

/**
 * Refuses (BAD_USER_INPUT on `field`, naming what is missing) to raise `pledge` to `target` without the evidence
 * every level up to it needs. Lowering a level, or keeping it, needs none. A new pledge has no visit yet.
 */
export async function requireEvidence(
  em: EntityManager,
  pledge: Pledge,
  target: Readiness,
  field: string,
  creating: boolean,
): Promise<void> {
  const from = creating ? -1 : READINESS_ORDER.indexOf(pledge.readiness);
  if (READINESS_ORDER.indexOf(target) <= from) return;
  const needed = evidenceFor(target);
  if (needed.length === 0) return;
  const visits = creating ? [] : await em.find(VerificationVisit, { pledge: pledge.id, kind: { $in: needed.map((n) => n.kind) } });
  const missing = needed.filter((n) => !visits.some((v) => v.kind === n.kind && visitPassed(v)));
  if (missing.length > 0) {
    throw badUserInput(
      field,
      `${target} needs ${missing.map((m) => `${m.name} for ${m.level}`).join(" and ")}; none is recorded for this pledge`,
    );
  }
}

/** A pledge the caller may read, loaded in the write's transaction; NOT_FOUND like a missing one otherwise. */
async function readablePledge(ctx: SubgraphContext, em: EntityManager, id: string): Promise<Pledge> {
  const pledge = isUuid(id) ? await em.findOne(Pledge, { id }) : null;
  if (!pledge || !PLEDGE.canRead(ctx.viewer, pledge)) throw notFound(`Pledge ${id}`);
  return pledge;
}

/** A verification visit to a pledge the caller may read (UN planners); its marking always reaches the contributor. */
export function recordVisit(
  ctx: SubgraphContext,
  pledgeId: string,
  input: VisitInput,
  marking: RecordMarkingInput | undefined,
): Promise<VerificationVisit> {
  return createRecord(ctx, VISITS, {
    owned: false,
    values: async (em) => {
      const pledge = await readablePledge(ctx, em, pledgeId);
      const shared = visitMarking(
        marking ? { marking: marking.marking, releasableTo: marking.releasableTo ?? [] } : undefined,
        pledge.originator,
      );
      if (!shared) throw badUserInput("marking.marking", "a visit must reach the pledge's contributor: ORIGINATOR is not allowed");
      validateMarking("marking", shared.marking, shared.releasableTo);
      return { pledge, originator: ctx.viewer.partner!, ...shared };
    },
    complete: (visit) => applyVisit(visit, input),
  });
}

/** A national caveat on the caller's own pledge; its marking is the pledge's by default and may only be stricter. */
export function declareCaveat(
  ctx: SubgraphContext,
  pledgeId: string,
  input: CaveatInput,
  marking: RecordMarkingInput | undefined,
): Promise<PledgeCaveat> {
  return createRecord(ctx, CAVEATS, {
    owned: false,
    values: async (em) => {
      const pledge = await readablePledge(ctx, em, pledgeId);
      authorizeWrite(ctx, "pledge.write", pledge.originator);
      const shared = marking
        ? { marking: marking.marking, releasableTo: marking.releasableTo ?? [] }
        : { marking: pledge.marking, releasableTo: [...pledge.releasableTo] };
      validateMarking("marking", shared.marking, shared.releasableTo);
      if (!isAtLeastAsStrict(shared, pledge)) {
        throw badUserInput("marking.marking", `must be at least as strict as the pledge's marking ${pledge.marking}`);
      }
      return { pledge, originator: pledge.originator, ...shared, kind: input.kind, text: boundedText("input.text", input.text, 2000) };
    },
  });
}

/** Withdraws a caveat from the caller's own pledge. */
export function withdrawCaveat(ctx: SubgraphContext, id: string, expectedVersion: number): Promise<string> {
  return changeRecord(ctx, CAVEATS, { id, expectedVersion, audit: "delete" }, (caveat, em) => {
    em.remove(caveat);
    return id;
  });
}
