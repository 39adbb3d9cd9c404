import type { EntityClass, FilterQuery, QueryOrderMap } from "@mikro-orm/core";
import type { EntityManager, Knex } from "@mikro-orm/postgresql";
import type { LRUCache } from "lru-cache";
import { type CacheStats, cachePerOrm } from "./cache-per-orm.js";

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
  /** The lazy properties to read as well (a read leaves them out otherwise): where one is needed, by name. */
  lazy?: readonly (keyof T & string)[];
}

interface Compiled {
  sql: string;
  /**
   * Each binding: the index of the value it takes, the indexes of the values an array column's literal is
   * written from (`{a,b}`, as the platform writes it) or a list parameter holds (`array[?]`), or a constant of
   * the query (a limit, a boolean).
   */
  bindings: ({ value: number } | { array: number[] } | { list: number[] } | { constant: unknown })[];
}

/** What the compiled-SQL caches of the process did: hits, misses (a shape built), evictions, and the shapes kept now. */
export type CompiledSqlCacheStats = CacheStats;

/** A shape that does not compile is remembered as such (`false`), so that it is not traced again. */
const compiledShapes = cachePerOrm<Compiled | false>((settings) => settings.compiledSqlCacheSize);
const stats = compiledShapes.counters;

/** The process's compiled-SQL cache counters, for the metrics (`concert_compiled_sql_cache`). */
export function compiledSqlCacheStats(): CompiledSqlCacheStats {
  return compiledShapes.stats();
}

/** List lengths a shape distinguishes: a batch of 37 ids compiles as one of 64, so a batch's size does not multiply shapes. */
const LIST_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];
/** Operators whose list may hold a value twice without changing the answer. */
const SET_OPERATORS = new Set(["$in", "$nin", "$overlap"]);

/** `where` with each `$in`, `$nin` and `$overlap` list of scalars padded (with its last value) to its length's bucket. */
function bucketed(node: unknown): unknown {
  if (node === null || typeof node !== "object" || node instanceof Date) return node;
  if (Array.isArray(node)) return node.map(bucketed);
  const proto = Object.getPrototypeOf(node);
  if (proto !== Object.prototype && proto !== null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (SET_OPERATORS.has(key) && Array.isArray(value) && value.length > 0 && value.every((v) => v === null || typeof v !== "object")) {
      const size = LIST_BUCKETS.find((b) => b >= value.length) ?? value.length;
      out[key] = size === value.length ? value : [...value, ...Array(size - value.length).fill(value.at(-1))];
    } else out[key] = bucketed(value);
  }
  return out;
}

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

/**
 * The columns a read of `entity`'s rows selects: all of them (`*`), but for an entity with lazy properties (a sealed
 * secret, a search vector), every column but theirs, as `em.find` selects them, and those of the lazy properties
 * named in `lazy`. A lazy property is read only where it is asked for by name.
 */
function rowColumns(em: EntityManager, entity: EntityClass<unknown>, lazy: readonly string[] = []): string[] {
  const meta = em.getMetadata().get(entity.name);
  if (!meta.props.some((p) => p.lazy)) return ["*"];
  const platform = em.getPlatform();
  const populate = lazy.map((field) => ({ field }));
  return meta.props.filter((p) => platform.shouldHaveColumn(p, populate, [], false, false)).map((p) => p.name);
}

function builder<T extends object>(em: EntityManager, entity: EntityClass<T>, kind: ReadKind, where: unknown, options: ReadOptions<T>) {
  const qb = em.createQueryBuilder(entity);
  if (kind === "count") qb.count();
  else qb.select(rowColumns(em, entity, options.lazy));
  qb.where(where as FilterQuery<T>);
  if (options.orderBy) qb.orderBy(options.orderBy as never);
  if (options.limit !== undefined) qb.limit(options.limit);
  return qb;
}

interface ToSql {
  toSQL(): { sql: string; bindings: readonly unknown[] };
}

