import type { Marking } from "@concert/policy";
import { MarkingEnum } from "@concert/subgraph-kit/access";
import { AUDIENCE, Bounded } from "@concert/subgraph-kit/writes";
import { Field, InputType } from "type-graphql";

@InputType({ description: "Who may read a record." })
export class SharingInput {
  @Field(() => MarkingEnum, { description: "The marking." })
  marking!: Marking;

  @Bounded(AUDIENCE)
  @Field(() => [String], {
    defaultValue: [],
    description: "For RESTRICTED only: the partner and forum codes it is released to (e.g. SLF).",
  })
  releasableTo!: string[];
}
