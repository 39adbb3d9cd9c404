import { canRead, type Marked } from "./read.js";
import { makeViewer, type Viewer } from "./viewer.js";
import type { PartnerKind } from "./vocabulary.js";

/** Why a partner is in a record's audience. */
export const AUDIENCE_REASONS = ["PUBLIC", "PARTNERS", "GOVERNMENTS", "NAMED", "GROUP", "ORIGINATOR"] as const;
export type AudienceReason = (typeof AUDIENCE_REASONS)[number];

/** An active partner as the registry knows it: what its viewer is built from. */
export interface AudienceCandidate {
  readonly code: string;
  readonly kind: PartnerKind;
  /** Codes of the groups (forums) it currently belongs to. */
  readonly groups: readonly string[];
}

/** One partner who would read a record, and why; `via` is the forum code when a group is the reason. */
export interface AudienceEntry {
  partner: string;
  reason: AudienceReason;
  via: string | null;
}

/** The rule an audience is computed with: `canRead`, or a rule built on it (a draft stays with its author). */
export type ReadRule<R extends Marked> = (viewer: Viewer, record: R) => boolean;

/** The viewer a partner's people would be: the same one `identify` builds from a token, roles aside (reads do not depend on them). */
function viewerOf(partner: AudienceCandidate): Viewer {
  return makeViewer({ subject: `audience:${partner.code}`, partner: partner.code, kind: partner.kind, roles: [], groups: partner.groups });
}

function reasonFor(viewer: Viewer, record: Marked): Omit<AudienceEntry, "partner"> {
  if (viewer.partner === record.originator) return { reason: "ORIGINATOR", via: null };
  switch (record.marking) {
    case "PUBLIC":
    case "PARTNERS":
    case "GOVERNMENTS":
      return { reason: record.marking, via: null };
    case "RESTRICTED": {
      if (record.releasableTo.includes(viewer.partner ?? "")) return { reason: "NAMED", via: null };
      const via = record.releasableTo.find((code) => viewer.groups.has(code));
      if (via !== undefined) return { reason: "GROUP", via };
      break;
    }
    case "ORIGINATOR":
      break;
  }
  // `read` let in a partner that none of the marking's audiences names: the two rules disagree.
  throw new Error(`audience: ${viewer.partner} reads a ${record.marking} record for no reason the marking gives`);
}

/**
 * Who, among `partners` (the registry's active partners), would read `record`, and why: each
 * partner's viewer is asked `read` (the very rule that enforces reads, `canRead` by default), so
 * the preview cannot disagree with enforcement. Ordered by partner code.
 */
export function audienceOf<R extends Marked>(
  record: R,
  partners: readonly AudienceCandidate[],
  read: ReadRule<R> = canRead,
): AudienceEntry[] {
  const entries: AudienceEntry[] = [];
  for (const partner of partners) {
    const viewer = viewerOf(partner);
    if (!read(viewer, record)) continue;
    entries.push({ partner: partner.code, ...reasonFor(viewer, record) });
  }
  return entries.sort((a, b) => (a.partner < b.partner ? -1 : a.partner > b.partner ? 1 : 0));
}
