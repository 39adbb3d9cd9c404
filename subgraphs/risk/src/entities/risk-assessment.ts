import { randomUUID } from "node:crypto";
import type { Marking } from "@concert/policy";
import { MarkedRecord, MarkingEnum, newestFirstIndex } from "@concert/subgraph-kit/access";
import { ArrayType, Entity, Enum, Index, JsonType, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import { Directive, Field, Float, ID, Int, ObjectType } from "type-graphql";
import { ActorRole, AssessmentStatus, Confidence, Likelihood, Stage } from "./enums.js";

/** A named group and the part it plays. */
@ObjectType({ simpleResolvers: true, description: "A named group and the part it plays in the situation." })
export class Actor {
  @Field({ description: "The group, e.g. an armed group, a militia, a unit, an authority." })
  name!: string;

  @Field(() => ActorRole, { description: "Perpetrator, protector or bystander." })
  role!: ActorRole;
}

/** An event to watch for. */
@ObjectType({ simpleResolvers: true, description: "An event that could trigger atrocities, to watch for." })
export class Trigger {
  @Field({ description: "The event, e.g. a contested election, a leader's death." })
  event!: string;

  @Field(() => String, { nullable: true, description: "Day (YYYY-MM-DD) it is expected, if any." })
  expectedOn!: string | null;

  @Field(() => String, { nullable: true, description: "Code of the Framework indicator it bears on, e.g. 8.8, if any." })
  indicator!: string | null;
}

/**
 * The data version that every write to the assessments moves, in the writing transaction (migration
 * 20261207233000): the latest and previous assessments' rows are kept until it does (`runCompiledUntilChanged`).
 */
export const ASSESSMENTS_DATA_VERSION = "assessments";

@Entity()
@Index({ properties: ["countryCode", "originator", "periodEnd"] })
@Index(newestFirstIndex("risk_assessment", "updated_at"))
// A pair's published versions newest first: "previous" (a lateral join, limit 1) reads one entry, not the pair's history.
@Index({
  name: "risk_assessment_published_newest_index",
  expression:
    'create index "risk_assessment_published_newest_index" on "risk_assessment" ("country_code", "originator", "period_end" desc, "created_at" desc, "id") where "status" = \'PUBLISHED\'',
})
@Index({
  name: "risk_assessment_latest_of_class_index",
  expression:
    'create index "risk_assessment_latest_of_class_index" on "risk_assessment" ("country_code", "originator") where "latest_of_class"',
})
@ObjectType({ simpleResolvers: true, description: "A partner's assessment of the risk of atrocity crimes in one country over a period." })
@Directive('@key(fields: "id")')
export class RiskAssessment extends MarkedRecord {
  @Field(() => ID, { description: "Identifier of the assessment." })
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  /** ISO alpha-3 code of the assessed country; exposed as `country`. */
  @Index()
  @Property({ length: 3 })
  countryCode!: string;

  @Field(() => Int, { description: "1 for a first assessment; each revision counts one more." })
  @Property({ default: 1 })
  revision: number = 1;

  /** The assessment this one revises (and so supersedes); exposed as `supersedes`. */
  @Unique()
  @Property({ type: "uuid", nullable: true })
  supersedesId: string | null = null;

  @Field({ description: "First day (YYYY-MM-DD) of the period assessed." })
  @Property({ type: "string", columnType: "date" })
  periodStart!: string;

  @Field({ description: "Last day (YYYY-MM-DD) of the period assessed." })
  @Property({ type: "string", columnType: "date" })
  periodEnd!: string;

  @Index()
  @Field(() => Likelihood, { description: "Likelihood of atrocity crimes within the period." })
  @Enum(() => Likelihood)
  likelihood!: Likelihood;

  @Field(() => Float, { nullable: true, description: "Estimated probability (0–1), where the author gives one." })
  @Property({ type: "double", nullable: true })
  probability!: number | null;

  @Field(() => Confidence, { description: "The author's confidence in the assessment." })
  @Enum(() => Confidence)
  confidence!: Confidence;

  @Index()
  @Field(() => Stage, { description: "Prevention, mitigation or response." })
  @Enum(() => Stage)
  stage!: Stage;

  @Index()
  @Field(() => AssessmentStatus, { description: "Draft, published or superseded." })
  @Enum(() => AssessmentStatus)
  status: AssessmentStatus = AssessmentStatus.DRAFT;

  @Field({ description: "The author's summary judgement." })
  @Property({ type: "text" })
  summary!: string;

  @Field(() => [String], { description: "Scenarios to watch." })
  @Property({ type: ArrayType })
  scenarios: string[] = [];

  @Field(() => [String], { description: "Recommended actions." })
  @Property({ type: ArrayType })
  recommendedActions: string[] = [];

  @Field(() => MarkingEnum, {
    description: "Who may read the evidence and sources of the findings; never looser than the assessment's marking.",
  })
  @Enum({ items: () => Object.values(MarkingEnum), default: "ORIGINATOR" })
  evidenceMarking!: Marking;

  @Field(() => [String], { description: "For RESTRICTED evidence: the partners and groups it is releasable to, besides the author." })
  @Property({ type: ArrayType, defaultRaw: "'{}'" })
  evidenceReleasableTo: string[] = [];

  /** Exposed as `actors`, under the evidence marking. */
  @Property({ type: JsonType, defaultRaw: "'[]'" })
  actors: Actor[] = [];

  /** Exposed as `targetGroups`, under the evidence marking. */
  @Property({ type: ArrayType, defaultRaw: "'{}'" })
  targetGroups: string[] = [];

  /** Exposed as `resilienceFactors`, under the evidence marking. */
  @Property({ type: ArrayType, defaultRaw: "'{}'" })
  resilienceFactors: string[] = [];

  /** Exposed as `triggers`, under the evidence marking. */
  @Property({ type: JsonType, defaultRaw: "'[]'" })
  triggers: Trigger[] = [];

  /**
   * Kept by the database, never written here: true for the latest published assessment (as `newestFirst`
   * orders) among those of the same country, author, marking and releasable-to. Who may read a published
   * assessment depends on those last three alone, so each reader's latest readable assessment of a (country,
   * author) pair is among the flagged ones: "latest" is found among a few rows per pair, not every version.
   * A trigger (migration Migration20261129232231) updates it in every write's own transaction.
   */
  @Property({ default: false, lazy: true })
  latestOfClass?: boolean;
}
