import type { Marking } from "@concert/policy";
import { MarkingEnum } from "@concert/subgraph-kit/access";
import { AUDIENCE, Bounded, LONG_TEXT } from "@concert/subgraph-kit/writes";
import { Field, InputType } from "type-graphql";
import { CaveatKind, ChecklistAreaEnum, ChecklistOutcome, VisitKind } from "../entities/enums.js";

@InputType({ description: "How a record is shared: a marking and, for RESTRICTED, whom it is released to." })
export class RecordMarkingInput {
  @Field(() => MarkingEnum, { description: "Who may read the record." })
  marking!: Marking;

  @Bounded(AUDIENCE)
  @Field(() => [String], { nullable: true, description: "For RESTRICTED: partner and group codes it is releasable to." })
  releasableTo?: string[];
}

@InputType({ description: "The outcome of one checklist area." })
export class ChecklistItemInput {
  @Field(() => ChecklistAreaEnum, { description: "The area." })
  area!: ChecklistAreaEnum;

  @Field(() => ChecklistOutcome, { description: "Its outcome." })
  outcome!: ChecklistOutcome;
}

@InputType({ description: "A verification visit to record; areas left out of the checklist are NOT_ASSESSED." })
export class VisitInput {
  @Field(() => VisitKind, { description: "What the visit was for." })
  kind!: VisitKind;

  @Field({ description: "Date (YYYY-MM-DD) of the visit; not in the future." })
  date!: string;

  @Field(() => [ChecklistItemInput], { description: "Outcome per checklist area, each area at most once." })
  checklist!: ChecklistItemInput[];

  @Field(() => String, { nullable: true, description: "The visiting team's remarks (at most 4000 characters)." })
  remarks?: string | null;
}

@InputType({ description: "A national caveat to declare on a pledge." })
export class CaveatInput {
  @Field(() => CaveatKind, { description: "What it limits." })
  kind!: CaveatKind;

  @Bounded(LONG_TEXT)
  @Field({ description: "The caveat (1–2000 characters)." })
  text!: string;
}
