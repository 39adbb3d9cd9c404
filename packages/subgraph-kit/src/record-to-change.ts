import { type Marked, markedType } from "@concert/policy";
import type { EntityClass, FilterQuery } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { SubgraphContext } from "./context.js";
import { notFound } from "./errors.js";
import { isUuid } from "./loaders.js";
import { expectVersion } from "./writes.js";

/** Which record a write changes, and what the caller must be allowed for it. */
export interface Change<T> {
  /** GraphQL type name, used in messages and to find the type's declaration. */
  type: string;
  /** The record's key as the client wrote it. */
  id: string;
  /** The column `id` is matched against; `id` (a UUID) by default. */
  key?: keyof T & string;
  /** The `version` the client read; null: any (see the write flow's `Target`). */
  expectedVersion: number | null;
  /**
   * Whether the caller may see the record at all; one it may not see is NOT_FOUND like a missing one.
   * By default: the declaration of `type` (packages/policy) for marked records; an undeclared marked record is denied.
   */
  visible?: (record: T) => boolean;
  /** Refuses (throws) when the caller may see the record but not make this change. */
  allow?: (record: T) => void;
}

function isMarked(record: object): record is Marked {
  return "marking" in record && "originator" in record;
}

/**
 * Loads a record to change it, inside the write's transaction, with every check in one order:
 * a malformed id and an invisible record are NOT_FOUND like a missing one (and a malformed id
 * never reaches SQL); `allow` refuses callers who may not make the change; a version other than
 * the one the caller read is a CONFLICT.
 */
export async function recordToChange<T extends { version: number }>(
  ctx: SubgraphContext,
  em: EntityManager,
  entity: EntityClass<T>,
  change: Change<T>,
): Promise<T> {
  const key = change.key ?? "id";
  const wellFormed = key !== "id" || isUuid(change.id);
  const declared = markedType(change.type);
  const populate = declared?.parent ? { populate: [declared.spec.parent!.property] as never } : {};
  const record = wellFormed ? await em.findOne(entity, { [key]: change.id } as FilterQuery<T>, populate) : null;
  const visible = change.visible ?? ((r: T) => (declared ? declared.canRead(ctx.viewer, r) : !isMarked(r)));
  if (!record || !visible(record)) throw notFound(`${change.type} ${change.id}`);
  change.allow?.(record);
  if (change.expectedVersion !== null) expectVersion(record, change.expectedVersion, `${change.type} ${change.id}`);
  return record;
}
