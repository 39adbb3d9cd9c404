import type { EntityClass } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { findPlain } from "./plain-rows.js";

/**
 * Whole tables of immutable reference data (countries, themes, capability types…), read once per
 * process and database, as plain rows. Keyed by the ORM's metadata, so two systems in one process
 * (as in tests) each read their own. Only for tables no operation writes after seeding: a table
 * that changes (missions, partners) must be read per request.
 */
const tables = new WeakMap<object, Map<string, Promise<Map<unknown, unknown>>>>();

/** The rows of `entity` by `key`, from the process's copy (read on first use; a failed read is retried). */
export function cachedTable<T extends object, K extends keyof T & string>(
  em: EntityManager,
  entity: EntityClass<T>,
  key: K,
): Promise<Map<T[K], T>> {
  const metadata = em.getMetadata();
  let byEntity = tables.get(metadata);
  if (!byEntity) {
    byEntity = new Map();
    tables.set(metadata, byEntity);
  }
  const name = `${entity.name}.${key}`;
  let table = byEntity.get(name);
  if (!table) {
    table = findPlain(em, entity, {}).then((rows) => new Map(rows.map((row) => [row[key], row])));
    table.catch(() => byEntity.delete(name));
    byEntity.set(name, table);
  }
  return table as Promise<Map<T[K], T>>;
}
