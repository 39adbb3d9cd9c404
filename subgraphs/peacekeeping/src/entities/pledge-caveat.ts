import { randomUUID } from "node:crypto";
import { MarkedRecord } from "@concert/subgraph-kit/access";
import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref } from "@mikro-orm/core";
import { Field, ID, ObjectType } from "type-graphql";
import { CaveatKind } from "./enums.js";
import { Pledge } from "./pledge.js";

/** A national caveat on a pledged unit, declared by its contributor; its marking may be stricter than the pledge's. */
@Entity()
@ObjectType({
  simpleResolvers: true,
  description:
    "A national caveat the contributor declared on a pledge: what the unit will not do. Readable only where its pledge is, " +
    "and by its own marking, which may be stricter than the pledge's.",
})
export class PledgeCaveat extends MarkedRecord {
  @Field(() => ID, { description: "Identifier of the caveat." })
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @ManyToOne(() => Pledge, { ref: true, deleteRule: "cascade", index: true })
  pledge!: Ref<Pledge>;

  @Field(() => CaveatKind, { description: "What the caveat limits." })
  @Enum(() => CaveatKind)
  kind!: CaveatKind;

  @Field({ description: "The caveat, in the contributor's words." })
  @Property({ type: "text" })
  text!: string;
}
