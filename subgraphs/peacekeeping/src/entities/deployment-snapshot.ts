import { randomUUID } from "node:crypto";
import { newestFirstIndex } from "@concert/subgraph-kit/access";
import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref, Unique } from "@mikro-orm/core";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { CapabilityType } from "./capability-type.js";
import { Mission } from "./mission.js";
import { PlanningRecord } from "./planning-record.js";

/** Contributions on the ground are published by the UN month by month, so snapshots carry no marking. */
@Entity()
@Unique({ properties: ["mission", "month", "contributor", "capabilityType"] })
@Index({ properties: ["contributor", "month"] })
@Index({ properties: ["capabilityType"] })
@Index(newestFirstIndex("deployment_snapshot", "month"))
// Each mission's latest month, by mission or by contributor: what gaps, contributions and `latestDeploymentMonth` read.
@Index({
  name: "deployment_snapshot_latest_of_mission_index",
  expression:
    'create index "deployment_snapshot_latest_of_mission_index" on "deployment_snapshot" ("mission_acronym", "month") where "latest_of_mission"',
})
@Index({
  name: "deployment_snapshot_latest_by_contributor_index",
  expression:
    'create index "deployment_snapshot_latest_by_contributor_index" on "deployment_snapshot" ("contributor") where "latest_of_mission"',
})
@ObjectType({
  simpleResolvers: true,
  description: "What one contributor actually had deployed in one mission, of one capability type, in one month.",
})
export class DeploymentSnapshot extends PlanningRecord {
  @Field(() => ID, { description: "Identifier of the snapshot." })
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @ManyToOne(() => Mission, { ref: true })
  mission!: Ref<Mission>;

  @Field({ description: "Month (YYYY-MM) the snapshot describes." })
  @Property({ length: 7 })
  month!: string;

  /** Partner code of the contributing country; exposed as `contributor`. */
  @Property({ length: 32 })
  contributor!: string;

  @ManyToOne(() => CapabilityType, { ref: true })
  capabilityType!: Ref<CapabilityType>;

  @Field(() => Int, { description: "Units deployed." })
  @Property()
  units!: number;

  @Field(() => Int, { description: "Personnel deployed, in all." })
  @Property()
  personnel!: number;

  @Field(() => Int, { description: "Of the personnel deployed, how many are women." })
  @Property()
  womenPersonnel!: number;

  /**
   * True for the snapshots of the mission's latest month (the greatest `month` any of its snapshots has): what gaps
   * and contributions read, so that their cost follows the missions asked for, not the months recorded. Never set by
   * the application: a trigger (migration Migration20261130020453) updates it in every write's own transaction.
   */
  @Property({ default: false, lazy: true })
  latestOfMission?: boolean;
}
