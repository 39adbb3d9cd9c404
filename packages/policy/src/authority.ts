import type { Marked } from "./read.js";
import type { Viewer } from "./viewer.js";
import type { Decision } from "./write.js";

/**
 * Authority over the partner registry and forum memberships. It comes from the deployment's
 * configuration (the operator list, see `Viewer.operator`), never from a token alone: any trusted
 * issuer can put `admin` in a token, but only the operator's admins change who takes part.
 */

/** Registry fields a partner's own admin may change on its own entry: they describe it, they grant nothing. */
export const DESCRIPTIVE_PARTNER_FIELDS: readonly string[] = ["name"];

const ALLOWED: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

/** Registry entries as the write flow and its audit see them: public, and their audit entries are the partner's they describe. */
export const REGISTRY_ENTRY = {
  type: "Partner",
  own(partner: { code: string }): Marked {
    return { marking: "PUBLIC", releasableTo: [], originator: partner.code };
  },
} as const;

/** An `admin` of a partner in the configured operator list. */
export function isOperatorAdmin(viewer: Viewer): boolean {
  return viewer.partner !== null && viewer.operator && viewer.roles.has("admin");
}

/**
 * May the viewer change the registry entry of `partner` (null: register a new partner) in
 * `fields`? Registering, kind, country, activation and deactivation are the operator's; a
 * partner's own admin may change only its own descriptive fields.
 */
export function decideRegistryChange(viewer: Viewer, partner: string | null, fields: readonly string[]): Decision {
  if (viewer.partner === null) return deny("authentication required");
  if (!viewer.roles.has("admin")) return deny("requires role admin");
  if (isOperatorAdmin(viewer)) return ALLOWED;
  if (partner === null) return deny("registering a partner is reserved to the operator");
  if (partner !== viewer.partner) return deny("a partner's admin may change only its own registry entry");
  const reserved = fields.filter((f) => !DESCRIPTIVE_PARTNER_FIELDS.includes(f));
  if (reserved.length > 0) return deny(`${reserved.join(", ")} may be changed by the operator only`);
  return ALLOWED;
}

/**
 * May the viewer add or end memberships of a forum whose current co-chairs are `coChairs`?
 * Membership decides who reads material RESTRICTED to the forum, so it is reserved to the
 * coordinators of the co-chairs and to the operator; a forum without co-chairs is kept by the operator alone.
 */
export function decideForumMembershipChange(viewer: Viewer, coChairs: readonly string[]): Decision {
  if (viewer.partner === null) return deny("authentication required");
  if (isOperatorAdmin(viewer)) return ALLOWED;
  if (!viewer.roles.has("coordinator")) return deny("requires role coordinator (of a co-chair) or the operator's admin");
  if (!coChairs.includes(viewer.partner)) {
    return deny(
      coChairs.length > 0
        ? "only the forum's co-chairs and the operator manage its memberships"
        : "the forum has no co-chairs: only the operator manages its memberships",
    );
  }
  return ALLOWED;
}

/** A forum membership as the write flow and its audit see it: public, its audit entries the member's. */
export const FORUM_MEMBERSHIP = {
  type: "ForumMembership",
  own(membership: { partner: { code: string } }): Marked {
    return { marking: "PUBLIC", releasableTo: [], originator: membership.partner.code };
  },
} as const;

/** A revocation of one person's tokens: its partner's alone (it names the person by digest). */
export const TOKEN_REVOCATION = {
  type: "TokenRevocation",
  own(revocation: { partnerCode: string }): Marked {
    return { marking: "ORIGINATOR", releasableTo: [], originator: revocation.partnerCode };
  },
} as const;

/** May the viewer revoke the tokens of `subject` speaking for `partner`? The operator, or the partner's own admin. */
export function decideRevocation(viewer: Viewer, partner: string): Decision {
  if (viewer.partner === null) return deny("authentication required");
  if (!viewer.roles.has("admin")) return deny("requires role admin");
  if (isOperatorAdmin(viewer) || viewer.partner === partner) return ALLOWED;
  return deny("a partner's admin may revoke only its own people");
}

/** May a caller run an operation of this type? Reading is open (the markings decide what it returns); changes need a token. */
export function decideOperation(operation: string | undefined, authenticated: boolean): Decision {
  if (operation === "mutation" && !authenticated) return deny("sign in to make changes: send `Authorization: Bearer <token>`");
  return ALLOWED;
}

function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * The last day of a membership ended at once, on `today`: yesterday, or the day before it began
 * for one that began today or has not begun (it never takes effect), so that a membership added
 * by mistake can be ended the same day.
 */
export function endedAtOnce(since: string, today: string): string {
  return dayBefore(since > today ? since : today);
}

/** True while a period (YYYY-MM-DD days, `until` inclusive, null for open-ended) covers `day`. */
export function coversDay(since: string, until: string | null, day: string): boolean {
  return since <= day && (until === null || until >= day);
}
