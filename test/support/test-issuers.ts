import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TrustedIssuer } from "@concert/auth";
import { type CryptoKey, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";

export interface TestIssuer {
  config: TrustedIssuer;
  /** Signs with the issuer's ES256 key; `header` and `claims` override the defaults. */
  sign(claims: JWTPayload, options?: { header?: Record<string, unknown>; expiresIn?: null }): Promise<string>;
  publicJwk: Record<string, unknown>;
  /** A key published in the issuer's key set but for an algorithm the issuer does not allow. */
  rsaPrivateKey: CryptoKey;
  rsaKid: string;
}

/** An external identity provider with its own local JWKS file, allowed ES256 only. */
export async function createTestIssuer(issuer: string, partners: string[]): Promise<TestIssuer> {
  const dir = mkdtempSync(join(tmpdir(), "concert-issuer-"));
  const ec = await generateKeyPair("ES256", { extractable: true });
  const rsa = await generateKeyPair("RS256", { extractable: true });
  const kid = `${issuer}-ec`;
  const rsaKid = `${issuer}-rsa`;
  const publicJwk = { ...(await exportJWK(ec.publicKey)), kid, alg: "ES256", use: "sig" };
  const rsaJwk = { ...(await exportJWK(rsa.publicKey)), kid: rsaKid, alg: "RS256", use: "sig" };
  const jwksFile = join(dir, "jwks.json");
  writeFileSync(jwksFile, JSON.stringify({ keys: [publicJwk, rsaJwk] }));
  const config: TrustedIssuer = { issuer, audience: "concert", jwksFile, partners, algorithms: ["ES256"] };
  return {
    config,
    publicJwk,
    rsaPrivateKey: rsa.privateKey,
    rsaKid,
    async sign(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload: JWTPayload = {
        iss: issuer,
        aud: "concert",
        sub: "someone@example.org",
        iat: now,
        partner: partners[0],
        roles: ["analyst"],
      };
      if (options.expiresIn !== null) payload.exp = now + 600;
      for (const [name, value] of Object.entries(claims)) {
        if (value === undefined) delete payload[name];
        else payload[name] = value;
      }
      return new SignJWT(payload).setProtectedHeader({ alg: "ES256", kid, typ: "JWT", ...options.header } as never).sign(ec.privateKey);
    },
  };
}
