import { authenticate, type PartnerDirectory, TokenRejected, type TokenVerifier } from "@concert/auth";
import { ANONYMOUS, makeViewer, type Viewer } from "@concert/policy";
import { tokenRejected } from "./errors.js";

/**
 * The caller of a request, from its Authorization header alone: anonymous without one; a header
 * that does not verify, or names an inactive partner, is refused.
 */
export async function identify(
  authorization: string | undefined,
  verify: TokenVerifier,
  directory: PartnerDirectory,
  operators: readonly string[] = [],
): Promise<Viewer> {
  let caller: Awaited<ReturnType<typeof authenticate>>;
  try {
    caller = await authenticate(authorization, verify, directory);
  } catch (err) {
    if (err instanceof TokenRejected) throw tokenRejected(err.message);
    throw err;
  }
  if (!caller) return ANONYMOUS;
  const { identity, partner } = caller;
  return makeViewer({
    subject: identity.subject,
    partner: partner.code,
    kind: partner.kind,
    roles: identity.roles,
    groups: partner.groups,
    operators,
  });
}
