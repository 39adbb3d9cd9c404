import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CryptoKey, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";
import { authenticate } from "./authenticate";
import { TokenRejected } from "./identity";
import type { TrustedIssuer } from "./issuers";
import { cachingDirectory, type DirectorySnapshot, subjectDigest } from "./partner-directory";
import { createTokenVerifier } from "./verifier";

const ISSUER = "urn:test:verifier";
const T0 = Date.parse("2026-06-01T12:00:00.000Z");
const S0 = T0 / 1000;

let dir: string;
let issuer: TrustedIssuer;
let trustedKey: CryptoKey;
let otherKey: CryptoKey;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "verifier-"));
  const trusted = await generateKeyPair("ES256", { extractable: true });
  trustedKey = trusted.privateKey;
  otherKey = (await generateKeyPair("ES256")).privateKey;
  const jwksFile = join(dir, "jwks.json");
  writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(trusted.publicKey)), kid: "k1", alg: "ES256", use: "sig" }] }));
  issuer = { issuer: ISSUER, audience: "concert", jwksFile, partners: ["USA"], algorithms: ["ES256"] };
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A token of the test issuer, issued at T0 and living an hour unless `claims` say otherwise. */
function sign(claims: JWTPayload = {}, key: CryptoKey = trustedKey): Promise<string> {
  return new SignJWT({ partner: "USA", roles: ["analyst"], iat: S0, exp: S0 + 3600, ...claims })
    .setProtectedHeader({ alg: "ES256", kid: "k1" })
    .setIssuer(ISSUER)
    .setAudience("concert")
    .setSubject("jane")
    .sign(key);
}

/** A clock the test moves. */
function clock(start = T0) {
  const c = { at: start, now: () => c.at };
  return c;
}

/** Whether `verify` accepts `token` now: "ok", or the rejection's message. */
async function outcome(verify: (token: string) => Promise<unknown>, token: string): Promise<string> {
  try {
    await verify(token);
    return "ok";
  } catch (err) {
    if (!(err instanceof TokenRejected)) throw err;
    return err.message;
  }
}

describe("createTokenVerifier's memory of verified tokens", () => {
  it("verifies a token once and serves the same identity until cacheSeconds have passed, then verifies again", async () => {
    const c = clock();
    const verify = createTokenVerifier([issuer], { now: c.now });
    const token = await sign();
    const first = await verify(token);
    expect(first).toEqual({ subject: "jane", partner: "USA", roles: ["analyst"], issuer: ISSUER, issuedAt: S0 });
    // A verification builds a new identity: the very same object means the signature was not checked again.
    c.at += 59_999;
    expect(await verify(token)).toBe(first);
    c.at += 1;
    const again = await verify(token);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
    expect(await verify(token)).toBe(again);
  });

  it("verifies every time with cacheSeconds 0", async () => {
    const c = clock();
    const verify = createTokenVerifier([issuer], { now: c.now, cacheSeconds: 0 });
    const token = await sign();
    const first = await verify(token);
    expect(await verify(token)).toEqual(first);
    expect(await verify(token)).not.toBe(first);
  });

  it("hands out frozen identities, since every request bearing the token shares one", async () => {
    const identity = await createTokenVerifier([issuer], { now: clock().now })(await sign());
    expect(Object.isFrozen(identity)).toBe(true);
    expect(Object.isFrozen(identity.roles)).toBe(true);
  });

  it("never serves a token past its expiry: from memory it is refused exactly when jose refuses it", async () => {
    const c = clock();
    // Memory ten minutes long, the token 90 s: its `exp` (plus the 30 s clock tolerance) is the bound.
    const cached = createTokenVerifier([issuer], { now: c.now, cacheSeconds: 600 });
    const uncached = createTokenVerifier([issuer], { now: c.now, cacheSeconds: 0 });
    const token = await sign({ exp: S0 + 90 });
    const identity = await cached(token);
    const lastAccepted = T0 + (90 + 30) * 1000 - 1;
    for (const at of [lastAccepted, lastAccepted + 1, lastAccepted + 1_000, T0 + 600_000]) {
      c.at = at;
      const expected = await outcome(uncached, token);
      expect([at - T0, await outcome(cached, token)]).toEqual([at - T0, expected]);
    }
    c.at = lastAccepted;
    expect(await outcome(uncached, token)).toBe("ok");
    expect(await cached(token)).toEqual(identity);
    c.at = lastAccepted + 1;
    expect(await outcome(cached, token)).toBe("invalid token (ERR_JWT_EXPIRED)");
  });

  it("refuses a token that is not yet valid even when remembered, should the clock step back", async () => {
    const c = clock(T0 + 100_000);
    const verify = createTokenVerifier([issuer], { now: c.now });
    const token = await sign({ nbf: S0 + 60 });
    const identity = await verify(token);
    c.at = T0 + 29_999; // nbf more than the 30 s tolerance ahead
    expect(await outcome(verify, token)).toBe("invalid token (ERR_JWT_CLAIM_VALIDATION_FAILED)");
    c.at = T0 + 100_001;
    expect(await verify(token)).toEqual(identity);
  });

  it("still refuses a token signed by an untrusted key, every time, while the trusted one is remembered", async () => {
    const verify = createTokenVerifier([issuer], { now: clock().now });
    const good = await sign();
    const forged = await sign({}, otherKey);
    const identity = await verify(good);
    for (let i = 0; i < 2; i++) {
      expect(await outcome(verify, forged)).toBe("invalid token (ERR_JWS_SIGNATURE_VERIFICATION_FAILED)");
      expect(await verify(good)).toBe(identity);
    }
  });

  it("refuses a remembered token with one character changed, in its signature or its claims", async () => {
    const verify = createTokenVerifier([issuer], { now: clock().now });
    const token = await sign();
    const identity = await verify(token);
    const [header, payload, signature] = token.split(".") as [string, string, string];
    // The first character of the signature: all six of its bits count (the last one's lowest bits may not).
    const badSignature = `${header}.${payload}.${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}`;
    expect(await outcome(verify, badSignature)).toBe("invalid token (ERR_JWS_SIGNATURE_VERIFICATION_FAILED)");
    // The claims re-encoded with one character changed: "analyst" becomes "analysT".
    const claims = Buffer.from(payload, "base64url").toString().replace('"analyst"', '"analysT"');
    expect(claims).toContain("analysT");
    const badClaims = `${header}.${Buffer.from(claims).toString("base64url")}.${signature}`;
    expect(await outcome(verify, badClaims)).toBe("invalid token (ERR_JWS_SIGNATURE_VERIFICATION_FAILED)");
    expect(await verify(token)).toBe(identity);
  });

  it("keeps refusing tokens for a partner the issuer may not speak for, or living too long", async () => {
    const verify = createTokenVerifier([issuer], { now: clock().now, maxLifetimeSeconds: 7200 });
    const otherPartner = await sign({ partner: "CAN" });
    const tooLong = await sign({ exp: S0 + 7201 });
    for (let i = 0; i < 2; i++) {
      expect(await outcome(verify, otherPartner)).toBe("issuer may not speak for this partner");
      expect(await outcome(verify, tooLong)).toBe("token lives longer than 7200 s");
    }
  });
});

