import { randomUUID } from "node:crypto";
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from "@mikro-orm/core";
import { Field, ID, ObjectType } from "type-graphql";
import { InformationCredibility, Reliability, SourceReliability } from "./enums.js";
import { FactorRating } from "./factor-rating.js";
import { Indicator } from "./indicator.js";

/** Evidence and source are sensitive: their resolvers apply the assessment's evidence marking. */
@Entity()
@ObjectType({
  simpleResolvers: true,
  description: "An observation behind a factor rating: which indicator, what was seen, from which source, when, how reliable.",
})
export class Finding {
  @Field(() => ID, { description: "Identifier of the finding." })
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @Index()
  @ManyToOne(() => FactorRating, { ref: true })
  rating!: Ref<FactorRating>;

  /** Exposed as `indicator`. */
  @ManyToOne(() => Indicator, { ref: true, nullable: true })
  indicator!: Ref<Indicator> | null;

  @Property({ type: "text" })
  evidence!: string;

  @Property({ type: "text" })
  source!: string;

  @Field({ description: "Day (YYYY-MM-DD) the observation was made." })
  @Property({ type: "string", columnType: "date" })
  observedOn!: string;

  @Field(() => Reliability, { description: "Credibility of the information." })
  @Enum(() => Reliability)
  reliability!: Reliability;

  /** Admiralty A–F; null when not graded, exposed as NOT_GRADED. */
  @Enum({ items: () => SourceReliability, nullable: true })
  sourceReliability: SourceReliability | null = null;

  /** Admiralty 1–6; null when not graded, exposed as NOT_GRADED. */
  @Enum({ items: () => InformationCredibility, nullable: true })
  informationCredibility: InformationCredibility | null = null;
}
