import { randomUUID } from "node:crypto";
import { MarkedRecord } from "@concert/subgraph-kit/access";
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from "@mikro-orm/core";
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Stance } from "./enums.js";
import { RiskAssessment } from "./risk-assessment.js";
import { RiskFactor } from "./risk-factor.js";

/** An opinion is read under its own marking and its assessment's: the assessment is its declared parent (the policy's OPINION). */
@Entity()
@ObjectType({
  simpleResolvers: true,
  description:
    "A partner's agreement or disagreement with another partner's assessment, or with one factor rating of it (a STIX 2.1 opinion): dissent kept on the record.",
})
@Directive('@key(fields: "id")')
export class Opinion extends MarkedRecord {
  @Field(() => ID, { description: "Identifier of the opinion." })
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  /** Exposed as `assessment`. */
  @Index()
  @ManyToOne(() => RiskAssessment, { ref: true })
  assessment!: Ref<RiskAssessment>;

  /** Exposed as `factor`; null for an opinion on the whole assessment. */
  @ManyToOne(() => RiskFactor, { ref: true, nullable: true })
  factor!: Ref<RiskFactor> | null;

  @Field(() => Stance, { description: "How far the author agrees." })
  @Enum(() => Stance)
  stance!: Stance;

  @Field({ description: "Why." })
  @Property({ type: "text" })
  explanation!: string;
}
