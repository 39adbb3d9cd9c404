import type { Marking } from "@concert/policy";
import { MarkingEnum } from "@concert/subgraph-kit/access";
import { AUDIENCE, Bounded, LONG_TEXT, PARAGRAPHS } from "@concert/subgraph-kit/writes";
import { Field, Float, ID, InputType, Int } from "type-graphql";
import {
  ActorRole,
  Confidence,
  InformationCredibility,
  Likelihood,
  RatingLevel,
  Reliability,
  SourceReliability,
  Stage,
} from "../entities/enums.js";
import { MarkingInput } from "./marking-input.js";

@InputType({ description: "An observation behind a factor rating." })
export class FindingInput {
  @Bounded(PARAGRAPHS)
  @Field(() => String, { nullable: true, description: "Code of a Framework indicator of the rated factor, e.g. 7.5." })
  indicator?: string | null;

  @Bounded(LONG_TEXT)
  @Field({ description: "What was observed; read under the assessment's evidence marking." })
  evidence!: string;

  @Bounded(LONG_TEXT)
  @Field({ description: "Where the information comes from; read under the assessment's evidence marking." })
  source!: string;

  @Field({ description: "Day (YYYY-MM-DD) the observation was made; not in the future." })
  observedOn!: string;

  @Field(() => Reliability, { description: "Credibility of the information." })
  reliability!: Reliability;

  @Field(() => SourceReliability, {
    nullable: true,
    description: "Admiralty source reliability (A–F); optional, NOT_GRADED when left out.",
  })
  sourceReliability?: SourceReliability | null;

  @Field(() => InformationCredibility, {
    nullable: true,
    description: "Admiralty information credibility (1–6); optional, NOT_GRADED when left out.",
  })
  informationCredibility?: InformationCredibility | null;
}

@InputType({ description: "A named group and the part it plays." })
export class ActorInput {
  @Field({ description: "The group; not empty." })
  name!: string;

  @Field(() => ActorRole, { description: "Perpetrator, protector or bystander." })
  role!: ActorRole;
}

@InputType({ description: "An event to watch for." })
export class TriggerInput {
  @Field({ description: "The event; not empty." })
  event!: string;

  @Field(() => String, { nullable: true, description: "Day (YYYY-MM-DD) it is expected, if any." })
  expectedOn?: string | null;

  @Bounded(PARAGRAPHS)
  @Field(() => String, { nullable: true, description: "Code of the Framework indicator it bears on, if any, e.g. 8.8." })
  indicator?: string | null;
}

@InputType({ description: "The rating of one risk factor." })
export class FactorRatingInput {
  @Field(() => Int, { description: "Number of the risk factor (1–14); each at most once per assessment." })
  factor!: number;

  @Field(() => RatingLevel, { description: "How strongly the factor is present." })
  level!: RatingLevel;

  @Bounded(LONG_TEXT)
  @Field({ description: "Why the factor is rated so; not empty." })
  rationale!: string;

  @Field(() => [FindingInput], { defaultValue: [], description: "The observations behind the rating." })
  findings!: FindingInput[];
}

/** The content of an assessment that a revision may change; every field is optional there. */
@InputType({ description: "What a revision changes; fields left out are carried over from the revised version." })
export class AssessmentRevisionInput {
  @Field({ nullable: true, description: "First day (YYYY-MM-DD) of the period assessed." })
  periodStart?: string;

  @Field({ nullable: true, description: "Last day (YYYY-MM-DD) of the period assessed; not before its first day." })
  periodEnd?: string;

  @Field(() => Likelihood, { nullable: true, description: "Likelihood of atrocity crimes within the period." })
  likelihood?: Likelihood;

  @Field(() => Float, {
    nullable: true,
    description: "Estimated probability, 0–1, within the likelihood's range (see `likelihoodRanges`); null removes it.",
  })
  probability?: number | null;

  @Field(() => Confidence, { nullable: true, description: "Confidence in the assessment." })
  confidence?: Confidence;

  @Field(() => Stage, { nullable: true, description: "Prevention, mitigation or response." })
  stage?: Stage;

  @Bounded(LONG_TEXT)
  @Field({ nullable: true, description: "Summary judgement; not empty." })
  summary?: string;

