import type { MarkedType } from "@concert/policy";
import type { EntityClass, FilterQuery, FindOptions } from "@mikro-orm/core";
import type DataLoader from "dataloader";
import type { AuditedRecord } from "./audit.js";
import type { SubgraphContext } from "./context.js";
import { byKey, isUuid } from "./loaders.js";
import { readableFilter } from "./readable.js";
import { served } from "./visibility.js";

/** Reference records (countries, partners, missions…) by a unique key, one statement per batch. */
export function referenceLoader<T extends object, K extends keyof T & string>(
  ctx: SubgraphContext,
  entity: EntityClass<T>,
  key: K,
): DataLoader<T[K], T | null> {
  return ctx.loaders.get<T[K], T | null>(`${entity.name}.${key}`, async (keys) =>
    byKey(keys, await ctx.em.find(entity, { [key]: { $in: [...keys] } } as FilterQuery<T>), (row) => row[key], null),
  );
}

/**
 * A small fixed taxonomy (themes, capability types…) by its key, read whole once per request: every
 * lookup of the request shares that one statement, whichever field asks first. Keyed loads batch per
 * tick, so lists resolved at different moments would otherwise each send their own.
 */
export function taxonomyLoader<T extends object, K extends keyof T & string>(
  ctx: SubgraphContext,
  entity: EntityClass<T>,
  key: K,
): DataLoader<T[K], T | null> {
  let table: Promise<T[]> | undefined;
  return ctx.loaders.get<T[K], T | null>(`${entity.name}.taxonomy`, async (keys) => {
    table ??= ctx.em.find(entity, {});
    return byKey(keys, await table, (row) => row[key], null);
  });
}

type Shared = AuditedRecord & object;

/** The read options of a type: a type with a parent loads it with each row, for the loaded-row check. */
function withParent(type: MarkedType): { populate?: never } {
  return type.parent ? { populate: [type.spec.parent!.property] as never } : {};
}

/**
 * Shareable records of `type` by a unique key (by default the id), one statement per batch: those the caller
 * may not read resolve to null, exactly like keys that do not exist. Ids that are not UUIDs never reach SQL.
 */
export function readableByKeyLoader<T extends Shared, K extends keyof T & string>(
  ctx: SubgraphContext,
  type: MarkedType,
  entity: EntityClass<T>,
  key: K,
): DataLoader<T[K], T | null> {
  return ctx.loaders.get<T[K], T | null>(`${entity.name}.readableBy.${key}`, async (keys) => {
    const wanted = key === "id" ? keys.filter((k) => isUuid(String(k))) : [...keys];
    const rows: T[] = await ctx.em.find(entity, readableFilter<T>(ctx, type, { [key]: { $in: wanted } }), withParent(type));
    return byKey(keys, served(ctx, type, rows), (row) => row[key], null);
  });
}

export function readableByIdLoader<T extends Shared & { id: string }>(
  ctx: SubgraphContext,
  type: MarkedType,
  entity: EntityClass<T>,
): DataLoader<string, T | null> {
  return readableByKeyLoader(ctx, type, entity, "id") as DataLoader<string, T | null>;
}

/** What a grouped loader reads: which rows, in what order, and under which keys each row is listed. */
export interface Grouping<T, K> {
  /** Distinguishes loaders of the same entity in the request's cache. */
  name: string;
  /** The rows of the keys asked (the policy's filter is added). */
  where: (keys: readonly K[]) => FilterQuery<T> | Record<string, unknown>;
  /** The key, or keys, a row is listed under. */
  keysOf: (row: T) => K | readonly K[];
  orderBy?: FindOptions<T>["orderBy"];
}

/**
 * Readable rows of `type` grouped by key, one statement per batch: a (possibly empty) list per key, each in
 * the order asked, with the reads noted in the audit trail.
 */
export function readableGroupedLoader<T extends Shared, K>(
  ctx: SubgraphContext,
  type: MarkedType,
  entity: EntityClass<T>,
  grouping: Grouping<T, K>,
): DataLoader<K, T[]> {
  return ctx.loaders.get<K, T[]>(`${entity.name}.${grouping.name}`, async (keys) => {
    const rows: T[] = await ctx.em.find(entity, readableFilter<T>(ctx, type, grouping.where(keys)), {
      ...withParent(type),
      orderBy: grouping.orderBy,
    });
    const groups = new Map<K, T[]>(keys.map((k) => [k, []]));
    for (const row of served(ctx, type, rows)) {
      const of = grouping.keysOf(row);
      for (const key of new Set(Array.isArray(of) ? (of as readonly K[]) : [of as K])) groups.get(key)?.push(row);
    }
    return keys.map((k) => groups.get(k)!);
  });
}