describe("an issuer capped to some roles (the exchange's issuer: viewer only)", () => {
  it("refuses a token carrying any role beyond the cap, and a token naming no role passes with none", async () => {
    const verify = createTokenVerifier([{ ...issuer, roles: ["viewer"] }], { now: () => T0, cacheSeconds: 0 });
    expect(await verify(await sign({ roles: ["viewer"] }))).toMatchObject({ partner: "USA", roles: ["viewer"] });
    expect(await outcome(verify, await sign({ roles: ["viewer", "admin"] }))).toBe("issuer may not grant the role admin");
    expect(await outcome(verify, await sign({ roles: ["analyst"] }))).toBe("issuer may not grant the role analyst");
    expect((await verify(await sign({ roles: [] }))).roles).toEqual([]);
  });
});

describe("authenticate with a remembered token", () => {
  it("checks revocation on every request: a token remembered before its subject is revoked is refused after", async () => {
    const snapshot: DirectorySnapshot = { partners: [{ code: "USA", kind: "GOVERNMENT", groups: [] }], forums: [], revocations: [] };
    const directory = cachingDirectory(async () => structuredClone(snapshot), { freshnessMs: 1, outageMs: 1_000 });
    const c = clock();
    const verify = createTokenVerifier([issuer], { now: c.now });
    const token = await sign();
    const caller = await authenticate(`Bearer ${token}`, verify, directory);
    expect(caller?.identity.subject).toBe("jane");
    expect(await verify(token)).toBe(caller?.identity); // remembered
    snapshot.revocations = [{ subjectDigest: subjectDigest("USA", "jane"), revokedAt: new Date(T0 + 1_000).toISOString() }];
    await new Promise((resolve) => setTimeout(resolve, 20));
    c.at += 2_000;
    await expect(authenticate(`Bearer ${token}`, verify, directory)).rejects.toThrow("token revoked");
    // Still in memory as verified: the refusal came from the revocation check, not from a new verification.
    expect(await verify(token)).toBe(caller?.identity);
  });
});

describe("an issuer's partner claim and role mapping (identity providers that people sign in with)", () => {
  const mapped = () => ({
    ...issuer,
    partners: ["EU"],
    partnerClaim: "org",
    roleMapping: { "concert-analysts": ["analyst"], "concert-viewers": ["viewer"] },
  });

  it("maps the provider's groups to Concert's roles, and nothing else counts", async () => {
    const verify = createTokenVerifier([mapped()], { now: () => T0, cacheSeconds: 0 });
    const identity = await verify(await sign({ partner: undefined, org: "EU", groups: ["concert-analysts", "staff"], roles: ["admin"] }));
    expect(identity).toMatchObject({ partner: "EU", roles: ["analyst"] });
    expect((await verify(await sign({ partner: undefined, org: "EU", groups: ["staff"] }))).roles).toEqual([]);
  });

  it("takes the issuer's one partner when the claim is absent, and refuses a claim of another partner", async () => {
    const verify = createTokenVerifier([mapped()], { now: () => T0, cacheSeconds: 0 });
    expect((await verify(await sign({ partner: undefined, groups: ["concert-viewers"] }))).partner).toBe("EU");
    expect(await outcome(verify, await sign({ partner: undefined, org: "USA", groups: ["concert-viewers"] }))).toBe(
      "issuer may not speak for this partner",
    );
  });
});
