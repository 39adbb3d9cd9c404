import { isAuditedMarking, type Marking, type Viewer } from "@concert/policy";
import { Entity, type EntityManager, Index, PrimaryKey, Property } from "@mikro-orm/core";
import { Directive, Field, ID, ObjectType } from "type-graphql";

/** One access decision on a record: every write, and every read of RESTRICTED or ORIGINATOR material. */
@Entity({ tableName: "audit_entry" })
@Index({ properties: ["originator", "at"] })
@Directive("@shareable")
@ObjectType({ description: "One recorded access to a record: who, which partner, when, what, and the decision." })
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

  @Field(() => ID, { description: "Identifier of the record." })
  @Property()
  entityId!: string;

  /** The record's originating partner, who alone may read this entry. */
  @Property()
  originator!: string;

  @Field({ description: "The record's marking at the time." })
  @Property()
  marking!: string;

  @Field({ description: "GRANTED or DENIED." })
  @Property()
  decision!: string;

  @Field(() => String, { nullable: true, description: "Why access was denied, where it was." })
  @Property({ nullable: true, type: "string" })
  reason!: string | null;
}

export interface AuditedRecord {
  id: string | number;
  originator: string;
  marking: Marking;
}

/** Collects the audit entries of one request. Writes persist theirs in the write's own transaction. */
export class AuditTrail {
  private pending: AuditEntry[] = [];

  constructor(private readonly viewer: Viewer) {}

  private entry(
    entityType: string,
    record: AuditedRecord,
    action: string,
    decision: "GRANTED" | "DENIED",
    reason: string | null,
  ): AuditEntry {
    const e = new AuditEntry();
    Object.assign(e, {
      subject: this.viewer.subject,
      partner: this.viewer.partner,
      action,
      entityType,
      entityId: String(record.id),
      originator: record.originator,
      marking: record.marking,
      decision,
      reason,
    });
    return e;
  }

  /** Notes reads of audited material; call with every record served. */
  read(entityType: string, records: readonly AuditedRecord[]): void {
    for (const r of records) {
      if (isAuditedMarking(r.marking)) this.pending.push(this.entry(entityType, r, "read", "GRANTED", null));
    }
  }

  /** Notes a denied read of a sensitive part of a record. */
  deniedRead(entityType: string, record: AuditedRecord, part: string): void {
    this.pending.push(this.entry(entityType, record, `read ${part}`, "DENIED", "marking"));
  }

  /** Records a write in the transaction `em` belongs to. */
  write(em: EntityManager, entityType: string, record: AuditedRecord, action: string): void {
    em.persist(this.entry(entityType, record, action, "GRANTED", null));
  }

  /** Records a refused write; it is saved even though the write is not. */
  deniedWrite(entityType: string, record: AuditedRecord, action: string, reason: string): void {
    this.pending.push(this.entry(entityType, record, action, "DENIED", reason));
  }

  /** Saves what was collected outside of writes, in one statement. */
  async flush(em: EntityManager): Promise<void> {
    if (this.pending.length === 0) return;
    const entries = this.pending;
    this.pending = [];
    await em.insertMany(AuditEntry, entries);
  }
}