/** What a query is compiled from: a MikroORM QueryBuilder, or a knex query. */
export type SqlSource = { getKnexQuery(): ToSql } | ToSql;

/** The index of the value whose stand-in `binding` is, or -1. */
function standInIndex(binding: unknown): number {
  if (typeof binding !== "string" || !binding.startsWith(STAND_IN)) return -1;
  const index = Number.parseInt(binding.slice(STAND_IN.length), 10);
  return binding === standIn(index) ? index : -1;
}

/** The SQL of `qb` with each binding traced back to the value whose stand-in it carries; null when one is not. */
function traced(qb: SqlSource, valueCount: number): Compiled | null {
  const { sql, bindings } = ("getKnexQuery" in qb ? qb.getKnexQuery() : qb).toSQL();
  if (sql.includes(STAND_IN)) return null;
  const used = new Set<number>();
  const compiled: Compiled["bindings"] = [];
  for (const binding of bindings) {
    const index = standInIndex(binding);
    if (index >= 0) {
      used.add(index);
      compiled.push({ value: index });
      continue;
    }
    if (Array.isArray(binding) && binding.length > 0) {
      const items = binding.map(standInIndex);
      if (items.some((i) => i < 0)) return null;
      for (const i of items) used.add(i);
      compiled.push({ list: items });
      continue;
    }
    if (typeof binding === "string" && binding.startsWith("{") && binding.endsWith("}") && binding.includes(STAND_IN)) {
      const items = binding.slice(1, -1).split(",").map(standInIndex);
      if (items.some((i) => i < 0)) return null;
      for (const i of items) used.add(i);
      compiled.push({ array: items });
      continue;
    }
    // A number, boolean or null cannot be a stand-in the builder converted (they are strings): a constant of the
    // query's code or shape (a limit, a boolean in the filter), named by the key.
    if (typeof binding === "number" || typeof binding === "boolean" || binding === null) compiled.push({ constant: binding });
    else return null;
  }
  return used.size === valueCount ? { sql, bindings: compiled } : null;
}

function compiledShapesOf(em: EntityManager): LRUCache<string, Compiled | false> {
  // the compiled SQL cache's size is at least 1 (configureReads)
  return compiledShapes.of(em.getMetadata())!;
}

/**
 * A hand-built read, declared once at module level (`compiledQueryOf`): the cache's key is the definition itself, the
 * shape of the read's `where` and `extra` values and its `options`, all computed here, so no caller writes a key that
 * could miss something the SQL depends on. `build` may use nothing that varies but its arguments: `where` and `extra`
 * (with stand-ins for their values, strings whatever `X` says) and `options` (plain data, part of the key: a limit,
 * a column list, a flag).
 */
export interface CompiledQueryDefinition<X = unknown, O = undefined> {
  readonly id: string;
  readonly build: (em: EntityManager, where: unknown, extra: X[], options: O) => RunnableSql;
}

let definitions = 0;

/** Declares a hand-built read (see `CompiledQueryDefinition`); call it at module level, once per query. */
export function compiledQueryOf<X = unknown, O = undefined>(
  build: (em: EntityManager, where: unknown, extra: X[], options: O) => RunnableSql,
): CompiledQueryDefinition<X, O> {
  return Object.freeze({ id: `q${++definitions}`, build });
}

/**
 * The SQL and parameters of `query` for `where`, `extra` and `options`, built once per definition, options and shape
 * (see `CompiledRead`). Values must reach the SQL as bindings: MikroORM's `raw(sql, params)` writes its params into
 * the text, so parametrised fragments go through knex (`getKnexQuery().whereRaw(sql, params)`). Undefined when the
 * shape cannot be compiled: the caller builds the query itself.
 */
