import { Entity, PrimaryKey, PrimaryKeyProp, Property } from "@mikro-orm/core";
import { Directive, Field, ID, ObjectType } from "type-graphql";

// Fields other than the code are nullable: risk and peacekeeping records reach the country and fetch them apart, and when
// engagements is down they are null instead of nulling that record (docs/integrators.md, "Partial results").
@Entity()
@ObjectType({ simpleResolvers: true, description: "A country or territory (ISO 3166-1). Its name and region are public reference data." })
@Directive('@key(fields: "code")')
export class Country {
  [PrimaryKeyProp]?: "code";

  @Field(() => ID, { description: "ISO 3166-1 alpha-3 code, e.g. CAF. Kosovo uses the user-assigned code UNK." })
  @PrimaryKey({ length: 3 })
  code!: string;

  @Field(() => String, { nullable: true, description: "Common English name." })
  @Property()
  name!: string;

  @Field(() => String, { nullable: true, description: "Official English name." })
  @Property()
  officialName!: string;

  @Field(() => String, { nullable: true, description: "Region: Africa, Americas, Asia, Europe, Oceania or Antarctic." })
  @Property()
  region!: string;

  @Field(() => String, { nullable: true, description: "Sub-region, e.g. Middle Africa." })
  @Property({ nullable: true, type: "string" })
  subregion!: string | null;

  @Field(() => String, { nullable: true, description: "UN M49 numeric code, where one exists." })
  @Property({ nullable: true, type: "string", length: 3 })
  m49!: string | null;
}
