import { randomUUID } from "node:crypto";
import type { SubgraphModule } from "@concert/subgraph-kit/server";
import { type EntityClass, ReferenceKind, wrap } from "@mikro-orm/core";
import type { EntityManager, Knex } from "@mikro-orm/postgresql";

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

/**
 * Inserts `rows` of `name` as plain column rows through knex, in the running transaction, without an entity per row:
 * the many rows `--scale` adds (em.create and its SQL are most of the loading time). What the entity's initialisers
 * give a row that lacks it is taken from one entity made from the first row: a fresh UUID for a UUID key, the same
 * constant (1, [], a default enum) otherwise; an auto-increment key is left to PostgreSQL.
 */
export async function insertPlainRows(em: EntityManager, module: SubgraphModule, name: string, rows: Row[]): Promise<number> {
  if (!rows.length) return 0;
  const entity = entityOf(module, name);
  const meta = em.getMetadata().get(entity.name);
  const template = em.create(entity, rows[0] as never, { persist: false }) as Row;
  em.clear();
  const platform = em.getPlatform();
  const columns = meta.props.filter(
    (p) =>
      p.persist !== false &&
      !p.formula &&
      p.fieldNames?.length === 1 &&
      (p.kind === ReferenceKind.SCALAR || p.kind === ReferenceKind.MANY_TO_ONE || (p.kind === ReferenceKind.ONE_TO_ONE && p.owner)) &&
      !(p.primary && p.autoincrement),
  );
  const uuidKey = (p: (typeof columns)[number]) => p.primary && typeof template[p.name] === "string" && !(p.name in rows[0]!);
  const toColumns = (row: Row) => {
    const out: Row = {};
    for (const p of columns) {
      let value = p.name in row ? row[p.name] : uuidKey(p) ? randomUUID() : template[p.name];
      if (value === undefined) continue;
      if (p.customType && value !== null) value = p.customType.convertToDatabaseValue(value, platform, { mode: "query" });
      out[p.fieldNames[0]!] = value;
    }
    return out;
  };
  const knex = (em.getTransactionContext<Knex.Transaction>() ?? em.getKnex()) as Knex;
  // PostgreSQL takes at most 65,535 parameters a statement.
  const chunk = Math.max(1, Math.floor(60_000 / columns.length));
  for (let i = 0; i < rows.length; i += chunk) await knex(meta.tableName).insert(rows.slice(i, i + chunk).map(toColumns));
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