export function compiledQuery<X, O>(
  em: EntityManager,
  query: CompiledQueryDefinition<X, O>,
  where: unknown,
  extra: readonly X[],
  options: O,
): CompiledRead | undefined {
  const values: unknown[] = [];
  const padded = bucketed(where);
  const shape = shapeOf([padded, extra], values);
  if (shape === undefined) return undefined;
  const shapes = compiledShapesOf(em);
  const fullKey = `${query.id} ${JSON.stringify(options ?? null)} ${shape}`;
  let compiled = shapes.get(fullKey);
  if (compiled === undefined) {
    stats.misses++;
    const [standInWhere, standInExtra] = withStandIns([padded, extra], { i: 0 }) as [unknown, X[]];
    compiled = traced(sqlSource(query.build(em, standInWhere, standInExtra, options)), values.length) ?? false;
    shapes.set(fullKey, compiled);
  } else stats.hits++;
  if (!compiled) return undefined;
  const platform = em.getPlatform();
  return {
    sql: compiled.sql,
    params: compiled.bindings.map((b) =>
      "value" in b
        ? values[b.value]
        : "array" in b
          ? platform.marshallArray(b.array.map((i) => String(values[i])))
          : "list" in b
            ? b.list.map((i) => values[i])
            : b.constant,
    ),
  };
}

const sqlSource = (query: RunnableSql): SqlSource => query as unknown as SqlSource;

interface ReadShape {
  entity: string;
  kind: ReadKind;
  orderBy: unknown;
  limit: number | null;
  lazy: readonly string[] | null;
}

const READ = compiledQueryOf<never, ReadShape>((em, where, _extra, o) => {
  const entity = em.getMetadata().get(o.entity).class as EntityClass<object>;
  const options = { orderBy: o.orderBy as never, limit: o.limit ?? undefined, lazy: (o.lazy ?? undefined) as never };
  return builder(em, entity, o.kind, where, options) as unknown as RunnableSql;
});

const readShape = (entity: EntityClass<unknown>, kind: ReadKind, options: ReadOptions<never>): ReadShape => ({
  entity: entity.name,
  kind,
  orderBy: options.orderBy ?? null,
  limit: options.limit ?? null,
  lazy: options.lazy ?? null,
});

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
  return compiledQuery(em, READ, where, [], readShape(entity, kind, options as ReadOptions<never>));
}

/** A QueryBuilder that can also run itself, or a knex query, for shapes that do not compile. */
export type RunnableSql = ({ getKnexQuery(): ToSql } & { execute(method: "all", mapResults: false): Promise<unknown> }) | Knex.QueryBuilder;

/** Runs `query` (see `compiledQuery`) through its compiled SQL, or through its builder when its shape has none; rows as the database returns them. */
export async function runCompiled<R = Record<string, unknown>, X = unknown, O = undefined>(
  em: EntityManager,
  query: CompiledQueryDefinition<X, O>,
  where: unknown,
  extra: readonly X[],
  options: O,
): Promise<R[]> {
  const compiled = compiledQuery(em, query, where, extra, options);
  const rows = compiled
    ? await em.getConnection().execute(compiled.sql, compiled.params, "all", em.getTransactionContext(), em.getLoggerContext())
    : await runUncompiled(em, query.build(em, where, [...extra], options));
  return rows as R[];
}

function runUncompiled(em: EntityManager, query: RunnableSql): Promise<unknown> {
  return "getKnexQuery" in query
    ? query.execute("all", false)
    : em.getConnection().execute(query, [], "all", em.getTransactionContext(), em.getLoggerContext());
}

/** The definition and options that read (or count) `entity` rows: for `runCompiledUntilChanged`. */
export function readQuery<T extends object>(
  entity: EntityClass<T>,
  kind: ReadKind,
  options: ReadOptions<T> = {},
): [CompiledQueryDefinition<never, ReadShape>, ReadShape] {
  return [READ, readShape(entity, kind, options as ReadOptions<never>)];
}

/** Runs a read of `kind` through its compiled SQL, or through the QueryBuilder when its shape has none. */
export function runRead<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  kind: ReadKind,
  where: unknown,
  options: ReadOptions<T> = {},
): Promise<Record<string, unknown>[]> {
  return runCompiled(em, READ, where, [], readShape(entity, kind, options as ReadOptions<never>));
}
