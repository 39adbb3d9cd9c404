/** What a verified token says about its bearer. The partner's kind comes from the registry, not from here. */
export interface TokenIdentity {
  subject: string;
  partner: string;
  roles: string[];
  issuer: string;
  /** The token's `iat` (epoch seconds), null when it has none: such a token cannot outlive a revocation of its subject. */
  issuedAt: number | null;
}

/** Claim names Concert reads from tokens. */
export const CLAIMS = { partner: "partner", roles: "roles" } as const;

export class TokenRejected extends Error {}
