/**
 * What a verified token says about its bearer. The partner's kind comes from the registry, not from here.
 * Read-only: the verifier hands the same (frozen) object to every request bearing the same token.
 */
export interface TokenIdentity {
  readonly subject: string;
  readonly partner: string;
  readonly roles: readonly string[];
  readonly issuer: string;
  /** The token's `iat` (epoch seconds), null when it has none: such a token cannot outlive a revocation of its subject. */
  readonly issuedAt: number | null;
}

/** Claim names Concert reads from tokens. */
export const CLAIMS = { partner: "partner", roles: "roles" } as const;

export class TokenRejected extends Error {}
