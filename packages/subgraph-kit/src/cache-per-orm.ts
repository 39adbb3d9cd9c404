import type { MetadataStorage } from "@mikro-orm/core";
import { LRUCache } from "lru-cache";
import { onReadSettings, type ReadSettings, readSettingsOf } from "./read-settings.js";

/** What one kind of cache did in the process: hits, misses, evictions since start, and the entries kept now. */
export interface CacheStats {
  hits: number;
  misses: number;
  evictions: number;
  entries: number;
}

/** One kind of cache of the read path: a bounded LRU per ORM (per database), and the process's counters over all of them. */
export interface CachePerOrm<V extends {}> {
  /** The ORM's cache, made on first use at the size its read settings give; undefined when that size is 0. */
  of(metadata: MetadataStorage): LRUCache<string, V> | undefined;
  /** Counted by the caller: a hit or a miss. */
  readonly counters: { hits: number; misses: number };
  stats(): CacheStats;
}

/**
 * A cache per ORM sized by one of its read settings: in entries, or with `bySize` in the sizes its caller gives each
 * entry (`set(key, value, { size })`). A cache built with an ORM's old settings is dropped when they change
 * (`configureReads`); the next use builds one of the new size.
 */
export function cachePerOrm<V extends {}>(size: (settings: ReadSettings) => number, bySize = false): CachePerOrm<V> {
  const counters = { hits: 0, misses: 0, evictions: 0 };
  const byOrm = new WeakMap<MetadataStorage, LRUCache<string, V>>();
  const caches = new Set<WeakRef<LRUCache<string, V>>>();
  onReadSettings((metadata) => {
    byOrm.get(metadata)?.clear();
    byOrm.delete(metadata);
  });
  return {
    counters,
    of(metadata) {
      let cache = byOrm.get(metadata);
      if (!cache) {
        const max = size(readSettingsOf(metadata));
        if (max === 0) return undefined;
        cache = new LRUCache<string, V>({
          ...(bySize ? { maxSize: max } : { max }),
          dispose: (_value, _key, reason) => {
            if (reason === "evict") counters.evictions++;
          },
        });
        byOrm.set(metadata, cache);
        caches.add(new WeakRef(cache));
      }
      return cache;
    },
    stats() {
      let entries = 0;
      for (const ref of caches) {
        const cache = ref.deref();
        if (cache) entries += cache.size;
        else caches.delete(ref);
      }
      return { ...counters, entries };
    },
  };
}
