import { canRead, type Marked, readableWhere } from "./read.js";
import type { Viewer } from "./viewer.js";
import type { Marking } from "./vocabulary.js";

/**
 * The read rule of a record that belongs to another, its declared parent (a pledge's verification visits and
 * caveats): it is readable only where its parent is, and then by its own marking. When `parentOriginatorReads`,
 * the parent's originator reads it whatever its own marking says.
 */
export interface ChildReadRule {
  /** The child's property that references its parent, for database filters. */
  readonly parent: string;
  readonly parentOriginatorReads: boolean;
}

/** Verification visits (recorded by the UN): the contributor always reads the visits on its own pledges. */
export const VERIFICATION_VISIT_READ: ChildReadRule = { parent: "pledge", parentOriginatorReads: true };

/** Caveats (declared by the contributor): their own marking, which may be stricter than the pledge's, and the pledge's. */
export const PLEDGE_CAVEAT_READ: ChildReadRule = { parent: "pledge", parentOriginatorReads: false };

export function canReadChild(viewer: Viewer, rule: ChildReadRule, child: Marked, parent: Marked): boolean {
  if (!canRead(viewer, parent)) return false;
  if (canRead(viewer, child)) return true;
  return rule.parentOriginatorReads && viewer.partner !== null && viewer.partner === parent.originator;
}

/** The same rule as a MikroORM-style filter on the child entity (its parent reached through `rule.parent`). */
export function readableChildWhere(viewer: Viewer, rule: ChildReadRule): Record<string, unknown> {
  const own: Record<string, unknown>[] = [readableWhere(viewer)];
  if (rule.parentOriginatorReads && viewer.partner !== null) own.push({ [rule.parent]: { originator: viewer.partner } });
  return { $and: [{ [rule.parent]: readableWhere(viewer) }, { $or: own }] };
}

/**
 * The marking a verification visit is recorded with: the UN's choice, except that it always reaches the pledge's
 * contributor (RESTRICTED adds it; ORIGINATOR, which would hide the visit from it, is refused: null). Recording it
 * so makes the visit's own marking agree with `VERIFICATION_VISIT_READ` for every reader.
 */
export function visitMarking(
  requested: { marking: Marking; releasableTo: readonly string[] } | undefined,
  contributor: string,
): { marking: Marking; releasableTo: string[] } | null {
  const marking = requested?.marking ?? "RESTRICTED";
  if (marking === "ORIGINATOR") return null;
  if (marking !== "RESTRICTED") return { marking, releasableTo: [] };
  const names = requested?.releasableTo ?? [];
  return { marking, releasableTo: [...new Set([contributor, ...names])] };
}