  @Bounded(PARAGRAPHS)
  @Field(() => [String], { nullable: true, description: "Scenarios to watch." })
  scenarios?: string[];

  @Bounded(PARAGRAPHS)
  @Field(() => [String], { nullable: true, description: "Recommended actions." })
  recommendedActions?: string[];

  @Field(() => [FactorRatingInput], { nullable: true, description: "Ratings per risk factor; when given they replace all earlier ones." })
  factorRatings?: FactorRatingInput[];

  @Field(() => [ActorInput], {
    nullable: true,
    description: "Actors: perpetrators, protectors, bystanders (read under the evidence marking).",
  })
  actors?: ActorInput[];

  @Field(() => [String], { nullable: true, description: "Groups at risk (read under the evidence marking)." })
  targetGroups?: string[];

  @Field(() => [String], { nullable: true, description: "What makes the country resilient (read under the evidence marking)." })
  resilienceFactors?: string[];

  @Field(() => [TriggerInput], { nullable: true, description: "Triggers to watch (read under the evidence marking)." })
  triggers?: TriggerInput[];
}

@InputType({ description: "A new assessment, created as a draft of your own partner." })
export class AssessmentInput {
  @Field(() => ID, { description: "ISO 3166-1 alpha-3 code of the assessed country." })
  country!: string;

  @Field({ description: "First day (YYYY-MM-DD) of the period assessed." })
  periodStart!: string;

  @Field({ description: "Last day (YYYY-MM-DD) of the period assessed; not before its first day." })
  periodEnd!: string;

  @Field(() => Likelihood, { description: "Likelihood of atrocity crimes within the period." })
  likelihood!: Likelihood;

  @Field(() => Float, {
    nullable: true,
    description: "Estimated probability, 0–1, within the likelihood's range (see `likelihoodRanges`).",
  })
  probability?: number | null;

  @Field(() => Confidence, { description: "Confidence in the assessment." })
  confidence!: Confidence;

  @Field(() => Stage, { description: "Prevention, mitigation or response." })
  stage!: Stage;

  @Bounded(LONG_TEXT)
  @Field({ description: "Summary judgement; not empty." })
  summary!: string;

  @Bounded(PARAGRAPHS)
  @Field(() => [String], { defaultValue: [], description: "Scenarios to watch." })
  scenarios!: string[];

  @Bounded(PARAGRAPHS)
  @Field(() => [String], { defaultValue: [], description: "Recommended actions." })
  recommendedActions!: string[];

  @Field(() => [FactorRatingInput], { defaultValue: [], description: "Ratings per risk factor." })
  factorRatings!: FactorRatingInput[];

  @Field(() => [ActorInput], {
    nullable: true,
    description: "Actors: perpetrators, protectors, bystanders (read under the evidence marking).",
  })
  actors?: ActorInput[];

  @Field(() => [String], { nullable: true, description: "Groups at risk (read under the evidence marking)." })
  targetGroups?: string[];

  @Field(() => [String], { nullable: true, description: "What makes the country resilient (read under the evidence marking)." })
  resilienceFactors?: string[];

  @Field(() => [TriggerInput], { nullable: true, description: "Triggers to watch (read under the evidence marking)." })
  triggers?: TriggerInput[];

  @Field(() => MarkingEnum, { description: "Who may read the assessment." })
  marking!: Marking;

  @Bounded(AUDIENCE)
  @Field(() => [String], { defaultValue: [], description: "For RESTRICTED: partner and group codes, besides your partner." })
  releasableTo!: string[];

  @Field(() => MarkingInput, {
    nullable: true,
    description:
      "Who may read the findings' evidence and sources; at least as strict as `marking`. Default: ORIGINATOR (only your partner).",
  })
  evidence?: MarkingInput | null;
}

@InputType({ description: "A new marking for an assessment, and optionally for its evidence." })
export class AssessmentMarkingInput extends MarkingInput {
  @Field(() => MarkingInput, {
    nullable: true,
    description: "A new evidence marking; left out, the current one stays and must still be at least as strict as the new marking.",
  })
  evidence?: MarkingInput | null;
}
