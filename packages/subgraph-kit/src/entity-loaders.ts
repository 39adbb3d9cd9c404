import { readableWhere } from "@concert/policy";
import type { EntityClass, FilterQuery } from "@mikro-orm/core";
import type DataLoader from "dataloader";
import type { AuditedRecord } from "./audit.js";
import type { SubgraphContext } from "./context.js";
import { byKey, isUuid } from "./loaders.js";
import type { MarkedRecord } from "./marked-record.js";
import { served } from "./visibility.js";

/** Reference records (countries, partners, missions…) by a unique key, one statement per batch. */
export function referenceLoader<T extends object, K extends keyof T & string>(ctx: SubgraphContext, entity: EntityClass<T>, key: K): DataLoader<T[K], T | null> {
  return ctx.loaders.get<T[K], T | null>(`${entity.name}.${key}`, async (keys) =>
    byKey(keys, await ctx.em.find(entity, { [key]: { $in: [...keys] } } as FilterQuery<T>), (row) => row[key], null),
  );
}

/**
 * A small fixed taxonomy (themes, capability types…) by its key, read whole once per request: every
 * lookup of the request shares that one statement, whichever field asks first. Keyed loads batch per
 * tick, so lists resolved at different moments would otherwise each send their own.
 */
export function taxonomyLoader<T extends object, K extends keyof T & string>(ctx: SubgraphContext, entity: EntityClass<T>, key: K): DataLoader<T[K], T | null> {
  let table: Promise<T[]> | undefined;
  return ctx.loaders.get<T[K], T | null>(`${entity.name}.taxonomy`, async (keys) => {
    table ??= ctx.em.find(entity, {});
    return byKey(keys, await table, (row) => row[key], null);
  });
}

/**
 * Shareable records by id, one statement per batch: those the caller may not read resolve to
 * null, exactly like ids that do not exist.
 */
export function readableByIdLoader<T extends MarkedRecord & AuditedRecord & { id: string }>(ctx: SubgraphContext, entity: EntityClass<T>): DataLoader<string, T | null> {
  return ctx.loaders.get<string, T | null>(`${entity.name}.readable`, async (ids) => {
    const rows = await ctx.em.find(entity, { $and: [{ id: { $in: ids.filter(isUuid) } }, readableWhere(ctx.viewer)] } as FilterQuery<T>);
    return byKey(ids, served(ctx, entity.name, rows), (row) => row.id, null);
  });
}
