import type { EntityManager, EventSubscriber, FlushEventArgs, UnitOfWork } from "@mikro-orm/core";
import { ChangeSetType, helper, Reference } from "@mikro-orm/core";
import { ChangeEntry, type StoredChangeKind } from "./entry.js";
import { type ChangeFeedDefinition, type EntryAudience, type FeedRecordType, type RecordData, sameMarking } from "./records.js";

interface Pending {
  record: FeedRecordType;
  id: string;
  kind: StoredChangeKind;
  version: number;
  after: EntryAudience;
  before?: EntryAudience;
}

const plain = (entity: object): RecordData => entity as RecordData;
const unwrapped = (value: unknown): object => (value instanceof Reference ? (value.unwrap() as object) : (value as object));

/**
 * Writes a `ChangeEntry` for every change of the feed's records, in the flush (and so the transaction) that
 * makes the change: creations, updates, marking changes and deletions, wherever the subgraph writes them.
 * A change to a row that belongs to a record (a watchlist entry) is an UPDATE of that record. Each entry
 * stores who may read that version, from the record's declaration; a record whose declaration names a
 * parent stores its parent's marking too, and a change of a parent's marking is a marking change of each
 * of its children, so that readers who lose the parent also lose the children.
 */
export class ChangeRecorder implements EventSubscriber {
  // biome-ignore lint/complexity/noBannedTypes: entity classes
  private readonly records = new Map<Function, FeedRecordType>();
  // biome-ignore lint/complexity/noBannedTypes: entity classes
  private readonly children = new Map<Function, (row: RecordData) => unknown>();
  private readonly byName = new Map<string, FeedRecordType>();

  constructor(definition: ChangeFeedDefinition) {
    for (const record of definition.records) {
      this.records.set(record.entity, record);
      this.byName.set(record.declaration.type, record);
    }
    for (const child of definition.children ?? []) this.children.set(child.entity, child.parent);
    for (const record of definition.records) {
      const parent = record.declaration.parent;
      if (parent && !this.byName.has(parent.type)) {
        throw new Error(`${record.declaration.type}'s parent ${parent.type} must be in the same change feed`);
      }
    }
  }

  async onFlush({ em, uow }: FlushEventArgs): Promise<void> {
    const pending = new Map<string, Pending>();
    const rowsOf: object[] = [];
    const reMarkedParents: { record: FeedRecordType; id: string; before: RecordData; after: RecordData }[] = [];
    for (const cs of uow.getChangeSets()) {
      const entity = cs.entity as object;
      const record = this.records.get(entity.constructor);
      if (!record) {
        const parent = this.children.get(entity.constructor)?.(plain(entity));
        if (parent) rowsOf.push(unwrapped(parent));
        continue;
      }
      const data = plain(entity);
      const id = String(data[record.declaration.key]);
      const version = Number(data.version ?? 0);
      const after = await this.audienceOf(em, record, data);
      const key = `${record.declaration.feed}:${id}`;
      if (cs.type === ChangeSetType.CREATE) {
        pending.set(key, { record, id, kind: "CREATED", version: version || 1, after });
      } else if (cs.type === ChangeSetType.DELETE) {
        pending.set(key, { record, id, kind: "DELETED", version, after });
      } else {
        const previous = { ...data, ...(cs.originalEntity as RecordData | undefined) };
        const before = { own: record.declaration.effective(previous), parent: after.parent };
        const changed = !sameMarking(before.own, after.own);
        pending.set(key, { record, id, kind: changed ? "MARKING_CHANGED" : "UPDATED", version: version + 1, after, before });
        if (changed) reMarkedParents.push({ record, id, before: previous, after: data });
      }
    }
    await this.recordsOfRows(em, rowsOf, pending);
    await this.childrenOfReMarked(em, reMarkedParents, pending);
    for (const change of pending.values()) this.write(uow, change);
  }

