import { randomUUID } from "node:crypto";
import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref, Unique } from "@mikro-orm/core";
import { Field, ID, ObjectType } from "type-graphql";
import { RatingLevel } from "./enums.js";
import { RiskAssessment } from "./risk-assessment.js";
import { RiskFactor } from "./risk-factor.js";

@Entity()
@Unique({ properties: ["assessment", "factor"] })
@ObjectType({ simpleResolvers: true, description: "An assessment's rating of one risk factor, with the findings behind it." })
export class FactorRating {
  @Field(() => ID, { description: "Identifier of the rating." })
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @ManyToOne(() => RiskAssessment, { ref: true })
  assessment!: Ref<RiskAssessment>;

  /** Exposed as `factor`. */
  @ManyToOne(() => RiskFactor, { ref: true })
  factor!: Ref<RiskFactor>;

  @Field(() => RatingLevel, { description: "How strongly the factor is present." })
  @Enum(() => RatingLevel)
  level!: RatingLevel;

  @Field({ description: "Why the author rates the factor so." })
  @Property({ type: "text" })
  rationale!: string;
}
