import { Entity, PrimaryKey, PrimaryKeyProp, Property } from "@mikro-orm/core";
import { Field, ID, Int, ObjectType } from "type-graphql";

@Entity()
@ObjectType({ simpleResolvers: true, description: "A summit or ministerial at which member states pledged capabilities." })
export class PledgingEvent {
  [PrimaryKeyProp]?: "code";

  @Field(() => ID, { description: "Code, e.g. BERLIN_2025." })
  @PrimaryKey({ length: 32 })
  code!: string;

  @Field({ description: "Name of the event." })
  @Property()
  name!: string;

  @Field({ description: "Where it took place." })
  @Property()
  place!: string;

  @Field({ description: "Date (YYYY-MM-DD) it opened." })
  @Property({ type: "string", columnType: "date" })
  date!: string;

  @Field(() => Int, {
    nullable: true,
    description: "How many states pledged at the event, where it is public fact; null when not recorded.",
  })
  @Property({ type: "integer", nullable: true })
  statesPledged: number | null = null;

  @Field(() => String, { nullable: true, description: "Where the event's public facts (such as `statesPledged`) are stated." })
  @Property({ type: "text", nullable: true })
  factsSource: string | null = null;
}
