import type { Marking } from "@concert/policy";
import { MarkingEnum } from "@concert/subgraph-kit/access";
import { AUDIENCE, Bounded, HEAD_COUNT, LONG_TEXT } from "@concert/subgraph-kit/writes";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { PledgeStatus, Readiness } from "../entities/enums.js";

@ArgsType()
export class PledgeFilter {
  @Field(() => ID, { nullable: true, description: "Only pledges to this mission (acronym)." })
  mission?: string;

  @Field({ nullable: true, description: "Only general pledges, made to no particular mission (true) or only mission pledges (false)." })
  general?: boolean;

  @Field(() => ID, { nullable: true, description: "Only pledges of this capability type (code)." })
  capabilityType?: string;

  @Field(() => ID, { nullable: true, description: "Only pledges by this contributor (partner code)." })
  contributor?: string;

  @Field(() => Readiness, { nullable: true, description: "Only pledges at exactly this readiness level." })
  readiness?: Readiness;

  @Field(() => Readiness, { nullable: true, description: "Only pledges at this readiness level or above." })
  minimumReadiness?: Readiness;

  @Field(() => [PledgeStatus], { nullable: true, description: "Only pledges in one of these statuses." })
  status?: PledgeStatus[];

  @Field(() => ID, { nullable: true, description: "Only pledges made at this pledging event (code)." })
  event?: string;

  @Field(() => Date, { nullable: true, description: "Only pledges changed at or after this time." })
  updatedSince?: Date;
}

@InputType({ description: "How a pledge is shared. Omitted parts keep their defaults (on creation) or their current value (on change)." })
export class PledgeMarkingInput {
  @Field(() => MarkingEnum, {
    nullable: true,
    description: "Who may read the pledge in detail; RESTRICTED (to `releasableTo`) by default.",
  })
  marking?: Marking;

  @Bounded(AUDIENCE)
  @Field(() => [String], { nullable: true, description: 'For RESTRICTED: partner and group codes; ["UN"] by default.' })
  releasableTo?: string[];

  @Field(() => MarkingEnum, {
    nullable: true,
    description:
      "Who may read the unit details; never looser than `marking`. When omitted they keep their marking (RESTRICTED to UN at first) unless it is looser than the pledge's, in which case they follow the pledge.",
  })
  unitDetailsMarking?: Marking;

  @Bounded(AUDIENCE)
  @Field(() => [String], {
    nullable: true,
    description:
      "For RESTRICTED unit details: partner and group codes; the pledge's `releasableTo` when `unitDetailsMarking` is given alone.",
  })
  unitDetailsReleasableTo?: string[];

  @Field(() => MarkingEnum, {
    nullable: true,
    description: "Who may count the pledge in totals and gaps without seeing it; never stricter than `marking`; PARTNERS by default.",
  })
  aggregateMarking?: Marking;
}

@InputType({ description: "What a pledge promises. On change, omitted fields keep their value and null clears a nullable one." })
export class PledgeInput {
  @Field(() => ID, { nullable: true, description: "Mission (acronym) pledged to; null or omitted for a general pledge." })
  mission?: string | null;

  @Field(() => ID, { nullable: true, description: "Capability type (code); required on creation." })
  capabilityType?: string;

  @Bounded(HEAD_COUNT)
  @Field(() => Int, { nullable: true, description: "Units pledged, at least 1; required on creation." })
  quantity?: number;

  @Bounded(HEAD_COUNT)
  @Field(() => Int, { nullable: true, description: "Personnel pledged, at least 0; required on creation." })
  personnel?: number;

  @Bounded(HEAD_COUNT)
  @Field(() => Int, { nullable: true, description: "Women among the personnel, at most `personnel`; 0 by default." })
  womenPersonnel?: number;

  @Field(() => Readiness, { nullable: true, description: "Readiness level; LEVEL_1 by default." })
  readiness?: Readiness;

  @Field(() => ID, { nullable: true, description: "Pledging event (code) at which it was made." })
  event?: string | null;

  @Field(() => String, { nullable: true, description: "Date (YYYY-MM-DD) by which the pledge must be renewed." })
  renewalDue?: string | null;

  @Bounded(LONG_TEXT)
  @Field(() => String, { nullable: true, description: "Unit designation, equipment and location; shared per `unitDetailsMarking`." })
  unitDetails?: string | null;

  @Field(() => String, { nullable: true, description: "For a deployed unit: date (YYYY-MM-DD) its rotation is due." })
  rotationDue?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "A DEPLOYED pledge you may read that this pledge is to replace at its rotation; null clears it.",
  })
  replaces?: string | null;
}
