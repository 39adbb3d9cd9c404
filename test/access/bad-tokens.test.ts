import { createHmac } from "node:crypto";
import { usePreparedTestSystem } from "@concert/system/testing";
import { SignJWT } from "jose";
import { createTestIssuer, type TestIssuer } from "../support/test-issuers";

let usIdp: TestIssuer;
let euIdp: TestIssuer;

const system = usePreparedTestSystem(async () => {
  usIdp = await createTestIssuer("https://idp.usa.example", ["USA"]);
  euIdp = await createTestIssuer("https://idp.eu.example", ["EU"]);
  return [[usIdp.config, euIdp.config]];
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);
const QUERY = "{ partners { code } riskAssessments { totalCount } }";

const BAD_TOKENS: [string, () => Promise<string>][] = [
  [
    "alg none",
    async () =>
      `${b64({ alg: "none", typ: "JWT" })}.${b64({ iss: usIdp.config.issuer, aud: "concert", sub: "x", partner: "USA", roles: ["admin"], exp: now() + 600 })}.`,
  ],
  [
    "HS256 signed with the issuer's public key",
    async () => {
      const header = b64({ alg: "HS256", typ: "JWT", kid: usIdp.publicJwk.kid });
      const payload = b64({ iss: usIdp.config.issuer, aud: "concert", sub: "x", partner: "USA", roles: ["analyst"], exp: now() + 600 });
      const sig = createHmac("sha256", JSON.stringify(usIdp.publicJwk)).update(`${header}.${payload}`).digest("base64url");
      return `${header}.${payload}.${sig}`;
    },
  ],
  [
    "an algorithm outside the issuer's allow-list (RS256 with a published key)",
    () =>
      new SignJWT({ partner: "USA", roles: ["analyst"] })
        .setProtectedHeader({ alg: "RS256", kid: usIdp.rsaKid })
        .setIssuer(usIdp.config.issuer)
        .setAudience("concert")
        .setSubject("x")
        .setExpirationTime("10m")
        .sign(usIdp.rsaPrivateKey),
  ],
  ["a wrong issuer", () => usIdp.sign({ iss: "https://idp.evil.example" })],
  ["a wrong audience", () => usIdp.sign({ aud: "somebody-else" })],
  ["no exp", () => usIdp.sign({}, { expiresIn: null })],
  ["no sub", () => usIdp.sign({ sub: undefined })],
  ["expired", () => usIdp.sign({ exp: now() - 3600 })],
  ["nbf in the future", () => usIdp.sign({ nbf: now() + 3600 })],
  ["an unknown kid", () => usIdp.sign({}, { header: { kid: "no-such-key" } })],
  [
    "a tampered payload",
    async () => {
      const [header, payload, sig] = (await usIdp.sign({ roles: ["viewer"] })).split(".");
      const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
      return `${header}.${b64({ ...claims, roles: ["admin"] })}.${sig}`;
    },
  ],
  ["a valid token from one issuer claiming another issuer's partner", () => usIdp.sign({ partner: "EU" })],
  ["a partner that is not in the registry", () => system.token("XYZ", "analyst")],
  ["garbage", async () => "garbage"],
  ["three dots of garbage", async () => "a.b.c"],
];

describe("tokens that must be refused", () => {
  it.each(BAD_TOKENS)("refuses %s with 401 UNAUTHENTICATED and no data", async (_name, make) => {
    const res = await system.query(QUERY, { token: await make() });
    expect(res.status).toBe(401);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it.each(BAD_TOKENS)("a subgraph reached directly refuses %s too", async (_name, make) => {
    const res = await system.query("{ riskAssessments { totalCount } }", { token: await make(), url: system.subgraphs.risk.url });
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses an Authorization header that is not a bearer token", async () => {
    const res = await system.query(QUERY, { headers: { authorization: "Basic dXNlcjpwYXNz" } });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("tokens that must be accepted", () => {
  it("accepts a valid token of each configured issuer for its own partner", async () => {
    for (const [idp, partner] of [
      [usIdp, "USA"],
      [euIdp, "EU"],
    ] as const) {
      const res = await system.query<{ partners: unknown[] }>(QUERY, { token: await idp.sign({ partner }) });
      expect(res.status).toBe(200);
      expect(res.errors).toBeUndefined();
      expect(res.data!.partners.length).toBeGreaterThan(10);
    }
  });

  it("tolerates small clock skew", async () => {
    const res = await system.query(QUERY, { token: await usIdp.sign({ exp: now() - 10 }) });
    expect(res.status).toBe(200);
  });
});
