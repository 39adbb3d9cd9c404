import { Entity, PrimaryKey, PrimaryKeyProp, Property } from "@mikro-orm/core";
import { Field, ID, ObjectType } from "type-graphql";

@Entity()
@ObjectType({ simpleResolvers: true, description: "A kind of unit or personnel that missions require and member states pledge." })
export class CapabilityType {
  [PrimaryKeyProp]?: "code";

  @Field(() => ID, { description: "Code, e.g. UTILITY_HELICOPTER_UNIT." })
  @PrimaryKey({ length: 40 })
  code!: string;

  @Field({ description: "Display name." })
  @Property()
  name!: string;
}
