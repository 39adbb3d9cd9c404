import { randomUUID } from "node:crypto";
import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref, Unique } from "@mikro-orm/core";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { CapabilityType } from "./capability-type.js";
import { Mission } from "./mission.js";
import { PlanningRecord } from "./planning-record.js";

@Entity()
@Unique({ properties: ["mission", "capabilityType"] })
@Index({ properties: ["capabilityType"] })
@ObjectType({
  simpleResolvers: true,
  description: "What a mission needs of one capability type; at most one requirement per mission and capability type.",
})
export class CapabilityRequirement extends PlanningRecord {
  @Field(() => ID, { description: "Identifier of the requirement." })
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @ManyToOne(() => Mission, { ref: true })
  mission!: Ref<Mission>;

  @ManyToOne(() => CapabilityType, { ref: true })
  capabilityType!: Ref<CapabilityType>;

  @Field(() => Int, { description: "Number of units required." })
  @Property()
  quantity!: number;

  @Field(() => Int, { description: "Personnel required, in all." })
  @Property()
  personnel!: number;

  @Field(() => String, { nullable: true, description: "Date (YYYY-MM-DD) by which the capability is needed on the ground." })
  @Property({ type: "string", columnType: "date", nullable: true })
  neededBy!: string | null;

  @Field(() => String, { nullable: true, description: "Planner's note; demonstration data says [DEMO]." })
  @Property({ type: "text", nullable: true })
  note!: string | null;
}
