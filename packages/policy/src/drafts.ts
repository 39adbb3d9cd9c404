import { canRead, type Marked, type MarkingColumns, readableWhere } from "./read.js";
import type { Viewer } from "./viewer.js";

/**
 * Records with a draft stage (risk assessments): a draft is not shared whatever its marking; only
 * its originator sees it until it is published. These apply that rule on top of the marking rule.
 */

/** Whether `viewer` may read `record`, which is a draft when `isDraft`. */
export function canReadDraftable(viewer: Viewer, record: Marked, isDraft: boolean): boolean {
  if (isDraft && (viewer.partner === null || viewer.partner !== record.originator)) return false;
  return canRead(viewer, record);
}

/**
 * The same rule as a database filter; `published` is the condition that a row is not a draft
 * (e.g. `{ status: { $ne: "DRAFT" } }`).
 */
export function readableDraftableWhere(
  viewer: Viewer,
  published: Record<string, unknown>,
  columns?: MarkingColumns,
): Record<string, unknown> {
  const originator = columns?.originator ?? "originator";
  const shared = viewer.partner === null ? published : { $or: [published, { [originator]: viewer.partner }] };
  return { $and: [readableWhere(viewer, columns), shared] };
}
