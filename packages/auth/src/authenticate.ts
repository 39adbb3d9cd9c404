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
/**
 * The token of an `Authorization: Bearer <token>` header: undefined without a header, null when the header is not of
 * that form. The one parse of the header, for the gateway and every subgraph.
 */
export function bearerToken(authorization: string | undefined): string | null | undefined {
  if (authorization === undefined || authorization === "") return undefined;
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] ?? null;
}

export async function authenticate(
  authorization: string | undefined,
  verify: TokenVerifier,
  directory: PartnerDirectory,
): Promise<Caller | null> {
  const token = bearerToken(authorization);
  if (token === undefined) return null;
  if (token === null) throw new TokenRejected("Authorization header must be `Bearer <token>`");
  const identity = await verify(token);
  const partner = await directory.lookup(identity.partner);
  if (!partner) throw new TokenRejected(`partner ${identity.partner} is not an active partner`);
  const revokedAt = await directory.revokedAt(partner.code, identity.subject);
  if (revokedAt !== null && (identity.issuedAt === null || identity.issuedAt * 1000 < revokedAt)) throw new TokenRejected("token revoked");
  return { identity, partner };
}
