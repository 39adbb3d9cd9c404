import type { TokenVerifier } from "@concert/auth";
import { TokenRejected } from "@concert/auth";
import { ANONYMOUS, makeViewer, type Viewer } from "@concert/policy";
import { unauthenticated } from "./errors.js";
import type { PartnerDirectory } from "./partner-directory.js";

/**
 * Establishes the caller from the Authorization header alone: a verified bearer token and the
 * partner registry. No header is anonymous; a header that does not verify is refused.
 */
export async function identify(
  authorization: string | undefined,
  verify: TokenVerifier,
  directory: PartnerDirectory,
): Promise<Viewer> {
  if (authorization === undefined || authorization === "") return ANONYMOUS;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw unauthenticated("Authorization header must be `Bearer <token>`");
  let identity;
  try {
    identity = await verify(match[1]!);
  } catch (err) {
    if (err instanceof TokenRejected) throw unauthenticated(`Token rejected: ${err.message}`);
    throw err;
  }
  const entry = await directory.lookup(identity.partner);
  if (!entry) throw unauthenticated(`Token rejected: partner ${identity.partner} is not an active partner`);
  return makeViewer({ subject: identity.subject, partner: entry.code, kind: entry.kind, roles: identity.roles, groups: entry.groups });
}
