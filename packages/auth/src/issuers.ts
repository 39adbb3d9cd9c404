import { readFileSync } from "node:fs";

/** An identity provider whose tokens Concert accepts, and what it may vouch for. */
export interface TrustedIssuer {
  /** Exact `iss` claim value. */
  issuer: string;
  /** Expected `aud` claim value. */
  audience: string;
  /** Key set: a JWKS URL, or the path of a local JWKS file. Exactly one. */
  jwksUri?: string;
  jwksFile?: string;
  /** Partner codes this issuer may speak for; `["*"]` only for the development issuer. */
  partners: readonly string[];
  /** Accepted signature algorithms, e.g. ["ES256"] or ["RS256"]. */
  algorithms: readonly string[];
  /**
   * The only Concert roles this issuer's tokens may carry (after any `roleMapping`); a token with any other role is
   * refused, by the gateway and by every subgraph. Absent: any role. The exchange's issuer is capped at `["viewer"]`.
   */
  roles?: readonly string[];
  /**
   * The claim naming the partner (default `partner`). Absent from a token of an issuer bound to one partner, that
   * partner is meant; an issuer bound to several must send it.
   */
  partnerClaim?: string;
  /**
   * The provider's groups or app roles (the `groupsClaim`, default `groups`) mapped to Concert's roles. When given, the
   * token's roles are these and nothing else: a group that is not mapped gives no role.
   */
  roleMapping?: Readonly<Record<string, readonly string[]>>;
  groupsClaim?: string;
  /** People sign in to the console through this issuer (OpenID Connect, issue 25). */
  signIn?: SignInSettings;
}

/** What the console's sign-in through one identity provider needs (authorization code with PKCE). */
export interface SignInSettings {
  /** In URLs: `/auth/oidc/<id>/start`, and the redirect URI `/auth/oidc/<id>/callback`. */
  id: string;
  /** Shown on the sign-in page. */
  displayName: string;
  /** The provider's OpenID Connect discovery document. */
  discoveryUrl: string;
  clientId: string;
  /** The client secret: a mounted Secret's file, or the name of the variable a Secret fills; never inline. */
  clientSecretFile?: string;
  clientSecretEnv?: string;
  /** Default `openid`. */
  scopes: readonly string[];
  /**
   * A PEM file of the certificate authorities to trust for the provider's https endpoints besides the system's (an
   * organisation's own CA); the gateway reads it at start.
   */
  caFile?: string;
  /** The resource indicator (RFC 8707) asked for, so that access tokens are JWTs for Concert's audience; the audience by default. */
  resource?: string;
  /**
   * The format of the access tokens the provider is configured to issue for Concert's audience: `jwt`, the default
   * and the only one accepted. An operator who states `opaque` (or anything else) is stopped when the configuration is
   * read: Concert verifies access tokens itself, at the gateway and at every subgraph, and cannot verify an opaque one.
   */
  accessTokenFormat?: "jwt";
}

const ASYMMETRIC = /^(RS|PS|ES)(256|384|512)$|^EdDSA$|^Ed25519$/;

export class IssuerConfigError extends Error {}

/** Checks one issuer entry; `where` names it in error messages. */
export function validateIssuer(value: unknown, where: string): TrustedIssuer {
  const fail = (msg: string): never => {
    throw new IssuerConfigError(`${where}: ${msg}`);
  };
  if (typeof value !== "object" || value === null) fail("must be an object");
  const v = value as Record<string, unknown>;
  if (typeof v.issuer !== "string" || !v.issuer) fail("`issuer` must be a non-empty string");
  if (typeof v.audience !== "string" || !v.audience) fail("`audience` must be a non-empty string");
  if ((v.jwksUri === undefined) === (v.jwksFile === undefined)) fail("give exactly one of `jwksUri` or `jwksFile`");
  if (v.jwksUri !== undefined && (typeof v.jwksUri !== "string" || !/^https?:\/\//.test(v.jwksUri))) {
    fail("`jwksUri` must be an http(s) URL");
  }
  if (v.jwksFile !== undefined && (typeof v.jwksFile !== "string" || !v.jwksFile)) fail("`jwksFile` must be a path");
  const partners = v.partners;
  if (!Array.isArray(partners) || partners.length === 0 || !partners.every((p) => typeof p === "string" && p)) {
    fail("`partners` must be a non-empty list of partner codes");
  }
  const algorithms = v.algorithms;
  if (!Array.isArray(algorithms) || algorithms.length === 0) fail("`algorithms` must be a non-empty list");
  for (const alg of algorithms as unknown[]) {
    if (typeof alg !== "string" || !ASYMMETRIC.test(alg)) fail(`algorithm ${String(alg)} is not an accepted asymmetric algorithm`);
  }
  if (v.roles !== undefined && (!Array.isArray(v.roles) || v.roles.length === 0 || !v.roles.every((r) => typeof r === "string" && r)))
    fail("`roles` must be a non-empty list of the roles this issuer may grant");
  const partnerClaim = optionalName(v.partnerClaim, "partnerClaim", fail);
  const groupsClaim = optionalName(v.groupsClaim, "groupsClaim", fail);
  let roleMapping: Record<string, string[]> | undefined;
  if (v.roleMapping !== undefined) {
    const m = v.roleMapping;
    if (typeof m !== "object" || m === null || Array.isArray(m) || Object.keys(m).length === 0)
      fail("`roleMapping` must map the provider's groups to lists of Concert roles");
    roleMapping = {};
    for (const [group, roles] of Object.entries(m as Record<string, unknown>)) {
      if (!Array.isArray(roles) || roles.length === 0 || !roles.every((r) => typeof r === "string" && r))
        fail(`\`roleMapping.${group}\` must be a non-empty list of roles`);
      roleMapping[group] = roles as string[];
    }
  }
  const signIn = v.signIn === undefined ? undefined : validateSignIn(v.signIn, `${where}.signIn`, fail);
  if (signIn && !roleMapping) fail("`signIn` needs a `roleMapping`: without one, nobody could sign in");
  return {
    issuer: v.issuer as string,
    audience: v.audience as string,
    jwksUri: v.jwksUri as string | undefined,
    jwksFile: v.jwksFile as string | undefined,
    partners: partners as string[],
    algorithms: algorithms as string[],
    ...(v.roles ? { roles: v.roles as string[] } : {}),
    ...(partnerClaim ? { partnerClaim } : {}),
    ...(groupsClaim ? { groupsClaim } : {}),
    ...(roleMapping ? { roleMapping } : {}),
    ...(signIn ? { signIn } : {}),
  };
}

function optionalName(value: unknown, name: string, fail: (msg: string) => never): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !/^[A-Za-z0-9_:./-]{1,200}$/.test(value)) fail(`\`${name}\` must be a claim name`);
  return value as string;
}

