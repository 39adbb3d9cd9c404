import type { Marked } from "./read.js";
import { makeViewer, type Viewer } from "./viewer.js";
import type { PartnerKind } from "./vocabulary.js";

/**
 * Alert rules and their deliveries belong to one partner: a caller sees and changes only its own
 * partner's (writes also need `alert.manage`). The condition for a list of them, or null when the
 * caller may see none (anonymous callers, services).
 */
export function alertRulesOwnedBy(viewer: Viewer): { partner: string } | null {
  return viewer.partner === null ? null : { partner: viewer.partner };
}

/** Whether `viewer` may see or change the rule (or delivery) of `owner`. */
export function mayManageAlertsOf(viewer: Viewer, owner: string): boolean {
  return viewer.partner !== null && viewer.partner === owner;
}

/**
 * Alert rules as the write flow and its audit see them: unmarked, their owner partner's alone, so an audit entry of
 * one is its partner's as originator, at ORIGINATOR (no other partner reads the entry).
 */
export const ALERT_RULE = {
  type: "AlertRule",
  own(rule: { partner: string }): Marked {
    return { marking: "ORIGINATOR", releasableTo: [], originator: rule.partner };
  },
} as const;

/**
 * The viewer a rule is evaluated for: its owner partner as the registry has it now (kind and groups),
 * with no role. Evaluated at each change and again just before each delivery, so that a partner that
 * lost access (a tightened marking, a forum left, a kind changed) is sent nothing.
 */
export function alertOwnerViewer(owner: { code: string; kind: PartnerKind; groups: readonly string[] }, ruleId: string): Viewer {
  return makeViewer({ subject: `alert-rule:${ruleId}`, partner: owner.code, kind: owner.kind, roles: [], groups: [...owner.groups] });
}

// Whether an alert about a record may go to its owner is the record type's declaration's `mayAlert` (marked-type.ts).
