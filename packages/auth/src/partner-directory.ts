import { createHash } from "node:crypto";
import type { PartnerKind } from "@concert/policy";
import { TokenRejected } from "./identity.js";

/** What the access policy needs to know of a partner, from the partner registry. */
export interface DirectoryEntry {
  code: string;
  kind: PartnerKind;
  /** Codes of the groups (forums) the partner currently belongs to. */
  groups: string[];
}

/** A person whose tokens issued before `revokedAt` are refused. The subject travels as a digest only. */
export interface Revocation {
  /** `subjectDigest(partner, subject)`. */
  subjectDigest: string;
  /** ISO timestamp. */
  revokedAt: string;
}

/** The registry as the policy reads it: active partners, forum codes and revocations still in effect. */
export interface DirectorySnapshot {
  partners: DirectoryEntry[];
  forums: string[];
  revocations: Revocation[];
}

export interface PartnerDirectory {
  /** The registry entry of an active partner, or null for unknown or inactive codes. */
  lookup(code: string): Promise<DirectoryEntry | null>;
  /** When the tokens of `subject` speaking for `partner` were last revoked (epoch ms), or null. */
  revokedAt(partner: string, subject: string): Promise<number | null>;
  /** The codes among `codes` that name neither an active partner nor a forum. */
  unknownAudience(codes: readonly string[]): Promise<string[]>;
  /** Every active partner, from the same copy (within the same bounds) as `lookup`: whom a record's audience is drawn from. */
  activePartners(): Promise<DirectoryEntry[]>;
}

/** How old a copy of the registry may be. */
export interface DirectoryBounds {
  /** While the registry answers, no check uses a copy older than this. */
  freshnessMs: number;
  /** While it does not, the last copy serves this long after it was read; then checks fail closed. */
  outageMs: number;
}

export const DEFAULT_DIRECTORY_BOUNDS: DirectoryBounds = { freshnessMs: 5_000, outageMs: 60_000 };

/** The registry could not be read for longer than the outage bound: tokens cannot be checked. */
export class DirectoryUnavailable extends TokenRejected {}

/** Hex SHA-256 of partner and subject: revocations name people without publishing who they are. */
export function subjectDigest(partner: string, subject: string): string {
  return createHash("sha256").update(`${partner}\n${subject}`).digest("hex");
}

interface Copy {
  partners: Map<string, DirectoryEntry>;
  forums: Set<string>;
  revocations: Map<string, number>;
  /** When the load that produced it started: the copy is at least this fresh. */
  readAt: number;
}

function copyOf(snapshot: DirectorySnapshot, readAt: number): Copy {
  const revocations = new Map<string, number>();
  for (const r of snapshot.revocations) {
    const at = Date.parse(r.revokedAt);
    revocations.set(r.subjectDigest, Math.max(at, revocations.get(r.subjectDigest) ?? 0));
  }
  return { partners: new Map(snapshot.partners.map((e) => [e.code, e])), forums: new Set(snapshot.forums), revocations, readAt };
}

/**
 * A directory that loads the whole registry (a few dozen partners) at once and keeps the copy
 * within `bounds`: a check never uses a copy older than the freshness bound while the registry
 * answers, and fails closed once the last copy is older than the outage bound. A refresh starts
 * in the background at half the freshness bound, so that under load no request waits for one;
 * concurrent requests share one refresh, and a failed one is retried at most once per freshness bound.
 */
