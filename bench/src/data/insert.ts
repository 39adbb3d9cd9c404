import type { SubgraphModule } from "@concert/subgraph-kit";
import { type EntityClass, wrap } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";

export type Row = Record<string, unknown>;

/** A subgraph's entity class by name: the bench follows the subgraphs' own entities, and fails loudly if one is renamed. */
export function entityOf(module: SubgraphModule, name: string): EntityClass<object> {
  const found = module.entities.find((e) => e.name === name);
  if (!found) throw new Error(`${module.name}: no entity ${name} (entities: ${module.entities.map((e) => e.name).join(", ")})`);
  return found as EntityClass<object>;
}

/**
 * Inserts `rows` as entities of `name`, in multi-row INSERT statements of `chunk` rows.
 * `em.create` fills what the entity's own initialisers give (ids, timestamps, defaults).
 */
export async function insertRows(em: EntityManager, module: SubgraphModule, name: string, rows: Row[], chunk = 1000): Promise<number> {
  if (!module.entities.some((e) => e.name === name)) {
    // The subgraphs evolve: say what could not be generated (the report's counts show it too) rather than stop.
    console.warn(`[bench] ${module.name} has no entity ${name} (yet): none generated`);
    return 0;
  }
  const entity = entityOf(module, name);
  for (let i = 0; i < rows.length; i += chunk) {
    const batch = rows.slice(i, i + chunk).map((row) => em.create(entity, row as never, { persist: false }));
    await em.insertMany(entity, batch);
    em.clear();
  }
  return rows.length;
}

/** All rows of `name` already there (reference data, seeded demo data) as plain objects, relations as keys. */
export async function existingRows(em: EntityManager, module: SubgraphModule, name: string): Promise<Row[]> {
  const found = await em.find(entityOf(module, name), {});
  const rows = found.map((e) => wrap(e).toObject() as Row);
  em.clear();
  return rows;
}

/** Drops the generated rows whose unique key a seeded row already holds. */
export function withoutExisting(rows: Row[], existing: Row[], key: (row: Row) => string): Row[] {
  const taken = new Set(existing.map(key));
  return rows.filter((row) => !taken.has(key(row)));
}

/** The columns every marked (shareable) record has; generated records are always demo data. */
export function marked(originator: string, marking: string, releasableTo: string[] = []): Row {
  const at = new Date(Date.UTC(2025, 0, 1));
  return { originator, marking, releasableTo, demo: true, version: 1, createdAt: at, updatedAt: at };
}
