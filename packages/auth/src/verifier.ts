import { readFileSync } from "node:fs";
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from "jose";
import { CLAIMS, type TokenIdentity, TokenRejected } from "./identity.js";
import type { TrustedIssuer } from "./issuers.js";

const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * Tokens living longer are refused: a revocation is kept this long, so that it outlasts every
 * token issued before it (CONCERT_MAX_TOKEN_LIFETIME_SECONDS).
 */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 7 * 24 * 3600;

export type TokenVerifier = (token: string) => Promise<TokenIdentity>;

function keySetOf(issuer: TrustedIssuer): JWTVerifyGetKey {
  if (issuer.jwksUri) return createRemoteJWKSet(new URL(issuer.jwksUri), { cooldownDuration: 30_000 });
  return createLocalJWKSet(JSON.parse(readFileSync(issuer.jwksFile!, "utf8")));
}

/**
 * Verifies bearer tokens against the trusted issuers. Key sets are built once and cached
 * (remote ones by jose), so verifying costs one signature check per request.
 */
export function createTokenVerifier(
  issuers: readonly TrustedIssuer[],
  { maxLifetimeSeconds = DEFAULT_MAX_TOKEN_LIFETIME_SECONDS }: { maxLifetimeSeconds?: number } = {},
): TokenVerifier {
  const byIssuer = new Map(issuers.map((i) => [i.issuer, { config: i, keys: keySetOf(i) }]));
  return async (token) => {
    let iss: unknown;
    try {
      const header = decodeProtectedHeader(token);
      if (typeof header.alg !== "string" || header.alg.toLowerCase() === "none") throw new TokenRejected("unsigned token");
      iss = decodeJwt(token).iss;
    } catch (err) {
      if (err instanceof TokenRejected) throw err;
      throw new TokenRejected("malformed token");
    }
    const trusted = typeof iss === "string" ? byIssuer.get(iss) : undefined;
    if (!trusted) throw new TokenRejected("untrusted issuer");
    const { config, keys } = trusted;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: [...config.algorithms],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ["exp", "iss", "aud", "sub"],
      }));
    } catch (err) {
      throw new TokenRejected(`invalid token (${(err as { code?: string }).code ?? "verification failed"})`);
    }
    const partner = payload[CLAIMS.partner];
    if (typeof partner !== "string" || !partner) throw new TokenRejected("token names no partner");
    if (!config.partners.includes("*") && !config.partners.includes(partner)) {
      throw new TokenRejected("issuer may not speak for this partner");
    }
    const roles = payload[CLAIMS.roles];
    const roleList = Array.isArray(roles) ? roles.filter((r): r is string => typeof r === "string") : [];
    const issuedAt = typeof payload.iat === "number" ? payload.iat : null;
    if (payload.exp! - (issuedAt ?? Math.floor(Date.now() / 1000)) > maxLifetimeSeconds) {
      throw new TokenRejected(`token lives longer than ${maxLifetimeSeconds} s`);
    }
    return { subject: payload.sub!, partner, roles: roleList, issuer: config.issuer, issuedAt };
  };
}
