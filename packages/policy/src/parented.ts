import { canRead, type Marked, type MarkingColumns, readableWhere } from "./read.js";
import type { Viewer } from "./viewer.js";

/**
 * Records read under a parent (a forecast under its question, an opinion under the assessment it is about):
 * a caller reads one only when it may read both the record and its parent, so a record never widens who
 * learns that its parent exists. The parent's marking is kept on the record's own row (`parentMarking`,
 * `parentReleasableTo`, `parentOriginator`), copied by every write that changes it, so the rule is one
 * condition on one table in SQL and one check on one row.
 */
export interface ParentedRecord extends Marked {
  readonly parentMarking: Marked["marking"];
  readonly parentReleasableTo: readonly string[];
  readonly parentOriginator: string;
}

/** The parent's marking, as the record carries it. */
export function parentOf(record: ParentedRecord): Marked {
  return { marking: record.parentMarking, releasableTo: record.parentReleasableTo, originator: record.parentOriginator };
}

const PARENT_COLUMNS: MarkingColumns = {
  marking: "parentMarking",
  releasableTo: "parentReleasableTo",
  originator: "parentOriginator",
};

export function canReadUnderParent(viewer: Viewer, record: ParentedRecord): boolean {
  return canRead(viewer, record) && canRead(viewer, parentOf(record));
}

/** The same rule as `canReadUnderParent`, as a database filter over the record's table. */
export function readableUnderParentWhere(viewer: Viewer): Record<string, unknown> {
  return { $and: [readableWhere(viewer), readableWhere(viewer, PARENT_COLUMNS)] };
}

/** A marking no viewer reads: no partner has this code. */
const NOBODY: Marked = { marking: "ORIGINATOR", releasableTo: [], originator: "-" };

/**
 * One marking under which a change of the record may be announced (change feeds): whoever it reaches reads
 * both the record and its parent. Exact when either is PUBLIC or PARTNERS (questions are PUBLIC unless the
 * operator says otherwise); otherwise the record's originator alone where it surely reads the parent, else
 * nobody: a feed may then tell fewer partners than may read the record, never more.
 */
export function announcedUnderParent(record: ParentedRecord): Marked {
  const own: Marked = { marking: record.marking, releasableTo: record.releasableTo, originator: record.originator };
  if (record.parentMarking === "PUBLIC") return own;
  if (record.marking === "PUBLIC") return parentOf(record);
  // both ask for a signed-in partner from here on
  if (record.parentMarking === "PARTNERS") return own;
  if (record.marking === "PARTNERS") return parentOf(record);
  const originatorReadsParent =
    record.parentOriginator === record.originator ||
    (record.parentMarking === "RESTRICTED" && record.parentReleasableTo.includes(record.originator));
  return originatorReadsParent ? { marking: "ORIGINATOR", releasableTo: [], originator: record.originator } : NOBODY;
}
