import { type EntityClass, type FilterQuery, type QueryOrderMap, ReferenceKind } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";

/**
 * Read-only rows of `entity` as plain objects shaped like the entity, without MikroORM's hydration,
 * identity map or change tracking: columns under their property names, and each many-to-one as
 * `{ <key>: value }` (or null), as a reference would read. For read paths that serve rows straight
 * to GraphQL; writes load entities.
 */
export async function findPlain<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T> | Record<string, unknown>,
  options: { orderBy?: QueryOrderMap<T> | QueryOrderMap<T>[]; limit?: number } = {},
): Promise<T[]> {
  const qb = em
    .createQueryBuilder(entity)
    .select("*")
    .where(where as FilterQuery<T>);
  if (options.orderBy) qb.orderBy(options.orderBy as never);
  if (options.limit !== undefined) qb.limit(options.limit);
  const rows = await qb.execute<Record<string, unknown>[]>("all", true);
  const references = referencesOf(em, entity);
  for (const row of rows) {
    for (const [property, key] of references) {
      const value = row[property];
      row[property] = value === null || value === undefined ? null : { [key]: value };
    }
  }
  return rows as T[];
}

/** The many-to-one properties of an entity, each with its target's primary key. */
function referencesOf(em: EntityManager, entity: EntityClass<unknown>): [string, string][] {
  const meta = em.getMetadata().get(entity.name);
  return Object.values(meta.properties)
    .filter((p) => p.kind === ReferenceKind.MANY_TO_ONE)
    .map((p) => [p.name, em.getMetadata().get(p.type).primaryKeys[0]!]);
}
