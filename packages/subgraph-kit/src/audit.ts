import { isAuditedMarking, type Marking, type Viewer } from "@concert/policy";
import { ArrayType, Entity, type EntityProperty, Index, PrimaryKey, Property } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Directive, Field, ID, ObjectType } from "type-graphql";

const AUDIT_TABLE = "audit_entry";

/**
 * One access decision: every write (one record), and every read of RESTRICTED or ORIGINATOR material,
 * one entry per operation, record type, originator, marking and decision, holding the ids of all the
 * records of that kind the operation read (so a page of 100 restricted records is one row, not 100).
 */
@Entity({ tableName: AUDIT_TABLE })
@Index({ properties: ["originator", "at"] })
@Directive("@shareable")
@ObjectType({
  simpleResolvers: true,
  description:
    "One recorded access to records of one type, originator and marking by one operation: who, which partner, when, what, which records, and the decision.",
})
export class AuditEntry {
  @Field(() => ID, { description: "Identifier of the entry." })
  @PrimaryKey({ autoincrement: true, type: "bigint" })
  id!: string;

  @Field({ description: "When the access happened." })
  @Property()
  at: Date = new Date();

  @Field(() => String, { nullable: true, description: "Subject of the caller's token; null for anonymous callers." })
  @Property({ nullable: true, type: "string" })
  subject!: string | null;

  @Field(() => String, { nullable: true, description: "Partner the caller spoke for; null for anonymous callers." })
  @Property({ nullable: true, type: "string" })
  partner!: string | null;

  @Field({ description: "What was done: read, create, update, publish, change-marking…" })
  @Property()
  action!: string;

  @Field({ description: "Type of the record, e.g. RiskAssessment." })
  @Property()
  entityType!: string;

  @Field(() => [ID], {
    description: "Identifiers of the records accessed: every record of this type, originator and marking the operation read.",
  })
  @Index({ type: "GIN" })
  @Property({ type: ArrayType })
  entityIds!: string[];

  /** The record the access log was asked about (`entityId:`), which the deprecated `entityId` field names. */
  asked?: string;

  @Field(() => ID, {
    description: "Identifier of a record accessed: the one the log was filtered on, otherwise the first of `entityIds`.",
    deprecationReason: "One entry holds every record an operation read: use `entityIds`.",
  })
  get entityId(): string {
    return this.asked ?? this.entityIds[0] ?? "";
  }

  /** The records' originating partner, who alone may read this entry. */
  @Property()
  originator!: string;

  @Field({ description: "The records' marking at the time." })
  @Property()
  marking!: string;

  @Field({ description: "GRANTED or DENIED." })
  @Property()
  decision!: string;

  @Field(() => String, { nullable: true, description: "Why access was denied, where it was." })
  @Property({ nullable: true, type: "string" })
  reason!: string | null;
}

/** The columns of one entry. */
type AuditData = Omit<AuditEntry, "id" | "asked" | "entityId">;

export interface AuditedRecord {
  id: string | number;
  originator: string;
  marking: Marking;
}

/**
 * Collects the audit entries of one request. Reads (and refused reads) of records of the same type,
 * originator, marking, action and decision share one entry listing their ids; writes persist one
 * entry each, in the write's own transaction.
 */
export class AuditTrail {
  /** Entries not yet saved, as plain data (no entity is built for a read). */
  private pending = new Map<string, { entry: AuditData; ids: Set<string> }>();

  constructor(private readonly viewer: Viewer) {}

  private data(
    entityType: string,
    record: AuditedRecord,
    action: string,
    decision: "GRANTED" | "DENIED",
    reason: string | null,
  ): AuditData {
    return {
      at: new Date(),
      subject: this.viewer.subject,
      partner: this.viewer.partner,
      action,
      entityType,
      entityIds: [String(record.id)],
      originator: record.originator,
      marking: record.marking,
      decision,
      reason,
    };
  }

  /** Adds a record to the request's entry of its kind, creating the entry on the first such record. */
  private note(entityType: string, record: AuditedRecord, action: string, decision: "GRANTED" | "DENIED", reason: string | null): void {
    const key = [entityType, record.originator, record.marking, action, decision, reason ?? ""].join("\u0000");
    const id = String(record.id);
    const kind = this.pending.get(key);
    if (!kind) this.pending.set(key, { entry: this.data(entityType, record, action, decision, reason), ids: new Set([id]) });
    else if (!kind.ids.has(id)) {
      kind.ids.add(id);
      kind.entry.entityIds.push(id);
    }
  }

  /** Notes reads of audited material; call with every record served. */
  read(entityType: string, records: readonly AuditedRecord[]): void {
    for (const r of records) {
      if (isAuditedMarking(r.marking)) this.note(entityType, r, "read", "GRANTED", null);
    }
  }

  /** Notes a denied read of a sensitive part of a record. */
  deniedRead(entityType: string, record: AuditedRecord, part: string): void {
    this.note(entityType, record, `read ${part}`, "DENIED", "marking");
  }

  /** Records a write in the transaction `em` belongs to. */
  write(em: EntityManager, entityType: string, record: AuditedRecord, action: string): void {
    em.persist(Object.assign(new AuditEntry(), this.data(entityType, record, action, "GRANTED", null)));
  }

  /** Records a refused write; it is saved even though the write is not. */
  deniedWrite(entityType: string, record: AuditedRecord, action: string, reason: string): void {
    this.note(entityType, record, action, "DENIED", reason);
  }

  /** Saves what was collected outside of writes, in one statement. */
  async flush(em: EntityManager): Promise<void> {
    if (this.pending.size === 0) return;
    const entries = [...this.pending.values()].map((kind) => kind.entry);
    this.pending = new Map();
    // Built by knex and run by the connection: MikroORM's insertMany first prepares entity data and change sets for
    // every row, which cost more CPU than the read it records. (The connection still writes the values into the text.)
    const platform = em.getPlatform();
    const columns = savedColumns(em);
    const rows = entries.map((entry) =>
      Object.fromEntries(
        columns.map((p) => {
          const value = entry[p.name as keyof AuditData];
          // e.g. the ids' array, as the literal knex would otherwise spread into a list of bindings
          return [p.fieldNames[0], p.customType ? p.customType.convertToDatabaseValue(value, platform) : value];
        }),
      ),
    );
    await em.getConnection().execute(em.getKnex().insert(rows).into(AUDIT_TABLE), [], "run", em.getTransactionContext());
  }
}

const savedColumnsByMetadata = new WeakMap<object, EntityProperty<AuditEntry>[]>();

/** The properties of an entry that have a column of their own, read once per ORM from the entity's metadata. */
function savedColumns(em: EntityManager): EntityProperty<AuditEntry>[] {
  const metadata = em.getMetadata();
  let columns = savedColumnsByMetadata.get(metadata);
  if (!columns) {
    columns = metadata.get(AuditEntry).props.filter((p) => p.persist !== false && !p.primary && p.fieldNames?.length === 1);
    savedColumnsByMetadata.set(metadata, columns);
  }
  return columns;
}
