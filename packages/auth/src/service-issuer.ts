import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createLocalJWKSet, decodeJwt, importJWK, type JSONWebKeySet, type JWK, type JWTVerifyGetKey, jwtVerify, SignJWT } from "jose";
import { TokenRejected } from "./identity.js";
import { ensureKeyPair } from "./key-pair.js";

/**
 * The service issuer: a key that only Concert's own parts hold, for one part calling another (the alerts
 * worker following the change feeds). Subgraphs accept its tokens; the gateway never does, since it is not
 * among the issuers clients may use.
 */
export const SERVICE_ISSUER = "urn:concert:service-issuer";
export const SERVICE_AUDIENCE = "concert-parts";
const ALG = "ES256";
/** Service tokens are short-lived; the worker signs a new one as each expires. */
export const SERVICE_TOKEN_TTL_SECONDS = 300;

/** The service issuer's keys: the private one signs (alerts only), the public set verifies (every subgraph). */
export interface ServiceIssuerKeys {
  privateKey?: JWK;
  jwks: JSONWebKeySet;
}

export class ServiceIssuerConfigError extends Error {}

/** Development: the key pair under `dataDir` (created on first use), like the development issuer's. */
export async function ensureServiceIssuer(dataDir: string): Promise<ServiceIssuerKeys> {
  const files = await ensureKeyPair(join(dataDir, "service-issuer"), ALG);
  return {
    privateKey: JSON.parse(readFileSync(files.privateKeyFile, "utf8")) as JWK,
    jwks: JSON.parse(readFileSync(files.jwksFile, "utf8")) as JSONWebKeySet,
  };
}

function parseJson<T>(name: string, raw: string): T {
  try {
    return JSON.parse(raw) as T;
  } catch {
    throw new ServiceIssuerConfigError(`${name}: not valid JSON`);
  }
}

/**
 * The service issuer's keys: in production from `CONCERT_SERVICE_JWKS` (the public key set, every subgraph)
 * and `CONCERT_SERVICE_KEY` (the private JWK, the alerts service only); in development from `dataDir`.
 * Production without `CONCERT_SERVICE_JWKS` (or with an empty set): null, and no service token is accepted.
 */
export async function serviceIssuerKeys(
  dataDir: string,
  { jwksJson, privateKeyJson, development }: { jwksJson?: string; privateKeyJson?: string; development: boolean },
): Promise<ServiceIssuerKeys | null> {
  if (development && !jwksJson) return ensureServiceIssuer(dataDir);
  if (!jwksJson) return null;
  const jwks = parseJson<JSONWebKeySet>("CONCERT_SERVICE_JWKS", jwksJson);
  if (!Array.isArray(jwks.keys)) throw new ServiceIssuerConfigError('CONCERT_SERVICE_JWKS: must be a key set, { "keys": [...] }');
  // An empty set (the manifests' placeholder): no service token is accepted.
  if (jwks.keys.length === 0) return null;
  const privateKey = privateKeyJson ? parseJson<JWK>("CONCERT_SERVICE_KEY", privateKeyJson) : undefined;
  return { jwks, privateKey };
}

/**
 * Signs a short-lived token naming one of Concert's parts (`service`, e.g. "alerts"), with the service issuer's
 * private key: from `source` when it is the key itself, or the development key under the data directory `source`.
 */
export async function signServiceToken(source: string | JWK, service: string, ttlSeconds = SERVICE_TOKEN_TTL_SECONDS): Promise<string> {
  const jwk = typeof source === "string" ? (await ensureServiceIssuer(source)).privateKey! : source;
  const key = await importJWK(jwk, ALG);
  return new SignJWT({ service })
    .setProtectedHeader({ alg: ALG, kid: jwk.kid, typ: "JWT" })
    .setIssuer(SERVICE_ISSUER)
    .setAudience(SERVICE_AUDIENCE)
    .setSubject(`service:${service}`)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key);
}

/** Checks a service token; resolves to the part it names. */
export type ServiceTokenVerifier = (token: string) => Promise<{ service: string }>;

/** True when a bearer token claims to come from the service issuer (unverified: only to route it). */
export function isServiceToken(token: string): boolean {
  try {
    return decodeJwt(token).iss === SERVICE_ISSUER;
  } catch {
    return false;
  }
}

export function createServiceTokenVerifier(keys: ServiceIssuerKeys): ServiceTokenVerifier {
  const keySet: JWTVerifyGetKey = createLocalJWKSet(keys.jwks);
  return async (token) => {
    let service: unknown;
    try {
      const { payload } = await jwtVerify(token, keySet, {
        issuer: SERVICE_ISSUER,
        audience: SERVICE_AUDIENCE,
        algorithms: [ALG],
        clockTolerance: 30,
        requiredClaims: ["exp", "iss", "aud", "sub", "iat"],
      });
      if ((payload.exp ?? 0) - (payload.iat ?? 0) > SERVICE_TOKEN_TTL_SECONDS) throw new TokenRejected("service token lives too long");
      service = payload.service;
    } catch (err) {
      if (err instanceof TokenRejected) throw err;
      throw new TokenRejected(`invalid service token (${(err as { code?: string }).code ?? "verification failed"})`);
    }
    if (typeof service !== "string" || !/^[a-z]{1,40}$/.test(service)) throw new TokenRejected("service token names no service");
    return { service };
  };
}
