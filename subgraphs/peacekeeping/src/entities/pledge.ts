import { randomUUID } from "node:crypto";
import type { Marking } from "@concert/policy";
import { MarkedRecord, MarkingEnum, newestFirstIndex } from "@concert/subgraph-kit/access";
import { ArrayType, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from "@mikro-orm/core";
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { CapabilityType } from "./capability-type.js";
import { PledgeStatus, Readiness } from "./enums.js";
import { Mission } from "./mission.js";
import { PledgingEvent } from "./pledging-event.js";

/**
 * The data version that every write to the pledges or their caveats moves, in the writing transaction (migration
 * 20261207230100): pledge totals and pledge counts are kept until it does (`runCompiledUntilChanged`).
 */
export const PLEDGES_DATA_VERSION = "pledges";

@Entity()
@Index({ properties: ["mission", "capabilityType"] })
@Index({ properties: ["capabilityType"] })
@Index({ properties: ["event"] })
@Index({ properties: ["status", "renewalDue"] })
@Index({ properties: ["readiness", "status"] })
@Index({ properties: ["mission", "status", "rotationDue"] })
@Index(newestFirstIndex("pledge", "created_at"))
// Counting the pledges of some statuses that a caller reads (the outstanding pledges' totalCount) from the index alone,
// without reading each pledge: 11.3 -> 6.0 ms of PostgreSQL per count on the bench's full data set.
@Index({
  name: "pledge_status_marking_index",
  expression: 'create index "pledge_status_marking_index" on "pledge" ("status") include ("marking", "originator", "releasable_to")',
})
@ObjectType({
  simpleResolvers: true,
  description: "A member state's pledge of a unit or personnel, tracked from the podium to deployment.",
})
@Directive('@key(fields: "id")')
export class Pledge extends MarkedRecord {
  @Field(() => ID, { description: "Identifier of the pledge." })
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @ManyToOne(() => Mission, { ref: true, nullable: true })
  mission!: Ref<Mission> | null;

  @ManyToOne(() => CapabilityType, { ref: true })
  capabilityType!: Ref<CapabilityType>;

  @Field(() => Int, { description: "Number of units pledged." })
  @Property()
  quantity!: number;

  @Field(() => Int, { description: "Personnel pledged, in all." })
  @Property()
  personnel!: number;

  @Field(() => Int, { description: "Of the personnel pledged, how many are women." })
  @Property()
  womenPersonnel!: number;

  @Field(() => Readiness, { description: "Readiness level in the Capability Readiness System." })
  @Enum(() => Readiness)
  readiness!: Readiness;

  @Field(() => PledgeStatus, { description: "Where the pledge stands." })
  @Enum(() => PledgeStatus)
  status: PledgeStatus = PledgeStatus.PLEDGED;

  @ManyToOne(() => PledgingEvent, { ref: true, nullable: true })
  event!: Ref<PledgingEvent> | null;

  @Field(() => String, { nullable: true, description: "Date (YYYY-MM-DD) by which the pledge must be renewed." })
  @Property({ type: "string", columnType: "date", nullable: true })
  renewalDue!: string | null;

  /** Unit details (designation, equipment, location): a sensitive part with its own marking. */
  @Property({ type: "text", nullable: true })
  unitDetails!: string | null;

  @Field(() => MarkingEnum, { description: "Who may read the unit details; never looser than the pledge's marking." })
  @Enum({ items: () => Object.values(MarkingEnum) })
  unitDetailsMarking!: Marking;

  @Field(() => [String], { description: "For RESTRICTED unit details: the partner and group codes they are releasable to." })
  @Property({ type: ArrayType })
  unitDetailsReleasableTo: string[] = [];

  @Field(() => MarkingEnum, { description: "Who may count the pledge in totals and gaps without seeing it; PARTNERS by default." })
  @Enum({ items: () => Object.values(MarkingEnum) })
  aggregateMarking: Marking = "PARTNERS";

  @Field({ description: "When the pledge reached its current readiness level (its registration for LEVEL_1)." })
  @Property({ defaultRaw: "now()" })
  readinessSince: Date = new Date();

  @Field(() => String, { nullable: true, description: "For a deployed unit: date (YYYY-MM-DD) its rotation is due." })
  @Property({ type: "string", columnType: "date", nullable: true })
  rotationDue: string | null = null;

  /** The deployed pledge this one is to replace at its rotation; exposed as `replaces`. */
  @ManyToOne(() => Pledge, { ref: true, nullable: true, index: true, deleteRule: "set null" })
  replaces: Ref<Pledge> | null = null;
}
