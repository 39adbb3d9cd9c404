// fixed-port-file: parses settings only; nothing here listens or connects
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { issuersFrom, OPAQUE_ACCESS_TOKENS, PLAIN_HTTP, PLAIN_HTTP_KEYS } from "./issuers.js";

const base = {
  issuer: "https://idp.example",
  audience: "concert",
  jwksUri: "https://idp.example/jwks",
  partners: ["EU"],
  algorithms: ["RS256"],
};
const signIn = {
  id: "eu",
  displayName: "European Union",
  discoveryUrl: "https://idp.example/.well-known/openid-configuration",
  clientId: "concert",
  clientSecretFile: "/run/secrets/eu",
};
const withSignIn = { ...base, roleMapping: { staff: ["viewer"] }, signIn };

/** CONCERT_ISSUERS holding `entries` (JSON), read in production unless `development`. */
function read(entries: unknown, development = false) {
  const problems: string[] = [];
  const issuers = issuersFrom({ CONCERT_ISSUERS: typeof entries === "string" ? entries : JSON.stringify(entries) }, development, problems);
  return { issuers, problems };
}

describe("the trusted issuers (CONCERT_ISSUERS)", () => {
  it("reads a valid list, with sign-in's defaults: scopes openid, JWT access tokens, the display name trimmed", () => {
    expect(read([base, { ...base, jwksUri: undefined, jwksFile: "/etc/jwks.json", roles: ["viewer"] }])).toEqual({
      issuers: [base, { ...base, jwksUri: undefined, jwksFile: "/etc/jwks.json", roles: ["viewer"] }].map((i) =>
        JSON.parse(JSON.stringify(i)),
      ),
      problems: [],
    });
    const { issuers, problems } = read([{ ...withSignIn, signIn: { ...signIn, displayName: "  European Union " } }]);
    expect(problems).toEqual([]);
    expect(issuers[0]?.signIn).toEqual({ ...signIn, scopes: ["openid"], accessTokenFormat: "jwt" });
  });

  it("trusts nobody when neither variable is set or the list is empty", () => {
    expect(read([])).toEqual({ issuers: [], problems: [] });
    const problems: string[] = [];
    expect(issuersFrom({}, false, problems)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it.each([
    ["not JSON", "[", "CONCERT_ISSUERS is not valid JSON"],
    ["not a list", "{}", "CONCERT_ISSUERS must be a JSON list of issuers"],
    ["an entry that is not an object", ["x"], "CONCERT_ISSUERS[0] must be an object"],
    ["no issuer", { ...base, issuer: undefined }, "CONCERT_ISSUERS[0].issuer must be a non-empty string"],
    ["an empty audience", { ...base, audience: "" }, "CONCERT_ISSUERS[0].audience must be a non-empty string"],
    ["both key sets", { ...base, jwksFile: "/k" }, "CONCERT_ISSUERS[0] needs exactly one of `jwksUri` or `jwksFile`"],
    ["no key set", { ...base, jwksUri: undefined }, "CONCERT_ISSUERS[0] needs exactly one of `jwksUri` or `jwksFile`"],
    [
      "a key set URL that is not http(s)",
      { ...base, jwksUri: "ftp://idp.example/jwks" },
      "CONCERT_ISSUERS[0].jwksUri must be an http(s) URL",
    ],
    ["an empty key set path", { ...base, jwksUri: undefined, jwksFile: "" }, "CONCERT_ISSUERS[0].jwksFile must be a path"],
    ["no partners", { ...base, partners: [] }, "CONCERT_ISSUERS[0].partners must be a non-empty list of partner codes"],
    ["an empty partner", { ...base, partners: ["EU", ""] }, "CONCERT_ISSUERS[0].partners[1] must be a partner code"],
    ["no algorithms", { ...base, algorithms: [] }, "CONCERT_ISSUERS[0].algorithms must be a non-empty list"],
    [
      "a symmetric algorithm",
      { ...base, algorithms: ["RS256", "HS256"] },
      "CONCERT_ISSUERS[0].algorithms[1] is HS256: only asymmetric algorithms are accepted (RS, PS or ES 256/384/512, EdDSA)",
    ],
    ["no algorithm at all", { ...base, algorithms: ["none"] }, "CONCERT_ISSUERS[0].algorithms[0] is none: only asymmetric"],
    ["an empty roles cap", { ...base, roles: [] }, "CONCERT_ISSUERS[0].roles must be a non-empty list of the roles this issuer may grant"],
    ["a roles cap that is not a list", { ...base, roles: "viewer" }, "CONCERT_ISSUERS[0].roles must be a non-empty list of the roles"],
    ["an empty role in the cap", { ...base, roles: [""] }, "CONCERT_ISSUERS[0].roles[0] must be a role"],
    ["a role that is not text", { ...base, roles: [1] }, "CONCERT_ISSUERS[0].roles[0] must be a role"],
    [
      "a role Concert does not have in the cap",
      { ...base, roles: ["viewer", "superuser"] },
      'CONCERT_ISSUERS[0].roles[1] is "superuser": not one of Concert\'s roles (viewer, analyst, planner, coordinator, admin)',
    ],
    [
      "a misspelt role in the mapping",
      { ...base, roleMapping: { staff: ["Analyst"] } },
      'CONCERT_ISSUERS[0].roleMapping.staff[0] is "Analyst": not one of Concert\'s roles',
    ],
    ["a plain-http key set", { ...base, jwksUri: "http://idp.example/jwks" }, `CONCERT_ISSUERS[0].jwksUri ${PLAIN_HTTP_KEYS}`],
    ["a partner claim that is no claim name", { ...base, partnerClaim: "the org" }, "CONCERT_ISSUERS[0].partnerClaim must be a claim name"],
    ["a groups claim that is not text", { ...base, groupsClaim: 5 }, "CONCERT_ISSUERS[0].groupsClaim must be a claim name"],
    [
      "an empty role mapping",
      { ...base, roleMapping: {} },
      "CONCERT_ISSUERS[0].roleMapping must map the provider's groups to lists of Concert roles",
    ],
    [
      "a role mapping that is a list",
      { ...base, roleMapping: ["viewer"] },
      "CONCERT_ISSUERS[0].roleMapping must map the provider's groups",
    ],
    [
      "a group mapped to no role",
      { ...base, roleMapping: { g: [] } },
      "CONCERT_ISSUERS[0].roleMapping.g must be a non-empty list of roles",
    ],
    [
      "a group whose name is no identifier mapped to text",
      { ...base, roleMapping: { "Concert Analysts": "analyst" } },
      'CONCERT_ISSUERS[0].roleMapping["Concert Analysts"] must be a non-empty list of roles',
    ],
    ["a misspelt setting", { ...base, partnerclaim: "org" }, "CONCERT_ISSUERS[0] has unknown settings: partnerclaim"],
    // Sign-in (issue 25).
    [
      "sign-in without a role mapping",
      { ...base, signIn },
      "CONCERT_ISSUERS[0].roleMapping is required with `signIn`: without one, nobody could sign in",
    ],
    ["sign-in that is not an object", { ...withSignIn, signIn: "eu" }, "CONCERT_ISSUERS[0].signIn must be an object"],
    [
      "a sign-in id in capitals",
      { ...withSignIn, signIn: { ...signIn, id: "EU" } },
      "CONCERT_ISSUERS[0].signIn.id must be lowercase letters, digits and dashes",
    ],
    [
      "a blank display name",
      { ...withSignIn, signIn: { ...signIn, displayName: "  " } },
      "CONCERT_ISSUERS[0].signIn.displayName must be a name of at most 200 characters",
    ],
    [
      "a display name too long",
      { ...withSignIn, signIn: { ...signIn, displayName: "x".repeat(201) } },
      "CONCERT_ISSUERS[0].signIn.displayName must be a name of at most 200 characters",
    ],
    [
      "a discovery URL that is no URL",
      { ...withSignIn, signIn: { ...signIn, discoveryUrl: "idp.example" } },
      "CONCERT_ISSUERS[0].signIn.discoveryUrl must be the http(s) URL of the provider's discovery document",
    ],
    [
      "no client id",
      { ...withSignIn, signIn: { ...signIn, clientId: undefined } },
      "CONCERT_ISSUERS[0].signIn.clientId must be a non-empty string",
    ],
    [
      "a client secret written inline",
      { ...withSignIn, signIn: { ...signIn, clientSecret: "s3cret" } },
      "CONCERT_ISSUERS[0].signIn.clientSecret may not be written in the configuration: use `clientSecretFile` or `clientSecretEnv`",
    ],
    [
      "both a secret file and a secret variable",
      { ...withSignIn, signIn: { ...signIn, clientSecretEnv: "EU_SECRET" } },
      "CONCERT_ISSUERS[0].signIn needs exactly one of `clientSecretFile` (a mounted Secret) or `clientSecretEnv` (a variable filled from a Secret)",
    ],
    [
      "neither a secret file nor a secret variable",
      { ...withSignIn, signIn: { ...signIn, clientSecretFile: undefined } },
      "CONCERT_ISSUERS[0].signIn needs exactly one of `clientSecretFile` (a mounted Secret) or `clientSecretEnv`",
    ],
    [
      "an empty secret file",
      { ...withSignIn, signIn: { ...signIn, clientSecretFile: "" } },
      "CONCERT_ISSUERS[0].signIn.clientSecretFile must be the path of a mounted Secret's file",
    ],
    [
      "a secret variable that is no variable's name",
      { ...withSignIn, signIn: { ...signIn, clientSecretFile: undefined, clientSecretEnv: "EU SECRET" } },
      "CONCERT_ISSUERS[0].signIn.clientSecretEnv must be the name of a variable a Secret fills",
    ],
    [
      "scopes without openid",
      { ...withSignIn, signIn: { ...signIn, scopes: ["email"] } },
      "CONCERT_ISSUERS[0].signIn.scopes must be a list of scopes including openid",
    ],
    [
      "scopes that are not a list",
      { ...withSignIn, signIn: { ...signIn, scopes: "openid" } },
      "CONCERT_ISSUERS[0].signIn.scopes must be a list of scopes",
    ],
    [
      "a scope with a space",
      { ...withSignIn, signIn: { ...signIn, scopes: ["openid", "a b"] } },
      "CONCERT_ISSUERS[0].signIn.scopes[1] must be a scope",
    ],
    [
      "an empty CA file",
      { ...withSignIn, signIn: { ...signIn, caFile: "" } },
      "CONCERT_ISSUERS[0].signIn.caFile must be the path of a PEM file",
    ],
    [
      "an empty resource",
      { ...withSignIn, signIn: { ...signIn, resource: "" } },
      "CONCERT_ISSUERS[0].signIn.resource must be a non-empty string",
    ],
    [
      "a provider configured for opaque access tokens",
      { ...withSignIn, signIn: { ...signIn, accessTokenFormat: "opaque" } },
      `CONCERT_ISSUERS[0].signIn.accessTokenFormat ${OPAQUE_ACCESS_TOKENS}`,
    ],
    [
      "any other access token format",
      { ...withSignIn, signIn: { ...signIn, accessTokenFormat: "reference" } },
      "CONCERT_ISSUERS[0].signIn.accessTokenFormat must be jwt",
    ],
    [
      "a misspelt sign-in setting",
      { ...withSignIn, signIn: { ...signIn, scope: ["openid"] } },
      "CONCERT_ISSUERS[0].signIn has unknown settings: scope",
    ],
  ])("refuses %s, naming the value", (_case, entry, problem) => {
    const { issuers, problems } = read(typeof entry === "string" ? entry : Array.isArray(entry) ? entry : [entry]);
    expect(issuers).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(problem);
  });

  it("accepts what the rules allow: a JWT access token format stated, every asymmetric algorithm, a file key set", () => {
    const entry = {
      ...withSignIn,
      jwksUri: undefined,
      jwksFile: "/etc/jwks.json",
      algorithms: ["RS256", "PS384", "ES512", "EdDSA", "Ed25519"],
      signIn: {
        ...signIn,
        accessTokenFormat: "jwt",
        scopes: ["openid", "offline_access", "api://concert/Concert.Read"],
        resource: "api://concert",
      },
    };
    expect(read([entry]).problems).toEqual([]);
  });

  it("names each entry's own problems, all at once, and refuses two sign-in providers with one id", () => {
    const bad = {
      ...base,
      audience: 3,
      algorithms: ["HS256"],
      signIn: { ...signIn, id: "bad", accessTokenFormat: "opaque", clientSecret: "s" },
    };
    expect(read([withSignIn, bad, { ...withSignIn, issuer: "https://other.example" }]).problems).toEqual([
      "CONCERT_ISSUERS[1].audience must be a non-empty string",
      "CONCERT_ISSUERS[1].algorithms[0] is HS256: only asymmetric algorithms are accepted (RS, PS or ES 256/384/512, EdDSA)",
      "CONCERT_ISSUERS[1].signIn.clientSecret may not be written in the configuration: use `clientSecretFile` or `clientSecretEnv`",
      `CONCERT_ISSUERS[1].signIn.accessTokenFormat ${OPAQUE_ACCESS_TOKENS}`,
      "CONCERT_ISSUERS[1].roleMapping is required with `signIn`: without one, nobody could sign in",
      "CONCERT_ISSUERS[2].signIn.id is also entry 0's: sign-in provider ids must differ",
    ]);
  });

  it("allows a plain-http provider only on loopback, and only outside production", () => {
    const at = (discoveryUrl: string) => [{ ...withSignIn, signIn: { ...signIn, discoveryUrl } }];
    for (const url of ["http://127.0.0.1:9999/x", "http://localhost:9999/x", "http://[::1]:9999/x"]) {
      expect(read(at(url), true).problems).toEqual([]);
      expect(read(at(url), false).problems).toEqual([`CONCERT_ISSUERS[0].signIn.discoveryUrl ${PLAIN_HTTP}`]);
    }
    expect(read(at("http://idp.example/x"), true).problems).toEqual([`CONCERT_ISSUERS[0].signIn.discoveryUrl ${PLAIN_HTTP}`]);
    expect(read(at("https://idp.example/x"), false).problems).toEqual([]);
  });

  it("fetches key sets over plain http only on loopback, and only outside production", () => {
    const at = (jwksUri: string) => [{ ...base, jwksUri }];
    expect(read(at("http://127.0.0.1:9999/jwks"), true).problems).toEqual([]);
    expect(read(at("http://127.0.0.1:9999/jwks"), false).problems).toEqual([`CONCERT_ISSUERS[0].jwksUri ${PLAIN_HTTP_KEYS}`]);
    expect(read(at("http://idp.example/jwks"), true).problems).toEqual([`CONCERT_ISSUERS[0].jwksUri ${PLAIN_HTTP_KEYS}`]);
  });

  describe("from a file (CONCERT_ISSUERS_FILE)", () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), "concert-issuers-"));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("reads the same list, checked by the same schema, its problems named after the file's variable", () => {
      const file = join(dir, "issuers.json");
      writeFileSync(file, JSON.stringify([base]));
      const problems: string[] = [];
      // The file wins over the variable.
      expect(issuersFrom({ CONCERT_ISSUERS_FILE: file, CONCERT_ISSUERS: "[" }, false, problems)).toEqual([base]);
      expect(problems).toEqual([]);
      writeFileSync(file, JSON.stringify([{ ...base, algorithms: ["HS256"] }]));
      issuersFrom({ CONCERT_ISSUERS_FILE: file }, false, problems);
      expect(problems).toEqual([
        "CONCERT_ISSUERS_FILE[0].algorithms[0] is HS256: only asymmetric algorithms are accepted (RS, PS or ES 256/384/512, EdDSA)",
      ]);
    });

    it("names a file it cannot read", () => {
      const problems: string[] = [];
      expect(issuersFrom({ CONCERT_ISSUERS_FILE: join(dir, "none.json") }, false, problems)).toEqual([]);
      expect(problems).toEqual([`CONCERT_ISSUERS_FILE cannot be read: ${join(dir, "none.json")} (ENOENT)`]);
    });
  });
});
