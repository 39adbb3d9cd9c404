import { Collection, Entity, Enum, OneToMany, PrimaryKey, PrimaryKeyProp, Property } from "@mikro-orm/core";
import { Field, Int, ObjectType } from "type-graphql";
import { FactorScope } from "./enums.js";
import { Indicator } from "./indicator.js";

@Entity()
@ObjectType({
  simpleResolvers: true,
  description: "One of the 14 risk factors of the UN Framework of Analysis for Atrocity Crimes (2014).",
})
export class RiskFactor {
  [PrimaryKeyProp]?: "number";

  @Field(() => Int, { description: "Number in the Framework, 1–14." })
  @PrimaryKey({ autoincrement: false })
  number!: number;

  @Field({ description: "Title as the Framework words it." })
  @Property({ type: "text" })
  title!: string;

  @Field(() => FactorScope, { description: "Common to all atrocity crimes (1–8) or specific to one of them (9–14)." })
  @Enum(() => FactorScope)
  scope!: FactorScope;

  @OneToMany(
    () => Indicator,
    (i) => i.factor,
  )
  indicators = new Collection<Indicator>(this);
}
