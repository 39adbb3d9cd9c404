import type { PartnerKind } from "@concert/policy";

/** What the access policy needs to know of a partner, from the partner registry. */
export interface DirectoryEntry {
  code: string;
  kind: PartnerKind;
  /** Codes of the groups (forums) the partner currently belongs to. */
  groups: string[];
}

export interface PartnerDirectory {
  /** The registry entry of an active partner, or null for unknown or inactive codes. */
  lookup(code: string): Promise<DirectoryEntry | null>;
}

const REFRESH_MS = 30_000;

/**
 * A directory that loads the whole registry (a few dozen partners) at once and keeps it for
 * 30 seconds, so that checking a caller costs no query in the common case.
 */
export function cachingDirectory(loadAll: () => Promise<DirectoryEntry[]>): PartnerDirectory {
  let cache: Map<string, DirectoryEntry> | null = null;
  let fetchedAt = 0;
  let inflight: Promise<Map<string, DirectoryEntry>> | null = null;

  function refresh(): Promise<Map<string, DirectoryEntry>> {
    inflight ??= loadAll()
      .then((entries) => {
        cache = new Map(entries.map((e) => [e.code, e]));
        fetchedAt = Date.now();
        return cache;
      })
      .finally(() => {
        inflight = null;
      });
    return inflight;
  }

  return {
    async lookup(code) {
      if (!cache) return (await refresh()).get(code) ?? null;
      const age = Date.now() - fetchedAt;
      // A stale copy answers at once while a refresh runs in the background.
      if (age > REFRESH_MS) refresh().catch(() => undefined);
      const entry = cache.get(code);
      // A partner registered a moment ago is not in the copy yet: look again, at most once a second.
      if (!entry && age > 1_000) return (await refresh()).get(code) ?? null;
      return entry ?? null;
    },
  };
}

/** The registry as seen from a subgraph that does not own it: fetched from the engagements subgraph over HTTP. */
export function remoteDirectory(engagementsUrl: string): PartnerDirectory {
  return cachingDirectory(async () => {
    const response = await fetch(engagementsUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ partners { code kind groups } }" }),
    });
    const body = (await response.json()) as { data?: { partners: DirectoryEntry[] } };
    if (!response.ok || !body.data) throw new Error(`partner registry unavailable (HTTP ${response.status})`);
    return body.data.partners;
  });
}

/** A fixed registry, for running one subgraph on its own (integration tests). */
export function staticDirectory(entries: DirectoryEntry[]): PartnerDirectory {
  const map = new Map(entries.map((e) => [e.code, e]));
  return { lookup: async (code) => map.get(code) ?? null };
}
