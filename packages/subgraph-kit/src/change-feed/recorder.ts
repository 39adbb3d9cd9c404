import type { EventSubscriber, FlushEventArgs } from "@mikro-orm/core";
import { ChangeSetType, helper, Reference } from "@mikro-orm/core";
import { ChangeEntry, type StoredChangeKind } from "./entry.js";
import { audienceOf, type ChangeFeedDefinition, type FeedRecordType, type RecordData, sameAudience } from "./records.js";

interface Pending {
  record: FeedRecordType;
  id: string;
  kind: StoredChangeKind;
  version: number;
  after: RecordData;
  before?: RecordData;
}

const plain = (entity: object): RecordData => entity as RecordData;

/**
 * Writes a `ChangeEntry` for every change of the feed's records, in the flush (and so the transaction) that
 * makes the change: creations, updates, marking changes and deletions, wherever the subgraph writes them.
 * A change to a row that belongs to a record (a watchlist entry) is an UPDATE of that record.
 */
export class ChangeRecorder implements EventSubscriber {
  // biome-ignore lint/complexity/noBannedTypes: entity classes
  private readonly records = new Map<Function, FeedRecordType>();
  // biome-ignore lint/complexity/noBannedTypes: entity classes
  private readonly children = new Map<Function, (row: RecordData) => unknown>();

  constructor(definition: ChangeFeedDefinition) {
    for (const record of definition.records) this.records.set(record.entity, record);
    for (const child of definition.children ?? []) this.children.set(child.entity, child.parent);
  }

  async onFlush({ em, uow }: FlushEventArgs): Promise<void> {
    const pending = new Map<string, Pending>();
    const parents: object[] = [];
    for (const cs of uow.getChangeSets()) {
      const entity = cs.entity as object;
      const record = this.records.get(entity.constructor);
      if (!record) {
        const parentOf = this.children.get(entity.constructor);
        const parent = parentOf?.(plain(entity));
        if (parent) parents.push(parent instanceof Reference ? (parent.unwrap() as object) : (parent as object));
        continue;
      }
      const data = plain(entity);
      const id = String(data[record.key ?? "id"]);
      const version = Number(data.version ?? 0);
      const key = `${record.type}:${id}`;
      if (cs.type === ChangeSetType.CREATE) {
        pending.set(key, { record, id, kind: "CREATED", version: version || 1, after: data });
      } else if (cs.type === ChangeSetType.DELETE) {
        pending.set(key, { record, id, kind: "DELETED", version, after: data });
      } else {
        const before = { ...data, ...(cs.originalEntity as RecordData | undefined) };
        const changed = !sameAudience(audienceOf(record, before), audienceOf(record, data));
        pending.set(key, { record, id, kind: changed ? "MARKING_CHANGED" : "UPDATED", version: version + 1, after: data, before });
      }
    }
    // Rows changed without their record: the record changes all the same, at its current version.
    for (const parent of parents) {
      const record = this.records.get(parent.constructor);
      if (!record) continue;
      let data = plain(parent);
      const id = String(data[record.key ?? "id"]);
      if (pending.has(`${record.type}:${id}`)) continue;
      if (!helper(parent).__initialized) {
        const loaded = await em.getDriver().findOne(record.entity.name, { [record.key ?? "id"]: id }, { ctx: em.getTransactionContext() });
        if (!loaded) continue;
        data = loaded as RecordData;
      }
      pending.set(`${record.type}:${id}`, { record, id, kind: "UPDATED", version: Number(data.version ?? 0), after: data });
    }
    for (const change of pending.values()) {
      const after = audienceOf(change.record, change.after);
      const entry = new ChangeEntry();
      Object.assign(entry, {
        recordType: change.record.type,
        recordId: change.id,
        kind: change.kind,
        version: change.version,
        marking: after.marking,
        releasableTo: [...after.releasableTo],
        originator: after.originator,
      });
      if (change.kind === "MARKING_CHANGED" && change.before) {
        const before = audienceOf(change.record, change.before);
        entry.previousMarking = before.marking;
        entry.previousReleasableTo = [...before.releasableTo];
      }
      uow.computeChangeSet(entry);
    }
  }
}
