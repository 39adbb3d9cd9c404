import DataLoader from "dataloader";

/**
 * The DataLoaders of one request, created on first use. Each batches the loads of one kind
 * made while resolving a level of the query into a single SQL statement.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<ArrayLike<V | Error>>): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<K, V>(batch) as DataLoader<unknown, unknown>;
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/** Orders batch results by key: one value per key, or `missing` where none was found. */
export function byKey<K, V, M>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K, missing: M): (V | M)[] {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? missing);
}

/** Groups batch results by key: a (possibly empty) list per key. */
export function groupByKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>(keys.map((k) => [k, []]));
  for (const row of rows) map.get(keyOf(row))?.push(row);
  return keys.map((k) => map.get(k)!);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids that are not UUIDs cannot exist; filtering them out keeps them from reaching SQL. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
