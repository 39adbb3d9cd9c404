import { Entity, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, type Ref } from "@mikro-orm/core";
import { Field, ID, ObjectType } from "type-graphql";
import { RiskFactor } from "./risk-factor.js";

@Entity()
@ObjectType({ simpleResolvers: true, description: "An indicator of a risk factor, numbered as in the Framework (e.g. 7.5)." })
export class Indicator {
  [PrimaryKeyProp]?: "code";

  @Field(() => ID, { description: "Number in the Framework, e.g. 7.5." })
  @PrimaryKey({ length: 8 })
  code!: string;

  @ManyToOne(() => RiskFactor, { ref: true })
  factor!: Ref<RiskFactor>;

  @Field({ description: "What the indicator looks for." })
  @Property({ type: "text" })
  text!: string;
}
