import type { PartnerKind } from "@concert/policy";
import { PartnerKindEnum } from "@concert/subgraph-kit/access";
import { Field, ID, InputType } from "type-graphql";

@InputType({ description: "A partner to add to the registry." })
export class PartnerInput {
  @Field(() => ID, {
    description:
      "Governments: the ISO alpha-3 code of their country (e.g. NOR); organisations: an acronym of 2–16 capital letters or digits (e.g. OSCE).",
  })
  code!: string;

  @Field({ description: "Full name." })
  name!: string;

  @Field(() => PartnerKindEnum, { description: "What kind of organisation it is." })
  kind!: PartnerKind;

  @Field(() => ID, { nullable: true, description: "ISO alpha-3 code of its country; required for governments." })
  country?: string | null;

  @Field(() => String, { nullable: true, description: "Date (YYYY-MM-DD) from which it takes part; today when left out." })
  activeFrom?: string | null;
}

@InputType({ description: "Changes to a registry entry; fields left out stay as they are. The code never changes." })
export class PartnerChanges {
  @Field({ nullable: true, description: "Full name." })
  name?: string;

  @Field(() => PartnerKindEnum, { nullable: true, description: "What kind of organisation it is." })
  kind?: PartnerKind;

  @Field(() => ID, { nullable: true, description: "ISO alpha-3 code of its country; null for none (organisations only)." })
  country?: string | null;

  @Field({ nullable: true, description: "Date (YYYY-MM-DD) from which it takes part." })
  activeFrom?: string;

  @Field(() => String, { nullable: true, description: "Date (YYYY-MM-DD) after which it no longer takes part; null to reactivate." })
  activeTo?: string | null;
}
