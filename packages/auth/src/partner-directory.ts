import { createHash } from "node:crypto";
import type { PartnerKind } from "@concert/policy";

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
  /**
   * The registry entry of an active partner, or null for unknown or inactive codes. `deadline` (epoch ms): a
   * request's one wait for the registry ends then, at whichever part it is (see `REGISTRY_DEADLINE_HEADER`).
   */
  lookup(code: string, deadline?: number): Promise<DirectoryEntry | null>;
  /** When the tokens of `subject` speaking for `partner` were last revoked (epoch ms), or null. */
  revokedAt(partner: string, subject: string, deadline?: number): Promise<number | null>;
  /** The codes among `codes` that name neither an active partner nor a forum. */
  unknownAudience(codes: readonly string[]): Promise<string[]>;
  /** Every active partner, from the same copy (within the same bounds) as `lookup`: whom a record's audience is drawn from. */
  activePartners(): Promise<DirectoryEntry[]>;
}

/** A directory that keeps its copy fresh in the background until closed. */
export interface RefreshingDirectory extends PartnerDirectory {
  /** Stops the background refreshes (when the part stops). */
  close(): void;
}

/** How old a copy of the registry may be. */
export interface DirectoryBounds {
  /** While the registry answers, no check uses a copy older than this. */
  freshnessMs: number;
  /** While it does not, the last copy serves this long after it was read; then checks fail closed. */
  outageMs: number;
}

export const DEFAULT_DIRECTORY_BOUNDS: DirectoryBounds = { freshnessMs: 5_000, outageMs: 60_000 };

/**
 * The registry could not be read, and no copy within the outage bound is left: tokens cannot be checked. A server
 * condition, not the caller's fault (the token may well be good): answered SERVICE_UNAVAILABLE with `Retry-After`,
 * never UNAUTHENTICATED.
 */
export class DirectoryUnavailable extends Error {
  override readonly name = "DirectoryUnavailable";
  /** What the client gets, judged by shape where `instanceof` cannot reach (see @concert/edge's maskErrors). */
  readonly code = "SERVICE_UNAVAILABLE";
  /** The service that keeps the registry. */
  readonly serviceName = "engagements";
  constructor(
    message: string,
    /** When a retry may succeed: the next refresh of the copy. */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/**
 * The longest a request waits for the registry: past the freshness bound, while the registry is not yet known to
 * be down, a check waits this long at most for a fresh copy, then answers from the last one (within the outage bound).
 * Once a read has failed, no check waits until one succeeds again; the copy is refreshed in the background.
 */
export const REGISTRY_WAIT_MS = 1_000;

/**
 * The gateway's deadline for its request's wait on the registry (epoch ms), forwarded to the subgraphs: a request
 * waits for the registry once in all, however many parts it passes, not once per part. Sent straight to a
 * subgraph, it can only shorten a wait, never lengthen one, and the copy then used is still within the outage bound.
 */
export const REGISTRY_DEADLINE_HEADER = "x-concert-registry-deadline";

/** The deadline a request brings (or a new one), never later than `REGISTRY_WAIT_MS` from now. */
export function registryDeadline(header: string | string[] | undefined, now = Date.now()): number {
  const given = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(given) && given > 0 ? Math.min(given, now + REGISTRY_WAIT_MS) : now + REGISTRY_WAIT_MS;
}

/** A copy in use is refreshed in the background this often at least, so that checks rarely wait for one. */
const MIN_POLL_MS = 50;
/** Beyond this, no background refresh (a fixed registry). */
const MAX_POLL_MS = 24 * 60 * 60 * 1000;

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
 * answers, and fails closed once the last copy is older than the outage bound. While the directory is
 * first used, a background refresh runs every half freshness bound, so that no request waits for one, busy or
 * quiet; a check that finds the copy too old waits for a fresh one at most `REGISTRY_WAIT_MS`, and not at all once
 * a read has failed (until one succeeds again). Concurrent checks share one refresh. `close()` stops the refreshes.
 */
export function cachingDirectory(
  loadAll: () => Promise<DirectorySnapshot>,
  bounds: DirectoryBounds = DEFAULT_DIRECTORY_BOUNDS,
): RefreshingDirectory {
  let copy: Copy | null = null;
  let inflight: Promise<Copy> | null = null;
  /** Set when a read fails, cleared when one succeeds: the registry is known not to answer. */
  let down = false;
  let polling = false;
  const pollMs = Math.max(MIN_POLL_MS, bounds.freshnessMs / 2);
  const retryAfterSeconds = Math.max(1, Math.ceil(pollMs / 1000));

  let inflightSince = 0;

  function refresh(): Promise<Copy> {
    if (inflight) return inflight;
    const startedAt = Date.now();
    inflightSince = startedAt;
    inflight = loadAll()
      .then((snapshot) => {
        copy = copyOf(snapshot, startedAt);
        down = false;
        return copy;
      })
      .catch((err: unknown) => {
        down = true;
        throw err;
      })
      .finally(() => {
        inflight = null;
      });
    return inflight;
  }

  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  function poll(): void {
    if (polling || closed || pollMs > MAX_POLL_MS) return;
    polling = true;
    const next = () => {
      if (closed) return;
      timer = setTimeout(() => refresh().then(next, next), pollMs);
      timer.unref?.();
    };
    next();
  }

  /** A fresh copy, or none: waits for the refresh under way (or a new one) until `deadline`, at most `REGISTRY_WAIT_MS`. */
  async function waitForRefresh(deadline = Date.now() + REGISTRY_WAIT_MS): Promise<Copy | null> {
    const waitMs = Math.min(REGISTRY_WAIT_MS, deadline - Date.now());
    const started = refresh().catch(() => null);
    if (waitMs <= 0) return null;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => {
        // A read unanswered this long counts as failed: no other check waits for it.
        if (inflight && Date.now() - inflightSince >= REGISTRY_WAIT_MS) down = true;
        resolve(null);
      }, waitMs);
    });
    try {
      return await Promise.race([started, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  function usable(c: Copy | null, now: number, limit: number): c is Copy {
    return c !== null && now - c.readAt <= limit;
  }

  async function current(deadline?: number): Promise<Copy> {
    poll();
    if (usable(copy, Date.now(), bounds.freshnessMs)) return copy;
    // Too old to use while the registry answers: wait (boundedly) for a fresh copy, unless the registry is known
    // not to answer, or the last copy is past the outage bound anyway.
    if (!down || !usable(copy, Date.now(), bounds.outageMs)) {
      const fresh = await waitForRefresh(deadline);
      if (fresh) return fresh;
    }
    if (usable(copy, Date.now(), bounds.outageMs)) return copy;
    throw new DirectoryUnavailable("the partner registry cannot be read; retry shortly", retryAfterSeconds);
  }

  return {
    close() {
      closed = true;
      clearTimeout(timer);
    },
    async lookup(code, deadline) {
      const c = await current(deadline);
      const entry = c.partners.get(code);
      // A partner registered a moment ago is not in the copy yet: look again, at most once a second.
      if (!entry && Date.now() - c.readAt > 1_000 && !down) return ((await waitForRefresh(deadline)) ?? c).partners.get(code) ?? null;
      return entry ?? null;
    },
    async revokedAt(partner, subject, deadline) {
      return (await current(deadline)).revocations.get(subjectDigest(partner, subject)) ?? null;
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
export function remoteDirectory(engagementsUrl: string, bounds: DirectoryBounds = DEFAULT_DIRECTORY_BOUNDS): RefreshingDirectory {
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
