import { DEFAULT_DIRECTORY_BOUNDS, DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, type DirectoryBounds } from "@concert/auth";
import { type DatabaseTimeouts, DEFAULT_DATABASE_TIMEOUTS } from "@concert/db";

/** Who may change the registry, how fresh its copies stay, and how long tokens and statements may last. */
export interface AuthoritySettings {
  /** Partner codes of the deployment's operators (CONCERT_OPERATORS): their admins change the registry. */
  operators: string[];
  directory: DirectoryBounds;
  maxTokenLifetimeSeconds: number;
  database: DatabaseTimeouts;
}

/** The development operator partner, seeded as reference data by the engagements subgraph. */
export const DEFAULT_OPERATORS = ["OPS"];

export const DEFAULT_AUTHORITY: AuthoritySettings = {
  operators: DEFAULT_OPERATORS,
  directory: DEFAULT_DIRECTORY_BOUNDS,
  maxTokenLifetimeSeconds: DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  database: DEFAULT_DATABASE_TIMEOUTS,
};

export class AuthorityConfigError extends Error {}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new AuthorityConfigError(`${name} must be a positive whole number, got "${raw}"`);
  return Number(raw);
}

function operators(env: NodeJS.ProcessEnv): string[] {
  const raw = env.CONCERT_OPERATORS;
  if (raw === undefined) return DEFAULT_OPERATORS;
  const codes = raw
    .split(",")
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  const bad = codes.filter((c) => !/^[A-Z][A-Z0-9]{1,15}$/.test(c));
  if (bad.length > 0)
    throw new AuthorityConfigError(`CONCERT_OPERATORS must be a comma-separated list of partner codes, got "${bad.join(", ")}"`);
  return codes;
}

/** Reads the authority settings; every one has a default (docs/authority.md). */
export function authorityFromEnv(env: NodeJS.ProcessEnv = process.env): AuthoritySettings {
  const freshnessMs = positive(env, "CONCERT_REGISTRY_FRESHNESS_MS", DEFAULT_DIRECTORY_BOUNDS.freshnessMs);
  const outageMs = positive(env, "CONCERT_REGISTRY_OUTAGE_MS", DEFAULT_DIRECTORY_BOUNDS.outageMs);
  if (outageMs < freshnessMs)
    throw new AuthorityConfigError("CONCERT_REGISTRY_OUTAGE_MS must not be shorter than CONCERT_REGISTRY_FRESHNESS_MS");
  return {
    operators: operators(env),
    directory: { freshnessMs, outageMs },
    maxTokenLifetimeSeconds: positive(env, "CONCERT_MAX_TOKEN_LIFETIME_SECONDS", DEFAULT_MAX_TOKEN_LIFETIME_SECONDS),
    database: {
      statementTimeoutMs: positive(env, "CONCERT_DB_STATEMENT_TIMEOUT_MS", DEFAULT_DATABASE_TIMEOUTS.statementTimeoutMs),
      acquireTimeoutMs: positive(env, "CONCERT_DB_ACQUIRE_TIMEOUT_MS", DEFAULT_DATABASE_TIMEOUTS.acquireTimeoutMs),
    },
  };
}
