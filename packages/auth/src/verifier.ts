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
import { LRUCache } from "lru-cache";
import { DEV_ISSUER } from "./dev-issuer.js";
import { CLAIMS, type TokenIdentity, TokenRejected } from "./identity.js";
import type { TrustedIssuer } from "./issuers.js";

const CLOCK_TOLERANCE_SECONDS = 30;

/** How old jose's copy of a remote JWKS may get before it is fetched again (jose's default, made explicit). */
export const REMOTE_JWKS_MAX_AGE_MS = 10 * 60_000;

/**
 * How long a verified token is remembered (`cacheSeconds`): well inside the remote JWKS copy's age, so a key removed
 * from an issuer's JWKS stops being accepted at most this much later than it would without the cache.
 */
export const DEFAULT_TOKEN_CACHE_SECONDS = 60;
const TOKEN_CACHE_ENTRIES = 10_000;

/**
 * Tokens living longer are refused: a revocation is kept this long, so that it outlasts every
 * token issued before it (CONCERT_MAX_TOKEN_LIFETIME_SECONDS).
 */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 7 * 24 * 3600;

/**
 * A revocation made before this moment (epoch ms) can no longer refuse any token at `nowMs`: every token issued before
 * it has expired, since none lives longer than `maxLifetimeSeconds` (clock tolerance included). It can be pruned.
 */
export function revocationCutoff(nowMs: number, maxLifetimeSeconds: number): number {
  return nowMs - (maxLifetimeSeconds + CLOCK_TOLERANCE_SECONDS) * 1000;
}

export type TokenVerifier = (token: string) => Promise<TokenIdentity>;

function keySetOf(issuer: TrustedIssuer): JWTVerifyGetKey {
  if (issuer.jwksUri) {
    return createRemoteJWKSet(new URL(issuer.jwksUri), { cooldownDuration: 30_000, cacheMaxAge: REMOTE_JWKS_MAX_AGE_MS });
  }
  return createLocalJWKSet(JSON.parse(readFileSync(issuer.jwksFile!, "utf8")));
}

/**
 * The token's partner: its partner claim; for a people's identity provider (one with a role mapping) bound to a single
 * partner, that partner when the claim is absent.
 */
function partnerOf(payload: JWTPayload, config: TrustedIssuer): unknown {
  const claimed = payload[config.partnerClaim ?? CLAIMS.partner];
  if (claimed !== undefined || !config.roleMapping) return claimed;
  return config.partners.length === 1 && config.partners[0] !== "*" ? config.partners[0] : undefined;
}

/** Concert's roles: the `roles` claim, or, for an issuer with a role mapping, its groups mapped (unmapped ones give none). */
function rolesOf(payload: JWTPayload, config: TrustedIssuer): string[] {
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((r): r is string => typeof r === "string") : []);
  if (!config.roleMapping) return strings(payload[CLAIMS.roles]);
  const mapping = config.roleMapping;
  const roles = strings(payload[config.groupsClaim ?? "groups"]).flatMap((group) => (Object.hasOwn(mapping, group) ? mapping[group]! : []));
  return [...new Set(roles)];
}

export interface TokenVerifierOptions {
  maxLifetimeSeconds?: number;
  /** How long a verified token is remembered, never past its `exp`; 0: every call verifies the signature. */
  cacheSeconds?: number;
  /** The clock (epoch ms), for tests. */
  now?: () => number;
}

/** A successful verification: its identity (frozen: shared by every request bearing the token) and the token's time claims. */
interface Remembered {
  identity: TokenIdentity;
  verifiedAt: number;
  exp: number;
  nbf: number | undefined;
}

/**
 * Verifies bearer tokens against the trusted issuers. Key sets are built once and cached
 * (remote ones by jose). Clients reuse a token for its lifetime, and each request is verified by the gateway and
 * again by every subgraph it reaches, so a successful verification is remembered by the exact token string for
 * `cacheSeconds`, never past the moment jose would call the token expired; failures are never remembered.
 * Revocation is not part of this: `authenticate` checks it on every request.
 */
export function createTokenVerifier(
  issuers: readonly TrustedIssuer[],
  {
    maxLifetimeSeconds = DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
    cacheSeconds = DEFAULT_TOKEN_CACHE_SECONDS,
    now = Date.now,
  }: TokenVerifierOptions = {},
): TokenVerifier {
  const byIssuer = new Map(issuers.map((i) => [i.issuer, { config: i, keys: keySetOf(i) }]));
  const cacheMs = cacheSeconds * 1000;
  const remembered =
    cacheMs > 0 ? new LRUCache<string, Remembered>({ max: TOKEN_CACHE_ENTRIES, ttl: cacheMs, ttlResolution: 0, perf: { now } }) : null;

  /** The memory is fresh, and jose would still accept the token's `exp` and `nbf` at `at` (its own test, on whole seconds). */
  const usable = (entry: Remembered, at: number) => {
    const seconds = Math.floor(at / 1000);
    return (
      at - entry.verifiedAt < cacheMs &&
      entry.exp > seconds - CLOCK_TOLERANCE_SECONDS &&
      (entry.nbf === undefined || entry.nbf <= seconds + CLOCK_TOLERANCE_SECONDS)
    );
  };

  const verify = async (token: string, at: number): Promise<Remembered> => {
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
        currentDate: new Date(at),
        requiredClaims: ["exp", "iss", "aud", "sub"],
      }));
    } catch (err) {
      const code = (err as { code?: string }).code ?? "verification failed";
      // The usual cause in development: a token of `npm run token` run on another data dir than `npm start`.
      const hint =
        code === "ERR_JWKS_NO_MATCHING_KEY" && config.issuer === DEV_ISSUER
          ? "; the development issuer has no key with this token's kid: mint it with `npm run token` on the data dir (CONCERT_DATA_DIR) npm start uses"
          : "";
      throw new TokenRejected(`invalid token (${code})${hint}`);
    }
    const partner = partnerOf(payload, config);
    if (typeof partner !== "string" || !partner) throw new TokenRejected("token names no partner");
    if (!config.partners.includes("*") && !config.partners.includes(partner)) {
      throw new TokenRejected("issuer may not speak for this partner");
    }
    const roleList = rolesOf(payload, config);
    const beyond = config.roles ? roleList.find((role) => !config.roles!.includes(role)) : undefined;
    if (beyond !== undefined) throw new TokenRejected(`issuer may not grant the role ${beyond}`);
    const issuedAt = typeof payload.iat === "number" ? payload.iat : null;
    const exp = payload.exp!;
    if (exp - (issuedAt ?? Math.floor(at / 1000)) > maxLifetimeSeconds) {
      throw new TokenRejected(`token lives longer than ${maxLifetimeSeconds} s`);
    }
    const identity = Object.freeze({ subject: payload.sub!, partner, roles: Object.freeze(roleList), issuer: config.issuer, issuedAt });
    return { identity, verifiedAt: at, exp, nbf: typeof payload.nbf === "number" ? payload.nbf : undefined };
  };

  return async (token) => {
    const at = now();
    const known = remembered?.get(token);
    if (known && usable(known, at)) return known.identity;
    // Only a verification that succeeded gets here: a bad token pays every time and never takes a place in memory.
    const entry = await verify(token, at);
    const left = Math.min(cacheMs, (entry.exp + CLOCK_TOLERANCE_SECONDS) * 1000 - at);
    if (remembered && left > 0) remembered.set(token, entry, { ttl: left });
    return entry.identity;
  };
}
