import { Index, Property } from "@mikro-orm/core";
import { Field, Int, ObjectType } from "type-graphql";

/** Columns and fields of the UN's planning records (requirements, deployment snapshots), which carry no marking. */
@ObjectType({ simpleResolvers: true, description: "Fields shared by the UN's planning records." })
export abstract class PlanningRecord {
  @Field({ description: "True for invented demonstration data." })
  @Property({ default: false })
  demo: boolean = false;

  @Field(() => Int, { description: "Incremented by every change; name it in a write to guard against overwriting a newer version." })
  @Property({ version: true, default: 1 })
  version!: number;

  @Field({ description: "When the record last changed." })
  @Index()
  @Property({ onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
