import type { MarkedType } from "@concert/policy";
import type { EntityClass, FilterQuery } from "@mikro-orm/core";
import type { AuditedRecord } from "./audit.js";
import type { SubgraphContext } from "./context.js";
import { type OrderKey, type Page, type PageArgs, type PageOptions, paginate } from "./pagination.js";
import { served } from "./visibility.js";

/**
 * `where`, narrowed in SQL to the records of `type` the caller may read (the declaration's `where`): the one way
 * queries, loaders and query builders apply the policy. Without `where`, all the readable records.
 */
export function readableFilter<T>(
  ctx: SubgraphContext,
  type: MarkedType,
  where?: FilterQuery<T> | Record<string, unknown>,
): FilterQuery<T> {
  const readable = type.where(ctx.viewer);
  return (where === undefined ? readable : { $and: [where, readable] }) as FilterQuery<T>;
}

/**
 * The parents of rows of a type with a parent, where a row holds only the parent's key (a plain row, an unloaded
 * reference): one statement per batch. The loaded-row check needs them (see `MarkedType.canRead`).
 */
export async function parentsOf(ctx: SubgraphContext, type: MarkedType, rows: readonly object[]): Promise<Map<string, object>> {
  const parents = new Map<string, object>();
  const parent = type.parent;
  if (!parent) return parents;
  const missing = new Set<string>();
  for (const row of rows) {
    const key = type.parentKeyOf(row);
    const loaded = type.parentOf(row);
    if (loaded) parents.set(key ?? "", loaded);
    else if (key !== null) missing.add(key);
  }
  if (missing.size > 0) {
    const found = await ctx.em.find<object>(parent.type, { [parent.key]: { $in: [...missing] } });
    for (const row of found) parents.set(String((row as Record<string, unknown>)[parent.key]), row);
  }
  return parents;
}

/**
 * One page of the readable records of `type` (stored as `entity`) matching `where` (see `paginate`), their reads
 * noted; pass the connection field's `info` so that `totalCount` is counted only when asked for (see `PageOptions`).
 */
export async function readablePage<T extends AuditedRecord & object>(
  ctx: SubgraphContext,
  type: MarkedType,
  entity: EntityClass<T>,
  where: FilterQuery<NoInfer<T>> | Record<string, unknown>,
  page: PageArgs,
  order: readonly OrderKey<NoInfer<T>>[],
  options: PageOptions = {},
): Promise<Page<T>> {
  const filter = readableFilter<T>(ctx, type, where);
  const result = await paginate<T>(ctx.em, entity, filter, page, order, options);
  served(ctx, type, result.nodes, await parentsOf(ctx, type, result.nodes));
  return result;
}
