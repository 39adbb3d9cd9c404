import { randomUUID } from "node:crypto";
import type { Marking } from "@concert/policy";
import { ArrayType, Entity, Index, PrimaryKey, Property } from "@mikro-orm/core";

/** What happened to a record, as stored; readers see MARKING_CHANGED as UPDATED or ACCESS_REVOKED. */
export type StoredChangeKind = "CREATED" | "UPDATED" | "DELETED" | "MARKING_CHANGED";

/**
 * One change of a record, written in the same transaction as the change itself (see `ChangeRecorder`).
 * `xid` is the writing transaction's id: readers order by (xid, position) and read only below the oldest
 * transaction still in flight, so that no entry can commit behind a reader's back (see `readChangePage`).
 */
@Entity({ tableName: "change_entry" })
@Index({ name: "change_entry_xid_position_index", properties: ["xid", "position"] })
@Index({ properties: ["at"] })
export class ChangeEntry {
  @PrimaryKey({ type: "bigint", autoincrement: true })
  position!: string;

  /** `pg_current_xact_id()` of the writing transaction, as text (xid8). */
  @Property({ columnType: "xid8", type: "string", defaultRaw: "pg_current_xact_id()" })
  xid!: string;

  /** Start of the writing transaction. */
  @Property({ columnType: "timestamptz", defaultRaw: "now()" })
  at!: Date;

  /** The feed's record type, e.g. RISK_ASSESSMENT. */
  @Property({ length: 64 })
  recordType!: string;

  @Property({ length: 64 })
  recordId!: string;

  @Property({ length: 20 })
  kind!: StoredChangeKind;

  /** The record's version after the change (its last version for a deletion). */
  @Property()
  version!: number;

  /** Who could read the record after the change (before it, for a deletion): its effective marking. */
  @Property({ length: 20 })
  marking!: Marking;

  @Property({ type: ArrayType })
  releasableTo: string[] = [];

  @Property()
  originator!: string;

  /** For MARKING_CHANGED: the effective marking before the change. */
  @Property({ length: 20, nullable: true })
  previousMarking: Marking | null = null;

  @Property({ type: ArrayType, nullable: true })
  previousReleasableTo: string[] | null = null;

  /** For a record whose declaration names a parent: the parent's effective marking, also required to read it. */
  @Property({ length: 20, nullable: true })
  parentMarking: Marking | null = null;

  @Property({ type: ArrayType, nullable: true })
  parentReleasableTo: string[] | null = null;

  @Property({ nullable: true })
  parentOriginator: string | null = null;

  /** For MARKING_CHANGED of a record with a parent: the parent's effective marking before the change. */
  @Property({ length: 20, nullable: true })
  previousParentMarking: Marking | null = null;

  @Property({ type: ArrayType, nullable: true })
  previousParentReleasableTo: string[] | null = null;
}

/**
 * The identity of a feed's database: a random id set by its migration, so that a database created anew
 * (or restored elsewhere and migrated afresh) refuses cursors of another. One row.
 */
@Entity({ tableName: "change_feed_epoch" })
export class ChangeFeedEpoch {
  @PrimaryKey({ type: "uuid" })
  epoch: string = randomUUID();
}