  /** Who may read this version of a record: its declaration's effective marking, and its parent's. */
  private async audienceOf(em: EntityManager, record: FeedRecordType, data: RecordData): Promise<EntryAudience> {
    const own = record.declaration.effective(data);
    const parentType = record.declaration.parent;
    if (!parentType) return { own, parent: null };
    let parent = record.declaration.parentOf(data) as RecordData | null;
    if (!parent || !("originator" in parent)) {
      const key = record.declaration.parentKeyOf(data);
      const entity = this.byName.get(parentType.type)!.entity;
      parent =
        key === null
          ? null
          : ((await em
              .getDriver()
              .findOne(entity.name, { [parentType.key]: key }, { ctx: em.getTransactionContext() })) as RecordData | null);
    }
    // A child without its parent reaches nobody but its originator.
    return { own, parent: parent ? parentType.effective(parent) : { ...own, marking: "ORIGINATOR", releasableTo: [] } };
  }

  /** Rows changed without their record: the record changes all the same, at its current version. */
  private async recordsOfRows(em: EntityManager, rows: object[], pending: Map<string, Pending>): Promise<void> {
    for (const parent of rows) {
      const record = this.records.get(parent.constructor);
      if (!record) continue;
      let data = plain(parent);
      const id = String(data[record.declaration.key]);
      if (pending.has(`${record.declaration.feed}:${id}`)) continue;
      if (!helper(parent).__initialized) {
        const key = record.declaration.key;
        const loaded = await em.getDriver().findOne(record.entity.name, { [key]: id }, { ctx: em.getTransactionContext() });
        if (!loaded) continue;
        data = loaded as RecordData;
      }
      const after = await this.audienceOf(em, record, data);
      pending.set(`${record.declaration.feed}:${id}`, { record, id, kind: "UPDATED", version: Number(data.version ?? 0), after });
    }
  }

  /** A re-marked parent re-marks each of its children in the feed: readers who lose the parent lose them too. */
  private async childrenOfReMarked(
    em: EntityManager,
    parents: { record: FeedRecordType; id: string; before: RecordData; after: RecordData }[],
    pending: Map<string, Pending>,
  ): Promise<void> {
    for (const parent of parents) {
      for (const child of this.records.values()) {
        const spec = child.declaration.spec.parent;
        if (!spec || spec.type !== parent.record.declaration) continue;
        const rows = (await em
          .getDriver()
          .find(child.entity.name, { [spec.property]: parent.id }, { ctx: em.getTransactionContext() })) as RecordData[];
        for (const row of rows) {
          const id = String(row[child.declaration.key]);
          const key = `${child.declaration.feed}:${id}`;
          const own = child.declaration.effective(row);
          const known = pending.get(key);
          const before = { own: known?.before?.own ?? own, parent: spec.type.effective(parent.before) };
          const after = { own: known?.after.own ?? own, parent: spec.type.effective(parent.after) };
          if (known?.kind === "CREATED" || known?.kind === "DELETED") continue;
          pending.set(key, {
            record: child,
            id,
            kind: "MARKING_CHANGED",
            version: known?.version ?? Number(row.version ?? 0),
            after,
            before,
          });
        }
      }
    }
  }

  private write(uow: UnitOfWork, change: Pending): void {
    const entry = new ChangeEntry();
    const { own, parent } = change.after;
    Object.assign(entry, {
      recordType: change.record.declaration.feed,
      recordId: change.id,
      kind: change.kind,
      version: change.version,
      marking: own.marking,
      releasableTo: [...own.releasableTo],
      originator: own.originator,
      parentMarking: parent?.marking ?? null,
      parentReleasableTo: parent ? [...parent.releasableTo] : null,
      parentOriginator: parent?.originator ?? null,
    });
    if (change.kind === "MARKING_CHANGED" && change.before) {
      entry.previousMarking = change.before.own.marking;
      entry.previousReleasableTo = [...change.before.own.releasableTo];
      if (change.before.parent) {
        entry.previousParentMarking = change.before.parent.marking;
        entry.previousParentReleasableTo = [...change.before.parent.releasableTo];
      }
    }
    uow.computeChangeSet(entry);
  }
}
