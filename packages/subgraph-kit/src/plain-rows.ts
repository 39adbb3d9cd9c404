import { type EntityClass, type FilterQuery, ReferenceKind } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { type ReadOptions, runRead } from "./compiled-query.js";

/**
 * Rows as the database returned them (e.g. from `runCompiled`), as plain objects under the entity's property names,
 * with the driver's value mapping (dates, numbers…) and nothing more: no entity hydration, identity map or change
 * tracking, which cost most of the CPU of a large read. For read-only paths: GraphQL object types resolve these rows
 * as they resolve entities, provided their field resolvers read properties only (a relation is its key's value
 * here, not a Reference). Writes still load entities.
 */
export function mappedRows<T extends object>(em: EntityManager, entity: EntityClass<T>, rows: Record<string, unknown>[]): T[] {
  const meta = em.getMetadata().get<T>(entity.name);
  const driver = em.getDriver();
  return rows.map((row) => driver.mapResult(row as never, meta) as T);
}

/**
 * Read-only rows of `entity` as plain objects shaped like the entity, without MikroORM's hydration,
 * identity map or change tracking: columns under their property names, and each many-to-one as
 * `{ <key>: value }` (or null), as a reference would read. For read paths that serve rows straight
 * to GraphQL; writes load entities.
 *
 * Each row is an instance of the entity's class as far as `instanceof` goes (type-graphql would
 * otherwise construct an entity for every field resolver's `@Root`), but its properties are its own:
 * the entity's constructor does not run and MikroORM's property setters are never reached.
 */
export async function findPlain<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T> | Record<string, unknown>,
  options: ReadOptions<T> = {},
): Promise<T[]> {
  const rows = await runRead(em, entity, "rows", where, options);
  const meta = em.getMetadata().get<T>(entity.name);
  const driver = em.getDriver();
  const { references, Row } = shapeOf(em, entity);
  return rows.map((raw) => {
    const row = driver.mapResult(raw as never, meta) as Record<string, unknown>;
    for (const [property, key] of references) {
      const value = row[property];
      row[property] = value === null || value === undefined ? null : { [key]: value };
    }
    return Object.assign(new Row(), row) as T;
  });
}

/** How many rows of `entity` match `where`: `em.count` without its per-call query building (see `compiledRead`). */
export async function countPlain<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T> | Record<string, unknown>,
): Promise<number> {
  const [row] = await runRead(em, entity, "count", where);
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
