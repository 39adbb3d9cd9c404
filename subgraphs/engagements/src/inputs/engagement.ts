import { Bounded, CODE_LIST, LONG_TEXT, PARAGRAPHS } from "@concert/subgraph-kit/writes";
import { Field, ID, InputType } from "type-graphql";
import { EngagementKind } from "../entities/engagement.js";
import { SharingInput } from "./sharing.js";

@InputType({ description: "An engagement to record for your partner." })
export class EngagementInput extends SharingInput {
  @Field(() => EngagementKind, { description: "What kind of engagement it was." })
  kind!: EngagementKind;

  @Field({ description: "Short title." })
  title!: string;

  @Field(() => ID, { nullable: true, description: "Code of the forum it took place in, if any." })
  forum?: string | null;

  @Bounded(CODE_LIST)
  @Field(() => [ID], { description: "Codes of the participating partners (at least one)." })
  participants!: string[];

  @Bounded(CODE_LIST)
  @Field(() => [ID], { defaultValue: [], description: "ISO alpha-3 codes of the countries in focus." })
  countries!: string[];

  @Field({ description: "Date (YYYY-MM-DD) of the engagement." })
  date!: string;

  @Bounded(LONG_TEXT)
  @Field({ description: "What was discussed or done." })
  summary!: string;

  @Bounded(PARAGRAPHS)
  @Field(() => [String], { defaultValue: [], description: "Agreed outcomes and follow-up actions." })
  outcomes!: string[];
}

@InputType({
  description: "Changes to an engagement; fields left out stay as they are. The marking changes with `changeEngagementMarking`.",
})
export class EngagementChanges {
  @Field(() => EngagementKind, { nullable: true, description: "What kind of engagement it was." })
  kind?: EngagementKind;

  @Field({ nullable: true, description: "Short title." })
  title?: string;

  @Field(() => ID, { nullable: true, description: "Code of the forum it took place in; null for none." })
  forum?: string | null;

  @Bounded(CODE_LIST)
  @Field(() => [ID], { nullable: true, description: "Codes of the participating partners (at least one)." })
  participants?: string[];

  @Bounded(CODE_LIST)
  @Field(() => [ID], { nullable: true, description: "ISO alpha-3 codes of the countries in focus." })
  countries?: string[];

  @Field({ nullable: true, description: "Date (YYYY-MM-DD) of the engagement." })
  date?: string;

  @Bounded(LONG_TEXT)
  @Field({ nullable: true, description: "What was discussed or done." })
  summary?: string;

  @Bounded(PARAGRAPHS)
  @Field(() => [String], { nullable: true, description: "Agreed outcomes and follow-up actions." })
  outcomes?: string[];
}
