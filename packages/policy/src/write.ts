import type { Viewer } from "./viewer.js";
import type { PartnerKind, Role } from "./vocabulary.js";

interface WriteRule {
  /** Roles that may perform the action (any one suffices). */
  roles: readonly Role[];
  /** When set, only partners with these codes may perform it. */
  partners?: readonly string[];
  /** When set, only partners of these kinds may perform it. */
  kinds?: readonly PartnerKind[];
  /** The record written must belong to the caller's own partner. */
  ownRecordsOnly: boolean;
}

/** Who may write what. Anything not listed here is denied; the registry and forum memberships: see authority.ts. */
export const WRITE_RULES = {
  "assessment.write": { roles: ["analyst"], ownRecordsOnly: true },
  "watchlist.write": { roles: ["analyst"], ownRecordsOnly: true },
  /** A partner's forecasts on the operator's questions, and its opinions on other partners' assessments. */
  "forecast.write": { roles: ["analyst"], ownRecordsOnly: true },
  "opinion.write": { roles: ["analyst"], ownRecordsOnly: true },
  "practice.write": { roles: ["analyst"], ownRecordsOnly: true },
  "mission.manage": { roles: ["planner"], partners: ["UN"], ownRecordsOnly: false },
  "pledge.write": { roles: ["planner"], kinds: ["GOVERNMENT"], ownRecordsOnly: true },
  /** Verification visits (AAV, RDL verification, pre-deployment) are recorded by the UN, like its planning data. */
  "visit.record": { roles: ["planner"], partners: ["UN"], ownRecordsOnly: false },
  "engagement.write": { roles: ["coordinator"], ownRecordsOnly: true },
  /** Webhook alert rules: any role that works with the data, for the caller's own partner only (see alerts.ts). */
  "alert.manage": { roles: ["analyst", "planner", "coordinator", "admin"], ownRecordsOnly: true },
} as const satisfies Record<string, WriteRule>;

export type WriteAction = keyof typeof WRITE_RULES;

export type Decision = { allowed: true } | { allowed: false; reason: string };

/**
 * Decides whether the viewer may perform `action`; `owner` is the partner the written record
 * belongs to (for a new record, the partner it is created for).
 */
export function decideWrite(viewer: Viewer, action: WriteAction, owner?: string): Decision {
  const rule: WriteRule = WRITE_RULES[action];
  if (viewer.partner === null) return { allowed: false, reason: "authentication required" };
  if (!rule.roles.some((role) => viewer.roles.has(role))) {
    return { allowed: false, reason: `requires role ${rule.roles.join(" or ")}` };
  }
  if (rule.partners && !rule.partners.includes(viewer.partner)) {
    return { allowed: false, reason: `reserved to ${rule.partners.join(", ")}` };
  }
  if (rule.kinds && (viewer.kind === null || !rule.kinds.includes(viewer.kind))) {
    return { allowed: false, reason: `reserved to partners of kind ${rule.kinds.join(", ")}` };
  }
  if (rule.ownRecordsOnly && owner !== undefined && owner !== viewer.partner) {
    return { allowed: false, reason: "only the originating partner may write this record" };
  }
  return { allowed: true };
}
