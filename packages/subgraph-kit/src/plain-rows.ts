import type { MarkedType } from "@concert/policy";
import { type EntityClass, type EntityProperty, type FilterQuery, ReferenceKind } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { type CompiledQueryDefinition, type ReadOptions, readQuery } from "./compiled-query.js";
import { runCompiledUntilChanged } from "./until-changed.js";

export declare const plainRowMark: unique symbol;

/**
 * The one shape of a row read for display (`findPlain`, `queryPlain`, paginated plain lists): the entity's columns under
 * its property names, each many-to-one as `{ <key>: value }` (or null) as an unloaded reference reads, and `Extra`, the
 * columns a hand-built read selects beside them (a joined parent's owner…). Read-only, and branded so that a function
 * that takes only plain rows can say so. It is never an entity: writes load their entities (MikroORM's `persist`,
 * `assign` and `wrap` take any object, so only a kit's own signature can refuse a plain row; see docs/architecture.md).
 */
export type PlainRow<T, Extra = unknown> = Readonly<T> & Readonly<Extra> & PlainRowMark;

/** What marks a `PlainRow`, to types only (a row has no such property). */
export interface PlainRowMark {
  readonly [plainRowMark]: true;
}

/**
 * Read-only rows of `entity` as plain objects (see `PlainRow`), without MikroORM's hydration, identity map or change
 * tracking, which cost most of the CPU of a large read. For read paths that serve rows straight to GraphQL. Like
 * `em.find`, it leaves the entity's lazy properties out (a rule's sealed secret): they stay undefined on each row.
 *
 * Each row is an instance of the entity's class as far as `instanceof` goes (type-graphql would otherwise construct
 * an entity for every field resolver's `@Root`), but its properties are its own: the entity's constructor does not run
 * and MikroORM's property setters are never reached.
 */
export async function findPlain<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T> | Record<string, unknown>,
  options: ReadOptions<T> = {},
  /** The data version every write to the entity's table moves: the database's rows are kept until it does (see `queryPlain`). */
  keptUntil?: string,
): Promise<PlainRow<T>[]> {
  const [query, shape] = readQuery(entity, "rows", options);
  return plainRowsOf(em, entity, await runCompiledUntilChanged(em, keptUntil, query, where, [], shape));
}

/**
 * A hand-built read (`compiledQueryOf`) whose rows are rows of `entity`, as plain rows (see `PlainRow`): columns it
 * selects beside the entity's are kept as they come, typed by `Extra`.
 */
export async function queryPlain<T extends object, Extra = unknown, X = unknown, O = undefined>(
  em: EntityManager,
  entity: EntityClass<T>,
  query: CompiledQueryDefinition<X, O>,
  where: unknown,
  extra: readonly X[],
  options: O,
  /**
   * The data version every write to the tables the query reads moves: the database's rows are kept until it does
   * (`runCompiledUntilChanged`), and each call makes its own plain rows of them.
   */
  keptUntil?: string,
): Promise<PlainRow<T, Extra>[]> {
  return plainRowsOf(em, entity, await runCompiledUntilChanged(em, keptUntil, query, where, extra, options));
}

function plainRowsOf<T extends object, Extra>(em: EntityManager, entity: EntityClass<T>, rows: readonly unknown[]): PlainRow<T, Extra>[] {
  const meta = em.getMetadata().get<T>(entity.name);
  const driver = em.getDriver();
  const { references, Row } = shapeOf(em, entity);
  return rows.map((raw) => {
    const row = driver.mapResult(raw as never, meta) as Record<string, unknown>;
    for (const [property, key] of references) {
      const value = row[property];
      row[property] = value === null || value === undefined ? null : { [key]: value };
    }
    return Object.assign(new Row(), row) as PlainRow<T, Extra>;
  });
}

