import { Entity, PrimaryKey, PrimaryKeyProp, Property } from "@mikro-orm/core";
import { Field, ID, ObjectType } from "type-graphql";

@Entity()
@ObjectType({ simpleResolvers: true, description: "A theme from the managed list that practices are filed under." })
export class Theme {
  [PrimaryKeyProp]?: "code";

  @Field(() => ID, { description: "Code, e.g. EARLY_WARNING." })
  @PrimaryKey({ length: 40 })
  code!: string;

  @Field({ description: "Display name." })
  @Property()
  name!: string;
}
