import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from "jose";
import { CLAIMS } from "./identity.js";
import type { TrustedIssuer } from "./issuers.js";

export const DEV_ISSUER = "urn:concert:dev-issuer";
export const DEFAULT_AUDIENCE = "concert";
const ALG = "ES256";

interface DevIssuerFiles {
  privateKeyFile: string;
  jwksFile: string;
}

function filesIn(dataDir: string): DevIssuerFiles {
  const dir = join(dataDir, "dev-issuer");
  return { privateKeyFile: join(dir, "signing-key.json"), jwksFile: join(dir, "jwks.json") };
}

/**
 * Creates the development issuer's key pair under `dataDir` on first use and returns the issuer
 * entry that trusts it. Only ever trusted outside production (see `systemIssuers`).
 */
export async function ensureDevIssuer(dataDir: string): Promise<TrustedIssuer> {
  const files = filesIn(dataDir);
  if (!existsSync(files.privateKeyFile)) {
    mkdirSync(join(dataDir, "dev-issuer"), { recursive: true });
    const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
    const kid = randomUUID();
    const priv = { ...(await exportJWK(privateKey)), kid, alg: ALG };
    const pub = { ...(await exportJWK(publicKey)), kid, alg: ALG, use: "sig" };
    try {
      writeFileSync(files.privateKeyFile, JSON.stringify(priv), { flag: "wx", mode: 0o600 });
      writeFileSync(files.jwksFile, JSON.stringify({ keys: [pub] }));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
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
