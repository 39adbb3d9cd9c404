import { isRole, type PartnerKind, type Role } from "./vocabulary.js";

/** Who is asking: established from a verified token and the partner registry, never from a client header. */
export interface Viewer {
  /** The token's subject; null for anonymous callers. */
  readonly subject: string | null;
  /** The partner the caller speaks for; null for anonymous callers. */
  readonly partner: string | null;
  /** From the partner registry, not from the token. */
  readonly kind: PartnerKind | null;
  readonly roles: ReadonlySet<Role>;
  /** Codes of the groups (forums) the partner currently belongs to, usable in RESTRICTED markings. */
  readonly groups: ReadonlySet<string>;
  /** True when the caller's partner is in the operator list of the deployment's configuration (never from the token). */
  readonly operator: boolean;
  /**
   * Set only for one of Concert's own parts calling another under a service identity (e.g. "alerts"),
   * from a token of the service issuer, which only the parts trust and the gateway refuses. Null for every client.
   */
  readonly service: string | null;
}

export const ANONYMOUS: Viewer = Object.freeze({
  subject: null,
  partner: null,
  kind: null,
  roles: new Set<Role>(),
  groups: new Set<string>(),
  operator: false,
  service: null,
});

export function makeViewer(input: {
  subject: string;
  partner: string;
  kind: PartnerKind;
  roles: readonly string[];
  groups: readonly string[];
  /** Partner codes of the deployment's operators, from configuration. */
  operators?: readonly string[];
}): Viewer {
  return Object.freeze({
    subject: input.subject,
    partner: input.partner,
    kind: input.kind,
    roles: new Set(input.roles.filter(isRole)),
    groups: new Set(input.groups),
    operator: input.operators?.includes(input.partner) ?? false,
    service: null,
  });
}

/** One of Concert's own parts, e.g. the alerts worker following the change feeds. It speaks for no partner. */
export function makeServiceViewer(service: string): Viewer {
  return Object.freeze({
    subject: `service:${service}`,
    partner: null,
    kind: null,
    roles: new Set<Role>(),
    groups: new Set<string>(),
    operator: false,
    service,
  });
}

/**
 * The only thing a service identity may do beyond an anonymous caller: follow the change feeds in full,
 * so that the alerts worker can evaluate each rule for its owner with this package's read rules.
 */
export function mayFollowAllChanges(viewer: Viewer): boolean {
  return viewer.service === "alerts";
}

export function isAuthenticated(viewer: Viewer): boolean {
  return viewer.partner !== null;
}
