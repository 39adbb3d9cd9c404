import { Bounded, CODE_LIST, HEAD_COUNT, LONG_TEXT } from "@concert/subgraph-kit/writes";
import { Field, ID, InputType, Int } from "type-graphql";
import { MissionStatus } from "../entities/enums.js";

@InputType({ description: "A mission's facts. On change, omitted fields keep their value." })
export class MissionInput {
  @Field({ nullable: true, description: "Full name; required on creation." })
  name?: string;

  @Bounded(CODE_LIST)
  @Field(() => [String], { nullable: true, description: "ISO 3166-1 alpha-3 codes of the host countries; at least one on creation." })
  hostCountries?: string[];

  @Field({ nullable: true, description: "Whether the mandate includes the protection of civilians; false by default." })
  protectionOfCivilians?: boolean;

  @Field({ nullable: true, description: "Whether the mandate was given under Chapter VII; false by default." })
  chapterVII?: boolean;

  @Field(() => String, { nullable: true, description: "Date (YYYY-MM-DD) of establishment; required on creation." })
  startDate?: string;

  @Field(() => String, { nullable: true, description: "Date (YYYY-MM-DD) the mandate ends or ended; null clears it." })
  endDate?: string | null;

  @Field(() => MissionStatus, { nullable: true, description: "ACTIVE by default." })
  status?: MissionStatus;
}

@InputType({ description: "What a mission requires of one capability type. On change, omitted fields keep their value." })
export class RequirementInput {
  @Bounded(HEAD_COUNT)
  @Field(() => Int, { nullable: true, description: "Units required, at least 0; required on creation." })
  quantity?: number;

  @Bounded(HEAD_COUNT)
  @Field(() => Int, { nullable: true, description: "Personnel required, at least 0; required on creation." })
  personnel?: number;

  @Field(() => String, { nullable: true, description: "Date (YYYY-MM-DD) by which it is needed; null clears it." })
  neededBy?: string | null;

  @Bounded(LONG_TEXT)
  @Field(() => String, { nullable: true, description: "Planner's note; null clears it." })
  note?: string | null;
}

@InputType({ description: "What one contributor had on the ground in one mission, of one capability type, in one month." })
export class DeploymentInput {
  @Bounded(HEAD_COUNT)
  @Field(() => Int, { description: "Units deployed, at least 0." })
  units!: number;

  @Bounded(HEAD_COUNT)
  @Field(() => Int, { description: "Personnel deployed, at least 0." })
  personnel!: number;

  @Bounded(HEAD_COUNT)
  @Field(() => Int, { defaultValue: 0, description: "Women among the personnel, at most `personnel`." })
  womenPersonnel!: number;
}

@InputType({ description: "Which mission, month, contributor and capability type a deployment snapshot describes." })
export class DeploymentKeyInput {
  @Field(() => ID, { description: "Mission (acronym)." })
  mission!: string;

  @Field({ description: "Month (YYYY-MM)." })
  month!: string;

  @Field(() => ID, { description: "Contributor (partner code)." })
  contributor!: string;

  @Field(() => ID, { description: "Capability type (code)." })
  capabilityType!: string;
}
