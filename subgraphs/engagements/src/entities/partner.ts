import type { PartnerKind } from "@concert/policy";
import { PartnerKindEnum } from "@concert/subgraph-kit/access";
import { Entity, Enum, PrimaryKey, PrimaryKeyProp, Property } from "@mikro-orm/core";
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";

// Fields other than the code are nullable: risk and peacekeeping records reach the partner and fetch them apart, and when
// engagements is down they are null instead of nulling that record (docs/integrators.md, "Partial results").
@Entity()
@ObjectType({
  simpleResolvers: true,
  description: "A participant in Concert: a government, a multilateral organisation or a civil-society organisation.",
})
@Directive('@key(fields: "code")')
export class Partner {
  [PrimaryKeyProp]?: "code";

  @Field(() => ID, { description: "Governments by ISO alpha-3 code (USA, DEU…), organisations by acronym (UN, EU, GCR2P…)." })
  @PrimaryKey({ length: 16 })
  code!: string;

  @Field(() => String, { nullable: true, description: "Full name." })
  @Property()
  name!: string;

  @Field(() => PartnerKindEnum, { nullable: true, description: "What kind of organisation this is." })
  @Enum({ items: () => Object.values(PartnerKindEnum) })
  kind!: PartnerKind;

  /** ISO alpha-3 code of the partner's country, where it has one; exposed as `country`. */
  @Property({ nullable: true, type: "string", length: 3 })
  countryCode!: string | null;

  @Field(() => String, { nullable: true, description: "Date (YYYY-MM-DD) from which the partner takes part." })
  @Property({ type: "string", columnType: "date" })
  activeFrom!: string;

  @Field(() => String, {
    nullable: true,
    description: "Date (YYYY-MM-DD) after which the partner no longer takes part; null while active.",
  })
  @Property({ type: "string", columnType: "date", nullable: true })
  activeTo!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "Incremented by every change; name it in a write to guard against overwriting a newer version.",
  })
  @Property({ version: true })
  version!: number;

  @Field(() => Date, { nullable: true, description: "When the registry entry last changed." })
  @Property({ onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
