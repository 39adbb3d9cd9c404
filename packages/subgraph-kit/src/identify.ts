import {
  authenticate,
  bearerToken,
  isServiceToken,
  type PartnerDirectory,
  type ServiceTokenVerifier,
  TokenRejected,
  type TokenVerifier,
} from "@concert/auth";
import { ANONYMOUS, makeServiceViewer, makeViewer, type Viewer } from "@concert/policy";
import { tokenRejected } from "./errors.js";

/**
 * The caller of a request, from its Authorization header alone: anonymous without one; a header
 * that does not verify, or names an inactive partner, is refused. A token of the service issuer (one of
 * Concert's own parts) is accepted only where `verifyService` is given (the subgraphs; never the gateway).
 */
export async function identify(
  authorization: string | undefined,
  verify: TokenVerifier,
  directory: PartnerDirectory,
  operators: readonly string[] = [],
  verifyService?: ServiceTokenVerifier,
): Promise<Viewer> {
  const bearer = bearerToken(authorization);
  if (bearer && isServiceToken(bearer)) {
    if (!verifyService) throw tokenRejected("service tokens are not accepted here");
    try {
      return makeServiceViewer((await verifyService(bearer)).service);
    } catch (err) {
      if (err instanceof TokenRejected) throw tokenRejected(err.message);
      throw err;
    }
  }
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
