import { importJWK, type JWK, SignJWT } from "jose";
import { DEFAULT_AUDIENCE, type TokenRequest } from "./dev-issuer.js";
import { CLAIMS } from "./identity.js";

/**
 * Signs a partner token with an issuer's private key: the exchange service's issuer (EXCHANGE_ISSUER and
 * EXCHANGE_ISSUER_KEY), which the deployment lists among its trusted issuers (CONCERT_ISSUERS) like any other.
 * The exchange signs only short-lived `viewer` tokens for the partner an exchange key speaks for.
 */
export async function signIssuerToken(jwk: JWK, issuer: string, request: TokenRequest, audience = DEFAULT_AUDIENCE): Promise<string> {
  const alg = jwk.alg ?? "ES256";
  const key = await importJWK(jwk, alg);
  return new SignJWT({ [CLAIMS.partner]: request.partner, [CLAIMS.roles]: [...request.roles] })
    .setProtectedHeader({ alg, kid: jwk.kid, typ: "JWT" })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject(request.subject)
    .setIssuedAt()
    .setExpirationTime(request.ttl)
    .sign(key);
}
