import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from "@mikro-orm/core";
import { Field, ID, ObjectType } from "type-graphql";
import { PledgeStatus } from "./enums.js";
import { Pledge } from "./pledge.js";

@Entity()
@Index({ properties: ["pledge", "at"] })
@ObjectType({ simpleResolvers: true, description: "One dated step of a pledge through the pipeline; readable wherever the pledge is." })
export class PledgeTransition {
  @Field(() => ID, { description: "Identifier of the step." })
  @PrimaryKey({ autoincrement: true, type: "bigint" })
  id!: string;

  @ManyToOne(() => Pledge, { ref: true, deleteRule: "cascade" })
  pledge!: Ref<Pledge>;

  @Field(() => PledgeStatus, { nullable: true, description: "Status before the step; null for the registration of the pledge." })
  @Enum({ items: () => PledgeStatus, nullable: true })
  from!: PledgeStatus | null;

  @Field(() => PledgeStatus, { description: "Status after the step." })
  @Enum(() => PledgeStatus)
  to!: PledgeStatus;

  @Field({ description: "When the step was taken." })
  @Property()
  at: Date = new Date();

  /** Partner code of whoever took the step; exposed as `by`. */
  @Property({ length: 32 })
  byPartner!: string;

  @Field(() => String, { nullable: true, description: "Why, in the words of whoever took the step." })
  @Property({ type: "text", nullable: true })
  note!: string | null;
}
