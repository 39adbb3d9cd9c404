import { updatedSinceWhere } from "@concert/subgraph-kit/reads";
import { ArgsType, Field, ID } from "type-graphql";
import { AssessmentStatus, Likelihood, Stage } from "../entities/enums.js";
import { requireRegion } from "./validation.js";

@ArgsType()
export class AssessmentFilters {
  @Field(() => String, { nullable: true, description: "Only countries of this region or sub-region, e.g. Africa or Middle Africa." })
  region?: string;

  @Field(() => ID, { nullable: true, description: "Only assessments of this country (ISO alpha-3)." })
  country?: string;

  @Field(() => Stage, { nullable: true, description: "Only assessments at this stage." })
  stage?: Stage;

  @Field(() => [Likelihood], { nullable: true, description: "Only assessments with one of these likelihoods." })
  likelihood?: Likelihood[];

  @Field(() => ID, { nullable: true, description: "Only assessments by this partner." })
  author?: string;

  @Field(() => AssessmentStatus, { nullable: true, description: "Only assessments with this status." })
  status?: AssessmentStatus;

  @Field(() => Date, { nullable: true, description: "Only assessments changed at or after this time." })
  updatedSince?: Date;
}

/** The filters as SQL conditions; an unknown region is bad input rather than an empty list. */
export function filterConditions(f: AssessmentFilters): Record<string, unknown>[] {
  const conditions: Record<string, unknown>[] = [];
  if (f.region !== undefined && f.region !== null) conditions.push({ countryCode: { $in: requireRegion("region", f.region) } });
  if (f.country) conditions.push({ countryCode: f.country });
  if (f.stage) conditions.push({ stage: f.stage });
  if (f.likelihood) conditions.push({ likelihood: { $in: f.likelihood } });
  if (f.author) conditions.push({ originator: f.author });
  if (f.status) conditions.push({ status: f.status });
  conditions.push(updatedSinceWhere(f.updatedSince));
  return conditions;
}
