import { Bounded, CODE_LIST } from "@concert/subgraph-kit/writes";
import { ArgsType, Field, Float, ID, InputType, Int } from "type-graphql";
import { type AlertConditionKind, AlertConditionKindEnum, type AlertLevel, AlertLevelEnum } from "../entities/enums.js";

@InputType({
  description: "What a rule watches: `kind`, and the fields that kind reads (see `AlertConditionKind`); the others must be left out.",
})
export class AlertConditionInput {
  @Field(() => AlertConditionKindEnum, { description: "What the rule watches." })
  kind!: AlertConditionKind;

  @Field(() => ID, { nullable: true, description: "ASSESSMENT_LEVEL: a watchlist id you may read; its countries are watched." })
  watchlist?: string | null;

  @Bounded(CODE_LIST)
  @Field(() => [String], {
    nullable: true,
    description: "ASSESSMENT_LEVEL: ISO alpha-3 codes of the countries watched (instead of, or with, `watchlist`).",
  })
  countries?: string[] | null;

  @Field(() => AlertLevelEnum, { nullable: true, description: "ASSESSMENT_LEVEL: the likelihood level whose crossing is reported." })
  level?: AlertLevel | null;

  @Field(() => String, { nullable: true, description: "ASSESSMENT_DIVERGENCE: ISO alpha-3 code of the country." })
  country?: string | null;

  @Field(() => Int, { nullable: true, description: "ASSESSMENT_DIVERGENCE: how many likelihood levels apart (1–3)." })
  levels?: number | null;

  @Field(() => ID, {
    nullable: true,
    description: "MISSION_GAP and ROTATION_UNCOVERED: the mission's acronym; READINESS_STALLED (optional): only this mission's pledges.",
  })
  mission?: string | null;

  @Field(() => ID, { nullable: true, description: "MISSION_GAP: the capability type's code." })
  capability?: string | null;

  @Field(() => Int, { nullable: true, description: "MISSION_GAP: the gap, in units (0 or more), whose crossing is reported." })
  threshold?: number | null;

  @Field(() => ID, { nullable: true, description: "PRACTICE_THEME: a theme code from the managed list (see `themes`)." })
  theme?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "ROTATION_UNCOVERED: days ahead to watch (1–730); READINESS_STALLED: days at one level that are too long (1–3650).",
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

@InputType({ description: "A new webhook alert rule for your partner." })
export class AlertRuleInput {
  @Field({ description: "A name of your choice (1–200 characters)." })
  name!: string;

  @Field({ description: "Where to send the messages: https in production; never a loopback, link-local or private address." })
  url!: string;

  @Field(() => AlertConditionInput, { description: "What the rule watches." })
  condition!: AlertConditionInput;
}

@InputType({ description: "Changes to an alert rule; fields left out stay as they are." })
export class AlertRuleChanges {
  @Field({ nullable: true, description: "A new name." })
  name?: string;

  @Field({ nullable: true, description: "A new URL (same rules as when creating)." })
  url?: string;

  @Field(() => AlertConditionInput, { nullable: true, description: "A new condition, replacing the old one whole." })
  condition?: AlertConditionInput;

  @Field({ nullable: true, description: "True: replace the signing secret; the new one is returned once, in `secret`." })
  rotateSecret?: boolean;
}

@ArgsType()
export class DeliveryFilterArgs {
  @Field(() => ID, { nullable: true, description: "Only the deliveries of this rule." })
  rule?: string;
}
