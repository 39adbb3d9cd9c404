/** What a verified token says about its bearer. The partner's kind comes from the registry, not from here. */
export interface TokenIdentity {
  subject: string;
  partner: string;
  roles: string[];
  issuer: string;
}

/** Claim names Concert reads from tokens. */
export const CLAIMS = { partner: "partner", roles: "roles" } as const;

export class TokenRejected extends Error {}
