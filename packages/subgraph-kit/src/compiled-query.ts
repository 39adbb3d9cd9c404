import type { EntityClass, FilterQuery, MetadataStorage, QueryOrderMap } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";

/**
 * A read's SQL, built once per shape of its filter. MikroORM's QueryBuilder turns a filter into SQL by walking
 * criteria nodes, metadata and knex, which costs more CPU than PostgreSQL spends answering the small indexed
 * reads of a GraphQL operation. The SQL depends only on the filter's shape (its keys, operators, nulls,
 * booleans and list lengths), not on its values: so the builder runs once per shape with a stand-in for each
 * value, and each later read of that shape binds its own values in their place.
 *
 * A shape is compiled only when every stand-in comes back as a binding of its own, untouched: a value the
 * builder converts, inlines or drops (a custom type, a raw fragment) makes the shape uncompilable, and such
 * reads go through the QueryBuilder every time, as before.
 */
export interface CompiledRead {
  sql: string;
  params: unknown[];
}

export type ReadKind = "rows" | "count";

export interface ReadOptions<T> {
  orderBy?: QueryOrderMap<T> | QueryOrderMap<T>[];
  limit?: number;
}

interface Compiled {
  sql: string;
  /** Each binding: the index of the filter value it takes, or a constant of the shape (the limit). */
  bindings: ({ value: number } | { constant: unknown })[];
}

/** Distinct shapes kept per metadata: filters come from code, so their shapes are few; past this, reads are built. */
const MAX_SHAPES = 2000;
const compiledShapes = new WeakMap<MetadataStorage, Map<string, Compiled | null>>();

const STAND_IN = "\u0001concert-value-";
const standIn = (i: number) => `${STAND_IN}${i}\u0001`;

/**
 * The shape of `where` as a string, collecting its values into `values` in the order they are met; undefined
 * when it holds anything other than plain objects, arrays and scalars (an entity, a raw fragment…).
 */
function shapeOf(node: unknown, values: unknown[]): string | undefined {
  if (node === null) return "n";
  if (node === undefined) return "u";
  switch (typeof node) {
    case "boolean":
      return node ? "t" : "f";
    case "string":
    case "number":
    case "bigint":
      values.push(node);
      return "?";
    case "object": {
      if (node instanceof Date) {
        values.push(node);
        return "?d";
      }
      if (Array.isArray(node)) {
        const parts: string[] = [];
        for (const item of node) {
          const part = shapeOf(item, values);
          if (part === undefined) return undefined;
          parts.push(part);
        }
        return `[${parts.join(",")}]`;
      }
      const proto = Object.getPrototypeOf(node);
      if (proto !== Object.prototype && proto !== null) return undefined;
      const parts: string[] = [];
      for (const key of Object.keys(node)) {
        // MikroORM's raw() fragments travel as keys; their SQL is not the key's text.
        if (key.startsWith("[raw]")) return undefined;
        const part = shapeOf((node as Record<string, unknown>)[key], values);
        if (part === undefined) return undefined;
        parts.push(`${JSON.stringify(key)}:${part}`);
      }
      return `{${parts.join(",")}}`;
    }
    default:
      return undefined;
  }
}

/** `where` with each value replaced by its stand-in, in the order `shapeOf` met them. */
function withStandIns(node: unknown, next: { i: number }): unknown {
  if (node === null || node === undefined || typeof node === "boolean") return node;
  if (typeof node !== "object" || node instanceof Date) return standIn(next.i++);
  if (Array.isArray(node)) return node.map((item) => withStandIns(item, next));
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, withStandIns(v, next)]));
}

function builder<T extends object>(em: EntityManager, entity: EntityClass<T>, kind: ReadKind, where: unknown, options: ReadOptions<T>) {
  const qb = em.createQueryBuilder(entity);
  if (kind === "count") qb.count();
  else qb.select("*");
  qb.where(where as FilterQuery<T>);
  if (options.orderBy) qb.orderBy(options.orderBy as never);
  if (options.limit !== undefined) qb.limit(options.limit);
  return qb;
}

function compile<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  kind: ReadKind,
  where: unknown,
  options: ReadOptions<T>,
  valueCount: number,
): Compiled | null {
  const { sql, bindings } = builder(em, entity, kind, withStandIns(where, { i: 0 }), options)
    .getKnexQuery()
    .toSQL();
  if (sql.includes(STAND_IN)) return null;
  const used = new Set<number>();
  const compiled: Compiled["bindings"] = [];
  for (const binding of bindings) {
    const index = typeof binding === "string" && binding.startsWith(STAND_IN) ? Number.parseInt(binding.slice(STAND_IN.length), 10) : -1;
    if (index >= 0 && binding === standIn(index)) {
      used.add(index);
      compiled.push({ value: index });
    } else if (typeof binding === "number" && binding === options.limit) {
      compiled.push({ constant: binding });
    } else {
      return null;
    }
  }
  return used.size === valueCount ? { sql, bindings: compiled } : null;
}

/**
 * The SQL and parameters of reading `entity` rows (or counting them) that match `where`, built by the
 * QueryBuilder once per shape of the filter (see `CompiledRead`); undefined when the shape cannot be compiled.
 */
export function compiledRead<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  kind: ReadKind,
  where: unknown,
  options: ReadOptions<T> = {},
): CompiledRead | undefined {
  const values: unknown[] = [];
  const shape = shapeOf(where, values);
  if (shape === undefined) return undefined;
  const metadata = em.getMetadata();
  let shapes = compiledShapes.get(metadata);
  if (!shapes) {
    shapes = new Map();
    compiledShapes.set(metadata, shapes);
  }
  const key = `${entity.name} ${kind} ${shape} ${JSON.stringify(options.orderBy ?? null)} ${options.limit ?? ""}`;
  let compiled = shapes.get(key);
  if (compiled === undefined) {
    compiled = compile(em, entity, kind, where, options, values.length);
    if (shapes.size < MAX_SHAPES) shapes.set(key, compiled);
  }
  if (!compiled) return undefined;
  return { sql: compiled.sql, params: compiled.bindings.map((b) => ("value" in b ? values[b.value] : b.constant)) };
}

/** Runs a read of `kind` through its compiled SQL, or through the QueryBuilder when its shape has none. */
export async function runRead<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  kind: ReadKind,
  where: unknown,
  options: ReadOptions<T> = {},
): Promise<Record<string, unknown>[]> {
  const compiled = compiledRead(em, entity, kind, where, options);
  if (!compiled) return builder(em, entity, kind, where, options).execute<Record<string, unknown>[]>("all", false);
  return em.getConnection().execute<Record<string, unknown>[]>(compiled.sql, compiled.params, "all", em.getTransactionContext());
}
