import { readFileSync } from "node:fs";
import { join } from "node:path";
import { importJWK, type JWK, SignJWT } from "jose";
import { CLAIMS } from "./identity.js";
import type { TrustedIssuer } from "./issuers.js";
import { ensureKeyPair, keyPairFiles } from "./key-pair.js";

export const DEV_ISSUER = "urn:concert:dev-issuer";
export const DEFAULT_AUDIENCE = "concert";
const ALG = "ES256";

const filesIn = (dataDir: string) => keyPairFiles(join(dataDir, "dev-issuer"));

/**
 * Creates the development issuer's key pair under `dataDir` on first use and returns the issuer
 * entry that trusts it. Only ever trusted outside production (see `systemIssuers`).
 */
export async function ensureDevIssuer(dataDir: string): Promise<TrustedIssuer> {
  const files = await ensureKeyPair(join(dataDir, "dev-issuer"), ALG);
  return {
    issuer: DEV_ISSUER,
    audience: DEFAULT_AUDIENCE,
    jwksFile: files.jwksFile,
    partners: ["*"],
    algorithms: [ALG],
  };
}

export interface TokenRequest {
  partner: string;
  roles: readonly string[];
  subject: string;
  /** Lifetime in jose's notation, e.g. "8h", "30m". */
  ttl: string;
}

/** Signs a token with the development issuer's key (created if missing). */
export async function signDevToken(dataDir: string, request: TokenRequest): Promise<string> {
  await ensureDevIssuer(dataDir);
  const jwk = JSON.parse(readFileSync(filesIn(dataDir).privateKeyFile, "utf8")) as JWK;
  const key = await importJWK(jwk, ALG);
  return new SignJWT({ [CLAIMS.partner]: request.partner, [CLAIMS.roles]: [...request.roles] })
    .setProtectedHeader({ alg: ALG, kid: jwk.kid, typ: "JWT" })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEFAULT_AUDIENCE)
    .setSubject(request.subject)
    .setIssuedAt()
    .setExpirationTime(request.ttl)
    .sign(key);
}
