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
  return {
    issuer: v.issuer as string,
    audience: v.audience as string,
    jwksUri: v.jwksUri as string | undefined,
    jwksFile: v.jwksFile as string | undefined,
    partners: partners as string[],
    algorithms: algorithms as string[],
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
