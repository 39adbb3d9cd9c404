import { badUserInput, requireDate, requireText } from "@concert/subgraph-kit";
import type { EntityManager } from "@mikro-orm/postgresql";
import { CHECKLIST_AREAS, ChecklistOutcome, READINESS_ORDER, Readiness, VisitKind } from "../entities/enums.js";
import type { Pledge } from "../entities/pledge.js";
import { VerificationVisit } from "../entities/verification-visit.js";
import type { VisitInput } from "../inputs/evidence.js";

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
export function applyVisit(visit: VerificationVisit, input: VisitInput): void {
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
