import { type TokenIdentity, TokenRejected } from "./identity.js";
import type { DirectoryEntry, PartnerDirectory } from "./partner-directory.js";
import type { TokenVerifier } from "./verifier.js";

/** A caller whose token verified and whose partner is active in the registry. */
export interface Caller {
  identity: TokenIdentity;
  partner: DirectoryEntry;
}

/**
 * Establishes the caller from the Authorization header alone: null without one; otherwise a
 * verified bearer token for an active partner, or `TokenRejected`.
 */
export async function authenticate(
  authorization: string | undefined,
  verify: TokenVerifier,
  directory: PartnerDirectory,
  /** When this request's one wait for the registry ends (see `registryDeadline`). */
  deadline?: number,
): Promise<Caller | null> {
  if (authorization === undefined || authorization === "") return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw new TokenRejected("Authorization header must be `Bearer <token>`");
  const identity = await verify(match[1]!);
  const partner = await directory.lookup(identity.partner, deadline);
  if (!partner) throw new TokenRejected(`partner ${identity.partner} is not an active partner`);
  const revokedAt = await directory.revokedAt(partner.code, identity.subject, deadline);
  if (revokedAt !== null && (identity.issuedAt === null || identity.issuedAt * 1000 < revokedAt)) throw new TokenRejected("token revoked");
  return { identity, partner };
}