export function cachingDirectory(
  loadAll: () => Promise<DirectorySnapshot>,
  bounds: DirectoryBounds = DEFAULT_DIRECTORY_BOUNDS,
): PartnerDirectory {
  let copy: Copy | null = null;
  let inflight: Promise<Copy> | null = null;
  let failedAt = -Infinity;

  function refresh(): Promise<Copy> {
    if (inflight) return inflight;
    const startedAt = Date.now();
    inflight = loadAll()
      .then((snapshot) => {
        copy = copyOf(snapshot, startedAt);
        return copy;
      })
      .catch((err: unknown) => {
        failedAt = Date.now();
        throw err;
      })
      .finally(() => {
        inflight = null;
      });
    return inflight;
  }

  function usable(c: Copy | null, now: number, limit: number): c is Copy {
    return c !== null && now - c.readAt <= limit;
  }

  async function current(): Promise<Copy> {
    const now = Date.now();
    if (usable(copy, now, bounds.freshnessMs)) {
      if (now - copy.readAt > bounds.freshnessMs / 2 && now - failedAt > bounds.freshnessMs) refresh().catch(() => undefined);
      return copy;
    }
    // Too old to use while the registry answers: wait for a fresh copy, unless a refresh failed a moment ago.
    if (now - failedAt > bounds.freshnessMs || inflight) {
      try {
        return await refresh();
      } catch {
        // the registry does not answer: fall through to the outage bound
      }
    }
    if (usable(copy, Date.now(), bounds.outageMs)) return copy;
    throw new DirectoryUnavailable("the partner registry cannot be read; retry shortly");
  }

  return {
    async lookup(code) {
      const c = await current();
      const entry = c.partners.get(code);
      // A partner registered a moment ago is not in the copy yet: look again, at most once a second.
      if (!entry && Date.now() - c.readAt > 1_000) return (await refresh().catch(() => c)).partners.get(code) ?? null;
      return entry ?? null;
    },
    async revokedAt(partner, subject) {
      return (await current()).revocations.get(subjectDigest(partner, subject)) ?? null;
    },
    async unknownAudience(codes) {
      const c = await current();
      return codes.filter((code) => !c.partners.has(code) && !c.forums.has(code));
    },
    async activePartners() {
      return [...(await current()).partners.values()];
    },
  };
}

/** Marks the registry reads of the other parts, so that the subgraph answering does not count their statements as a client's. */
export const REGISTRY_READ_HEADER = "x-concert-registry-read";

/** How long one registry read may take: the freshness bound, at least 2 s, never past the outage bound. */
export function registryFetchTimeout(bounds: DirectoryBounds): number {
  return Math.min(bounds.outageMs, Math.max(bounds.freshnessMs, 2_000));
}

/** The registry as seen from a subgraph that does not own it: fetched from the engagements subgraph over HTTP. */
export function remoteDirectory(engagementsUrl: string, bounds: DirectoryBounds = DEFAULT_DIRECTORY_BOUNDS): PartnerDirectory {
  return cachingDirectory(async () => {
    const response = await fetch(engagementsUrl, {
      method: "POST",
      headers: { "content-type": "application/json", [REGISTRY_READ_HEADER]: "1" },
      body: JSON.stringify({
        query: "query ConcertRegistry { partners { code kind groups } forums { code } tokenRevocations { subjectDigest revokedAt } }",
      }),
      // A hung registry must not hold requests: past this, the last copy serves (within the outage bound).
      signal: AbortSignal.timeout(registryFetchTimeout(bounds)),
    });
    const body = (await response.json()) as {
      data?: { partners: DirectoryEntry[]; forums: { code: string }[]; tokenRevocations: Revocation[] };
    };
    if (!response.ok || !body.data) throw new Error(`partner registry unavailable (HTTP ${response.status})`);
    return { partners: body.data.partners, forums: body.data.forums.map((f) => f.code), revocations: body.data.tokenRevocations };
  }, bounds);
}

/** A fixed registry, for running one subgraph on its own (integration tests); its forums are the groups its partners belong to. */
export function staticDirectory(entries: DirectoryEntry[], revocations: Revocation[] = []): PartnerDirectory {
  const snapshot: DirectorySnapshot = { partners: entries, forums: [...new Set(entries.flatMap((e) => e.groups))], revocations };
  return cachingDirectory(async () => snapshot, { freshnessMs: Number.MAX_SAFE_INTEGER, outageMs: Number.MAX_SAFE_INTEGER });
}