function validateSignIn(value: unknown, where: string, fail: (msg: string) => never): SignInSettings {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail("`signIn` must be an object");
  const v = value as Record<string, unknown>;
  if (typeof v.id !== "string" || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(v.id)) fail("`signIn.id` must be lowercase letters, digits and dashes");
  if (typeof v.displayName !== "string" || !v.displayName.trim() || v.displayName.length > 200)
    fail("`signIn.displayName` must be a name of at most 200 characters");
  if (typeof v.discoveryUrl !== "string" || !URL.canParse(v.discoveryUrl) || !/^https?:$/.test(new URL(v.discoveryUrl).protocol))
    fail("`signIn.discoveryUrl` must be the http(s) URL of the provider's discovery document");
  if (typeof v.clientId !== "string" || !v.clientId) fail("`signIn.clientId` must be a non-empty string");
  if (v.clientSecret !== undefined)
    fail("`signIn.clientSecret` may not be written in the configuration: use `clientSecretFile` or `clientSecretEnv`");
  if ((v.clientSecretFile === undefined) === (v.clientSecretEnv === undefined))
    fail("`signIn` needs exactly one of `clientSecretFile` (a mounted Secret) or `clientSecretEnv` (a variable filled from a Secret)");
  for (const key of ["clientSecretFile", "clientSecretEnv", "caFile"] as const)
    if (v[key] !== undefined && (typeof v[key] !== "string" || !v[key])) fail(`\`signIn.${key}\` must be a non-empty string`);
  const scopes = v.scopes ?? ["openid"];
  if (
    !Array.isArray(scopes) ||
    !scopes.every((s) => typeof s === "string" && /^[\x21\x23-\x5B\x5D-\x7E]+$/.test(s)) ||
    !scopes.includes("openid")
  )
    fail("`signIn.scopes` must be a list of scopes including openid");
  if (v.resource !== undefined && (typeof v.resource !== "string" || !v.resource)) fail("`signIn.resource` must be a non-empty string");
  if (v.accessTokenFormat !== undefined && v.accessTokenFormat !== "jwt")
    fail(
      v.accessTokenFormat === "opaque"
        ? "`signIn.accessTokenFormat` is opaque: Concert needs JWT access tokens for its audience (it verifies them at the gateway and at every subgraph); configure the provider to issue JWTs for it"
        : "`signIn.accessTokenFormat` must be jwt",
    );
  void where;
  return {
    id: v.id as string,
    displayName: (v.displayName as string).trim(),
    discoveryUrl: v.discoveryUrl as string,
    clientId: v.clientId as string,
    clientSecretFile: v.clientSecretFile as string | undefined,
    clientSecretEnv: v.clientSecretEnv as string | undefined,
    scopes: scopes as string[],
    resource: v.resource as string | undefined,
    ...(v.caFile ? { caFile: v.caFile as string } : {}),
    accessTokenFormat: "jwt",
  };
}

/**
 * The trusted issuers from `file` (a JSON file holding a list; CONCERT_ISSUERS_FILE) or `inline` (the same list;
 * CONCERT_ISSUERS). Neither given: no external issuer is trusted.
 */
export function parseIssuers({ file, inline }: { file?: string; inline?: string }): TrustedIssuer[] {
  let raw: string | undefined;
  let source: string;
  if (file) {
    source = "CONCERT_ISSUERS_FILE";
    try {
      raw = readFileSync(file, "utf8");
    } catch (err) {
      throw new IssuerConfigError(`${source}: cannot read ${file} (${(err as Error).message})`);
    }
  } else {
    source = "CONCERT_ISSUERS";
    raw = inline;
  }
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new IssuerConfigError(`${source}: not valid JSON`);
  }
  if (!Array.isArray(parsed)) throw new IssuerConfigError(`${source}: must be a JSON list of issuers`);
  return parsed.map((entry, i) => validateIssuer(entry, `${source}[${i}]`));
}
