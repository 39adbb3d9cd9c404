import type { Marked } from "./read.js";
import type { Viewer } from "./viewer.js";
import type { Decision } from "./write.js";

/**
 * Exchange keys: static, read-only credentials a partner's TAXII clients are configured with once (HTTP Basic is
 * TAXII's mandatory scheme). A key speaks for its partner with the `viewer` role only, and lives at most a year.
 */
export const EXCHANGE_KEY_MAX_DAYS = 365;
/** The only role a key's identity carries: a key reads, it never writes. */
export const EXCHANGE_KEY_ROLE = "viewer" as const;
/** Subjects of the identities keys are turned into start with this, so that the audit trail names the key. */
export const EXCHANGE_KEY_SUBJECT_PREFIX = "exchange-key:";

/** Exchange keys as the write flow and its audit see them: their partner's alone. */
export const EXCHANGE_KEY = {
  type: "ExchangeKey",
  own(key: { partnerCode: string }): Marked {
    return { marking: "ORIGINATOR", releasableTo: [], originator: key.partnerCode };
  },
} as const;

/** May the viewer create, list and revoke its partner's exchange keys? Its own partner's admin, signed in as a person. */
export function decideExchangeKeys(viewer: Viewer): Decision {
  if (viewer.partner === null) return { allowed: false, reason: "authentication required" };
  if (viewer.subject?.startsWith(EXCHANGE_KEY_SUBJECT_PREFIX)) return { allowed: false, reason: "an exchange key cannot manage keys" };
  if (!viewer.roles.has("admin")) return { allowed: false, reason: "requires role admin" };
  return { allowed: true };
}

/** May the viewer turn an exchange key into its partner's identity? Only the exchange service, under its service identity. */
export function decideExchangeGrant(viewer: Viewer): Decision {
  return viewer.service === "exchange" ? { allowed: true } : { allowed: false, reason: "only the exchange service redeems exchange keys" };
}