/** How many rows of `entity` match `where`: `em.count` without its per-call query building (see `compiledRead`). */
export async function countPlain<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T> | Record<string, unknown>,
  /** The data version that every write changing the count moves: the count is kept until it does (`runCompiledUntilChanged`). */
  keptUntil?: string,
): Promise<number> {
  const [query, shape] = readQuery(entity, "count");
  const [row] = await runCompiledUntilChanged<{ count: unknown }, never, typeof shape>(em, keptUntil, query, where, [], shape);
  return Number(row?.count ?? 0);
}

interface Shape {
  /** The many-to-one properties, each with its target's primary key. */
  references: [string, string][];
  /** Objects whose prototype chain reaches the entity's, with every property shadowed by a plain writable slot. */
  Row: new () => object;
}

const shapes = new WeakMap<object, Map<string, Shape>>();

function shapeOf(em: EntityManager, entity: EntityClass<unknown>): Shape {
  const metadata = em.getMetadata();
  let byEntity = shapes.get(metadata);
  if (!byEntity) {
    byEntity = new Map();
    shapes.set(metadata, byEntity);
  }
  let shape = byEntity.get(entity.name);
  if (!shape) {
    const meta = metadata.get(entity.name);
    const slot = { value: undefined, writable: true, enumerable: false, configurable: true };
    const slots: PropertyDescriptorMap = Object.fromEntries(Object.keys(meta.properties).map((name) => [name, slot]));
    // A row serializes as its own properties, not through MikroORM's entity serializer.
    slots.toJSON = {
      value(this: object) {
        return { ...this };
      },
      writable: true,
      configurable: true,
    };
    const prototype = Object.create(entity.prototype, slots) as object;
    const Row = function Row(this: object) {} as unknown as new () => object;
    Row.prototype = prototype;
    shape = {
      references: Object.values(meta.properties)
        .filter((p) => p.kind === ReferenceKind.MANY_TO_ONE)
        .map((p) => [p.name, metadata.get(p.type).primaryKeys[0]!]),
      Row,
    };
    byEntity.set(entity.name, shape);
  }
  return shape;
}

/** Whether a property's column is large to read and parse: free text, an array, JSON (an enum's text is not). */
const isLarge = (prop: EntityProperty) => !prop.enum && /^(text|jsonb?)$|\[\]$/.test(prop.columnTypes?.[0] ?? "");

/** The columns of `entity`'s key, its properties that `wanted` accepts and what `declaration`'s readability reads. */
function columnsWhere<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  declaration: MarkedType,
  wanted: (prop: EntityProperty<T>) => boolean,
): string[] {
  const governing = new Set(declaration.governingProperties);
  const columns: string[] = [];
  for (const prop of em.getMetadata().get<T>(entity.name).props) {
    if (!prop.fieldNames || (prop.kind !== ReferenceKind.SCALAR && prop.kind !== ReferenceKind.MANY_TO_ONE)) continue;
    if (prop.primary || governing.has(prop.name) || wanted(prop)) columns.push(...prop.fieldNames);
  }
  return columns;
}

/**
 * The columns a plain read of `entity` needs for a selection (`selected`: the GraphQL fields asked of its rows, e.g.
 * `selectedAt(info, ["latestAssessments"])`): every column but its large ones (free text, arrays, JSON) and lazy ones,
 * and of those the ones whose field is asked (a field named like its property); always its key and what
 * `declaration`'s readability is decided by. Null, every column, when the selection is unknown. A field resolver
 * that reads a large column under another name must not be served from such a read.
 */
export function columnsFor<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  declaration: MarkedType,
  selected: ReadonlySet<string> | null,
): string[] | null {
  if (!selected) return null;
  return columnsWhere(em, entity, declaration, (prop) => selected.has(prop.name) || (!prop.lazy && !isLarge(prop)));
}

/** The columns of `properties` of `entity`, with its key and what `declaration`'s readability is decided by. */
export function columnsOf<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  declaration: MarkedType,
  properties: readonly string[],
): string[] {
  return columnsWhere(em, entity, declaration, (prop) => properties.includes(prop.name));
}
