/**
 * An identity provider whose tokens Concert accepts, and what it may vouch for. The configuration module
 * (system/src/config/issuers.ts) reads and checks these from CONCERT_ISSUERS / CONCERT_ISSUERS_FILE.
 */
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
