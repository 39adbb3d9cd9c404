import type { Marking } from "@concert/policy";
import { MarkingEnum } from "@concert/subgraph-kit/access";
import { AUDIENCE, Bounded, LONG_TEXT } from "@concert/subgraph-kit/writes";
import { Field, Float, ID, InputType, Int } from "type-graphql";
import { ForecastEvent, QuestionStatus, Stance } from "../entities/enums.js";

@InputType({ description: "A new forecast question (the operator's)." })
export class ForecastQuestionInput {
  @Field(() => ID, { description: "ISO 3166-1 alpha-3 code of the country." })
  country!: string;

  @Field(() => ForecastEvent, { defaultValue: ForecastEvent.MASS_KILLING_ONSET, description: "The event asked about." })
  event!: ForecastEvent;

  @Field({ description: "First day (YYYY-MM-DD) of the window." })
  windowStart!: string;

  @Field({ description: "Last day (YYYY-MM-DD) of the window; not before its first, and at most 24 months after it." })
  windowEnd!: string;

  @Field({ description: "How the question will be decided; not empty." })
  resolutionCriteria!: string;

  @Field(() => MarkingEnum, { defaultValue: "PUBLIC", description: "Who may read the question and so its forecasts. PUBLIC by default." })
  marking!: Marking;

  @Bounded(AUDIENCE)
  @Field(() => [String], { defaultValue: [], description: "For RESTRICTED: partner and group codes." })
  releasableTo!: string[];
}

@InputType({ description: "How the operator settles a question." })
export class QuestionResolutionInput {
  @Field(() => QuestionStatus, { description: "CLOSED (no more forecasts), RESOLVED_YES, RESOLVED_NO or ANNULLED." })
  status!: QuestionStatus;

  @Field(() => String, { nullable: true, description: "What the resolution rests on; required to resolve or annul." })
  resolutionSource?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Day (YYYY-MM-DD) of the resolution, not in the future; today when left out. Required to be on or after the window's start.",
  })
  resolvedOn?: string | null;
}

@InputType({ description: "Your partner's forecast on a question; every update is a new forecast, the history is kept." })
export class ForecastInput {
  @Field(() => ID, { description: "The question; it must be OPEN and its window not ended." })
  question!: string;

  @Field(() => Float, { description: "Probability that the event happens within the window: 0–1, at most two decimals." })
  probability!: number;

  @Bounded(LONG_TEXT)
  @Field({ description: "Why; not empty." })
  rationale!: string;

  @Field(() => MarkingEnum, { description: "Who may read the forecast (they must also be able to read the question)." })
  marking!: Marking;

  @Bounded(AUDIENCE)
  @Field(() => [String], { defaultValue: [], description: "For RESTRICTED: partner and group codes, besides your partner." })
  releasableTo!: string[];
}

@InputType({ description: "Your partner's opinion on another partner's assessment." })
export class OpinionInput {
  @Field(() => ID, { description: "The assessment; one you may read, and not your own partner's." })
  assessment!: string;

  @Field(() => Int, { nullable: true, description: "A risk factor (1–14) of the assessment, for an opinion on its rating of that factor." })
  factor?: number | null;

  @Field(() => Stance, { description: "How far you agree." })
  stance!: Stance;

  @Field({ description: "Why; not empty." })
  explanation!: string;

  @Field(() => MarkingEnum, { description: "Who may read the opinion (they must also be able to read the assessment)." })
  marking!: Marking;

  @Bounded(AUDIENCE)
  @Field(() => [String], { defaultValue: [], description: "For RESTRICTED: partner and group codes, besides your partner." })
  releasableTo!: string[];
}
