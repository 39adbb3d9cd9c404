import { findPlain } from "@concert/subgraph-kit/reads";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { ChangeEvent, FeedRecord } from "../analysis/changes.js";
import { type Observed, observedKey } from "../analysis/evaluate.js";
import { ObservedRecord } from "../entities/feed-state.js";

/** The store of observed records, as rules read it inside one ingest transaction (which `observe` keeps flushed). */
export function observedIn(em: EntityManager): Observed {
  return {
    get: (recordType, id) => observedRecord(em, recordType, id),
    async byKey(recordType, key) {
      return (await findPlain(em, ObservedRecord, { recordType, key })).map((r) => r.data as FeedRecord);
    },
  };
}

/** Records the change in the store; returns the record as it was before. */
export async function observe(em: EntityManager, event: ChangeEvent): Promise<FeedRecord | null> {
  // Loaded as an entity: it is changed, removed or created here.
  const stored = await em.findOne(ObservedRecord, { recordType: event.recordType, id: event.id });
  const before = (stored?.data as FeedRecord | undefined) ?? null;
  if (event.change === "DELETED") {
    if (stored) em.remove(stored);
  } else if (event.record) {
    if (stored) Object.assign(stored, { data: event.record, version: event.version, key: observedKey(event.record) });
    else
      em.create(ObservedRecord, {
        recordType: event.recordType,
        id: event.id,
        data: event.record,
        version: event.version,
        key: observedKey(event.record),
      } as never);
  }
  await em.flush();
  return before;
}

/** The record a delivery is about, as last observed. */
export async function observedRecord(em: EntityManager, recordType: string, id: string): Promise<FeedRecord | null> {
  const [row] = await findPlain(em, ObservedRecord, { recordType, id }, { limit: 1 });
  return (row?.data as FeedRecord | undefined) ?? null;
}
