import { canRead, type Marked, readableWhere, type Viewer } from "@concert/policy";
import type { EntityClass, FilterQuery } from "@mikro-orm/core";
import type { AuditedRecord } from "./audit.js";
import type { SubgraphContext } from "./context.js";
import { type OrderKey, type Page, type PageArgs, type PageOptions, paginate } from "./pagination.js";
import { served } from "./visibility.js";

/**
 * Who may read a kind of record, as the policy answers it: once as a database filter (for lists,
 * counts and batched loads) and once on a loaded row (for entity resolution and nested fields).
 * The two must agree. Most records are read by their marking alone; a kind with a further rule
 * (risk assessments: drafts stay with their author) builds its own from the policy's functions.
 */
export interface Readability<T> {
  where(viewer: Viewer): Record<string, unknown>;
  check(viewer: Viewer, record: T): boolean;
}

/** The marking rule alone. */
export const BY_MARKING: Readability<Marked> = { where: (viewer) => readableWhere(viewer), check: canRead };

/**
 * `where`, narrowed in SQL to the records the caller may read: the one way queries, loaders and
 * query builders apply the policy. Without `where`, all the readable records.
 */
export function readableFilter<T>(
  ctx: SubgraphContext,
  where?: FilterQuery<T> | Record<string, unknown>,
  readability: Readability<never> = BY_MARKING,
): FilterQuery<T> {
  const readable = readability.where(ctx.viewer);
  return (where === undefined ? readable : { $and: [where, readable] }) as FilterQuery<T>;
}

/** Keeps the rows the caller may read and notes audited reads (see `served`). */
export function servedRows<T extends Marked & AuditedRecord>(
  ctx: SubgraphContext,
  entityType: string,
  rows: readonly T[],
  readability: Readability<T> = BY_MARKING,
): T[] {
  return served(ctx, entityType, readability === BY_MARKING ? rows : rows.filter((r) => readability.check(ctx.viewer, r)));
}

/**
 * One page of the readable records of `entity` matching `where` (see `paginate`), their reads noted;
 * pass the connection field's `info` so that `totalCount` is counted only when asked for (see `PageOptions`).
 */
export async function readablePage<T extends Marked & AuditedRecord & object>(
  ctx: SubgraphContext,
  entity: EntityClass<T>,
  where: FilterQuery<NoInfer<T>> | Record<string, unknown>,
  page: PageArgs,
  order: readonly OrderKey<NoInfer<T>>[],
  readability: Readability<NoInfer<T>> = BY_MARKING,
  options: PageOptions = {},
): Promise<Page<T>> {
  const filter = readableFilter<T>(ctx, where, readability as Readability<never>);
  const result = await paginate<T>(ctx.em, entity, filter, page, order, options);
  servedRows(ctx, entity.name, result.nodes, readability);
  return result;
}
