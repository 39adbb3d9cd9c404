import { expectVersion, isUuid, notFound, type MarkedRecord } from "@concert/subgraph-kit";
import type { EntityClass, FilterQuery } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";

/**
 * Loads a record to change inside the write's transaction: missing and invisible look the same
 * (NOT_FOUND); `allow` refuses callers who may not make the change; a version other than the one
 * the caller read is a CONFLICT.
 */
export async function recordToChange<T extends MarkedRecord & { id: string }>(
  em: EntityManager,
  entity: EntityClass<T>,
  change: { type: string; id: string; expectedVersion: number; visible: (record: T) => boolean; allow: (record: T) => void },
): Promise<T> {
  const record = isUuid(change.id) ? await em.findOne(entity, { id: change.id } as FilterQuery<T>) : null;
  if (!record || !change.visible(record)) throw notFound(`${change.type} ${change.id}`);
  change.allow(record);
  expectVersion(record, change.expectedVersion, `${change.type} ${change.id}`);
  return record;
}
