import type { Marking } from "@concert/policy";
import { MarkingEnum } from "@concert/subgraph-kit/access";
import { AUDIENCE, Bounded } from "@concert/subgraph-kit/writes";
import { Field, InputType } from "type-graphql";

@InputType({ description: "A marking and, for RESTRICTED, whom it releases to." })
export class MarkingInput {
  @Field(() => MarkingEnum, { description: "Who may read." })
  marking!: Marking;

  @Bounded(AUDIENCE)
  @Field(() => [String], { defaultValue: [], description: "For RESTRICTED: partner and group codes, besides the originator." })
  releasableTo!: string[];
}
