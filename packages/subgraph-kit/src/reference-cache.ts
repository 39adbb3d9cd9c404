import type { EntityClass, FindOptions } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { SubgraphContext } from "./context.js";

interface Table<T, K> {
  rows: readonly T[];
  byKey: ReadonlyMap<K, T>;
}

/** A reference table read once per database and kept for the process's lifetime. */
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
 * Immutable reference data (risk factors, indicators, themes, capability types, countries…: tables that only
 * migrations and seeds write) read whole once and kept for the process's lifetime, instead of once per request.
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
  const table = (em: EntityManager): Promise<Table<T, T[K]>> => {
    const owner = em.getMetadata();
    let loaded = tables.get(owner);
    if (!loaded) {
      loaded = em
        .fork()
        .find(entity, {}, { orderBy: options.orderBy })
        .then((rows) => {
          const loadedTable = { rows, byKey: new Map(rows.map((r) => [r[key], r])) };
          read.set(owner, loadedTable);
          return loadedTable;
        });
      // a failed read is not kept: the next request tries again
      loaded.catch(() => tables.delete(owner));
      tables.set(owner, loaded);
    }
    return loaded;
  };
  const cache: ReferenceCache<T, T[K]> = {
    entity,
    all: async (ctx) => (await table(ctx.em)).rows,
    get: async (ctx, k) => (await table(ctx.em)).byKey.get(k) ?? null,
    lookup: (ctx, k) => {
      const now = read.get(ctx.em.getMetadata());
      return now ? (now.byKey.get(k) ?? null) : cache.get(ctx, k);
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
