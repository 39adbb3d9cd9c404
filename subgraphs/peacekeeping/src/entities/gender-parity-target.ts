import { Entity, Enum, PrimaryKey, PrimaryKeyProp, Property } from "@mikro-orm/core";
import { Field, Float, Int, ObjectType } from "type-graphql";
import { PersonnelCategory } from "./enums.js";

/** A target of the Uniformed Gender Parity Strategy: reference data (public fact), seeded with its source. */
@Entity()
@ObjectType({
  simpleResolvers: true,
  description: "The share of women the Uniformed Gender Parity Strategy 2018–2028 sets as its target for one category, by its end year.",
})
export class GenderParityTarget {
  [PrimaryKeyProp]?: "category";

  @Field(() => PersonnelCategory, { description: "The category of uniformed personnel." })
  @PrimaryKey()
  @Enum(() => PersonnelCategory)
  category!: PersonnelCategory;

  @Field(() => Float, { description: "The target share of women, from 0 to 1 (0.15 is 15%)." })
  @Property({ type: "double" })
  target!: number;

  @Field(() => Int, { description: "The year the target is set for." })
  @Property()
  year!: number;

  @Field({ description: "Where the target is stated." })
  @Property({ type: "text" })
  source!: string;
}
