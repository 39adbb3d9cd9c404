import type { EntityClass, FindOptions } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { SubgraphContext } from "./context.js";
import { readSettingsOf } from "./read-settings.js";

interface Table<T, K> {
  rows: readonly T[];
  byKey: ReadonlyMap<K, T>;
  /** When the read began (`performance.now()`). */
  at: number;
}

/** A reference table read once per database and read again when older than the refresh bound (`ReadSettings.referenceRefreshMs`). */
export interface ReferenceCache<T, K> {
  readonly entity: EntityClass<T>;
  /** Every row, in the cache's order. */
  all(ctx: Pick<SubgraphContext, "em">): Promise<readonly T[]>;
  /** The row of `key`, or null where there is none. */
  get(ctx: Pick<SubgraphContext, "em">, key: K): Promise<T | null>;
  /**
   * The same as `get`, but once the table is read, the row itself rather than a promise of it: a field resolver
   * returning it costs graphql-js no promise per item of a list.
   */
  lookup(ctx: Pick<SubgraphContext, "em">, key: K): T | null | Promise<T | null>;
  /** Reads the table now, if not yet read for this database (`runSubgraph` does it before serving). */
  warm(em: EntityManager): Promise<void>;
}

const declared: ReferenceCache<object, unknown>[] = [];

/**
 * Reference data (risk factors, indicators, themes, capability types, countries…: tables that only migrations and
 * seeds write) read whole once and kept, instead of once per request; read again, in the background, once older than
 * the refresh bound (`ReadSettings.referenceRefreshMs`, 5 minutes by default), so a replica sees a new row without restarting.
 * Every reader of such a table (its query included, e.g. `themes`) reads it from here: one source.
 * Declare one per table at module level: `const RISK_FACTORS = referenceCache(RiskFactor, "number")`, then
 * `await RISK_FACTORS.get(ctx, 7)` or `await RISK_FACTORS.all(ctx)` in resolvers; no SQL statement after the first.
 * `runSubgraph` reads every declared cache of its module's entities before it serves, so that no request pays for
 * it (and statement counts stay the same from the first request on).
 * The rows are entities of a private EntityManager that is never flushed: resolvers read them, never change them.
 * The cache is kept per ORM instance (a process running several databases keeps one per database).
 * Never for data a request can change (missions change through `updateMission`, on any replica).
 */
export function referenceCache<T extends object, K extends keyof T & string>(
  entity: EntityClass<T>,
  key: K,
  options: { orderBy?: FindOptions<T>["orderBy"] } = {},
): ReferenceCache<T, T[K]> {
  const tables = new WeakMap<object, Promise<Table<T, T[K]>>>();
  const read = new WeakMap<object, Table<T, T[K]>>();
  const load = (em: EntityManager, owner: object): Promise<Table<T, T[K]>> => {
    const at = performance.now();
    const loading = em
      .fork()
      .find(entity, {}, { orderBy: options.orderBy })
      .then((rows) => {
        const loadedTable = { rows, byKey: new Map(rows.map((r) => [r[key], r])), at };
        read.set(owner, loadedTable);
        tables.set(owner, Promise.resolve(loadedTable));
        return loadedTable;
      });
    return loading;
  };
  const refreshing = new WeakSet<object>();
  const table = (em: EntityManager): Promise<Table<T, T[K]>> => {
    const owner = em.getMetadata();
    const loaded = tables.get(owner);
    if (!loaded) {
      const loading = load(em, owner);
      // a failed read is not kept: the next request tries again
      loading.catch(() => tables.delete(owner));
      tables.set(owner, loading);
      return loading;
    }
    const now = read.get(owner);
    if (now && performance.now() - now.at > readSettingsOf(owner).referenceRefreshMs && !refreshing.has(owner)) {
      refreshing.add(owner);
      // Answered from the copy it has; the next reads get the new one (a failed refresh keeps the old).
      load(em, owner)
        .catch(() => undefined)
        .finally(() => refreshing.delete(owner));
    }
    return loaded;
  };
  const cache: ReferenceCache<T, T[K]> = {
    entity,
    all: async (ctx) => (await table(ctx.em)).rows,
    get: async (ctx, k) => (await table(ctx.em)).byKey.get(k) ?? null,
    lookup: (ctx, k) => {
      const owner = ctx.em.getMetadata();
      const now = read.get(owner);
      if (!now) return cache.get(ctx, k);
      if (performance.now() - now.at > readSettingsOf(owner).referenceRefreshMs) void table(ctx.em).catch(() => undefined);
      return now.byKey.get(k) ?? null;
    },
    warm: async (em) => {
      await table(em);
    },
  };
  declared.push(cache as unknown as ReferenceCache<object, unknown>);
  return cache;
}

/** Reads every declared reference cache of `entities` (a subgraph's), before the subgraph serves. */
export async function warmReferenceCaches(em: EntityManager, entities: readonly unknown[]): Promise<void> {
  await Promise.all(declared.filter((c) => entities.includes(c.entity)).map((c) => c.warm(em)));
}
