import type { EntityClass } from "@mikro-orm/core";
import type { EntityManager, Knex } from "@mikro-orm/postgresql";

/**
 * Runs `query` (knex, or a QueryBuilder's `getKnexQuery()`) and returns its rows as plain objects under the
 * entity's property names, with the driver's value mapping (dates, numbers…) and nothing more: no entity
 * hydration, identity map or change tracking, which cost most of the CPU of a large read. For read-only paths:
 * GraphQL object types resolve these rows as they resolve entities, provided their field resolvers read
 * properties only (a relation is its key's value here, not a Reference). Writes still load entities.
 */
export async function plainRows<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  query: Knex.QueryBuilder | Knex.Raw,
): Promise<T[]> {
  const meta = em.getMetadata().get<T>(entity.name);
  const driver = em.getDriver();
  const rows = await em.getConnection().execute<Record<string, unknown>[]>(query);
  return rows.map((row) => driver.mapResult(row as never, meta) as T);
}
