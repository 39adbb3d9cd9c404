import type { MetadataStorage } from "@mikro-orm/core";

/** How a subgraph's read path caches: settings of the service (docs/operations.md), handed to `runSubgraph`. */
export interface ReadSettings {
  /** How many compiled SQL shapes the ORM keeps: the least recently used is evicted past it. */
  compiledSqlCacheSize: number;
  /**
   * How old a reference table may get before the next read of it reads it again, in the background: a row a
   * migration or a seed adds on any replica is served by every replica within this bound plus one read.
   */
  referenceRefreshMs: number;
  /**
   * How many rows of answers kept until their data changes (`runCompiledUntilChanged`) the ORM holds, all answers
   * together (an answer of more is not kept); 0 keeps none.
   */
  untilChangedCacheRows: number;
}

export const DEFAULT_READ_SETTINGS: ReadSettings = Object.freeze({
  compiledSqlCacheSize: 2000,
  referenceRefreshMs: 5 * 60_000,
  untilChangedCacheRows: 100_000,
});

const byOrm = new WeakMap<MetadataStorage, ReadSettings>();
const listeners: ((metadata: MetadataStorage) => void)[] = [];

/**
 * The read settings of the ORM whose metadata this is (`em.getMetadata()`): `runSubgraph` sets them before it serves,
 * and every cache of the read path asks here, so two subgraphs in one process keep their own.
 */
export function configureReads(metadata: MetadataStorage, settings: Partial<ReadSettings>): void {
  const merged = { ...readSettingsOf(metadata), ...settings };
  if (!Number.isInteger(merged.compiledSqlCacheSize) || merged.compiledSqlCacheSize < 1)
    throw new Error(`compiled SQL cache size must be a positive integer, not ${merged.compiledSqlCacheSize}`);
  if (!Number.isInteger(merged.referenceRefreshMs) || merged.referenceRefreshMs < 1)
    throw new Error(`reference refresh must be a positive number of milliseconds, not ${merged.referenceRefreshMs}`);
  if (!Number.isInteger(merged.untilChangedCacheRows) || merged.untilChangedCacheRows < 0)
    throw new Error(`the kept answers' rows must be a whole number, not ${merged.untilChangedCacheRows}`);
  byOrm.set(metadata, merged);
  for (const changed of listeners) changed(metadata);
}

export const readSettingsOf = (metadata: MetadataStorage): ReadSettings => byOrm.get(metadata) ?? DEFAULT_READ_SETTINGS;

/** Called when an ORM's settings change (a cache built with the old ones drops itself). */
export function onReadSettings(changed: (metadata: MetadataStorage) => void): void {
  listeners.push(changed);
}
