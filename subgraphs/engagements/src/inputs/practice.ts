import { Bounded, CODE_LIST, LONG_TEXT } from "@concert/subgraph-kit/writes";
import { Field, ID, InputType } from "type-graphql";
import { PracticeKind } from "../entities/practice.js";
import { SharingInput } from "./sharing.js";

@InputType({ description: "A best practice or lesson learned to share for your partner." })
export class PracticeInput extends SharingInput {
  @Field(() => PracticeKind, { description: "Best practice or lesson learned." })
  kind!: PracticeKind;

  @Field(() => ID, { description: "Theme code from the managed list (see `themes`)." })
  theme!: string;

  @Field({ description: "Short title." })
  title!: string;

  @Bounded(CODE_LIST)
  @Field(() => [ID], { defaultValue: [], description: "ISO alpha-3 codes of the countries it concerns." })
  countries!: string[];

  @Bounded(LONG_TEXT)
  @Field({ description: "What the practice is." })
  summary!: string;

  @Bounded(LONG_TEXT)
  @Field(() => String, { nullable: true, description: "What shows that it worked (or did not)." })
  evidenceOfEffect?: string | null;

  @Field(() => ID, { nullable: true, description: "Id of the engagement it came from, one you may see." })
  engagement?: string | null;

  @Field(() => String, { nullable: true, description: "Date (YYYY-MM-DD) it was documented; today when left out." })
  date?: string | null;
}

@InputType({ description: "Changes to a practice; fields left out stay as they are. The marking changes with `changePracticeMarking`." })
export class PracticeChanges {
  @Field(() => PracticeKind, { nullable: true, description: "Best practice or lesson learned." })
  kind?: PracticeKind;

  @Field(() => ID, { nullable: true, description: "Theme code from the managed list." })
  theme?: string;

  @Field({ nullable: true, description: "Short title." })
  title?: string;

  @Bounded(CODE_LIST)
  @Field(() => [ID], { nullable: true, description: "ISO alpha-3 codes of the countries it concerns." })
  countries?: string[];

  @Bounded(LONG_TEXT)
  @Field({ nullable: true, description: "What the practice is." })
  summary?: string;

  @Bounded(LONG_TEXT)
  @Field(() => String, { nullable: true, description: "What shows that it worked (or did not); null to remove." })
  evidenceOfEffect?: string | null;

  @Field(() => ID, { nullable: true, description: "Id of the engagement it came from; null for none." })
  engagement?: string | null;

  @Field({ nullable: true, description: "Date (YYYY-MM-DD) it was documented." })
  date?: string;
}
