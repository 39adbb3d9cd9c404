import { Entity, Enum, Index, JsonType, PrimaryKey, Property } from "@mikro-orm/core";
import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { type AlertConditionKind, AlertConditionKindEnum, type AlertLevel, AlertLevelEnum } from "./enums.js";

@ObjectType({
  simpleResolvers: true,
  description: "What an alert rule watches: `kind`, and the fields that kind reads (the others are null).",
})
export class AlertCondition {
  @Field(() => AlertConditionKindEnum, { description: "What the rule watches." })
  kind!: AlertConditionKind;

  @Field(() => ID, { nullable: true, description: "ASSESSMENT_LEVEL: the watchlist whose countries are watched." })
  watchlist?: string | null;

  @Field(() => [String], { nullable: true, description: "ASSESSMENT_LEVEL: the ISO alpha-3 codes of the countries watched." })
  countries?: string[] | null;

  @Field(() => AlertLevelEnum, { nullable: true, description: "ASSESSMENT_LEVEL: the likelihood level whose crossing is reported." })
  level?: AlertLevel | null;

  @Field(() => String, { nullable: true, description: "ASSESSMENT_DIVERGENCE: the ISO alpha-3 code of the country." })
  country?: string | null;

  @Field(() => Int, { nullable: true, description: "ASSESSMENT_DIVERGENCE: how many likelihood levels apart (1–3)." })
  levels?: number | null;

  @Field(() => ID, {
    nullable: true,
    description: "MISSION_GAP and ROTATION_UNCOVERED: the mission's acronym; READINESS_STALLED: only this mission's pledges, when set.",
  })
  mission?: string | null;

  @Field(() => ID, { nullable: true, description: "MISSION_GAP: the capability type's code." })
  capability?: string | null;

  @Field(() => Int, { nullable: true, description: "MISSION_GAP: the gap, in units, whose crossing is reported." })
  threshold?: number | null;

  @Field(() => ID, { nullable: true, description: "PRACTICE_THEME: the theme's code." })
  theme?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "ROTATION_UNCOVERED: how many days ahead a rotation is watched; READINESS_STALLED: how many days at one level is too long.",
  })
  days?: number | null;

  @Field(() => ID, { nullable: true, description: "FORECAST_RISE, CROWD_FORECAST: the forecast question's id." })
  question?: string | null;

  @Field(() => ID, { nullable: true, description: "FORECAST_RISE: the code of the partner whose forecasts are watched." })
  partner?: string | null;

  @Field(() => Int, { nullable: true, description: "FORECAST_RISE: the rise, in percentage points (1–100), that is reported." })
  points?: number | null;

  @Field(() => Float, { nullable: true, description: "CROWD_FORECAST: the probability (0–1) whose crossing is reported." })
  probability?: number | null;
}

@Entity()
@ObjectType({
  simpleResolvers: true,
  description: "A webhook alert rule of your partner: when its condition is met, a signed message goes to its URL.",
})
export class AlertRule {
  @Field(() => ID, { description: "Rule id." })
  @PrimaryKey({ type: "uuid" })
  id!: string;

  /** The partner the rule belongs to (its owner); every read and write is limited to it. */
  @Index()
  @Property()
  partner!: string;

  @Field({ description: "A name of your choice." })
  @Property({ type: "text" })
  name!: string;

  @Field({ description: "Where the webhook messages go (https in production)." })
  @Property({ type: "text" })
  url!: string;

  @Field(() => AlertCondition, { description: "What the rule watches." })
  @Property({ type: JsonType })
  condition!: AlertCondition;

  @Enum({ items: () => Object.values(AlertConditionKindEnum) })
  kind!: AlertConditionKind;

  /** The signing secret, sealed with the service's key (AES-256-GCM); shown once, never read back. */
  @Property({ type: "text", lazy: true })
  secret!: string;

  @Field(() => Int, { description: "Incremented by every change; name it in a write to guard against overwriting a newer version." })
  @Property({ version: true })
  version!: number;

  @Field({ description: "When the rule was created." })
  @Property()
  createdAt: Date = new Date();

  @Field({ description: "When the rule last changed." })
  @Property({ onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
