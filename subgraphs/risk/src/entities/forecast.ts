import { randomUUID } from "node:crypto";
import { MarkedRecord } from "@concert/subgraph-kit/access";
import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref } from "@mikro-orm/core";
import { Directive, Field, Float, ID, ObjectType } from "type-graphql";
import { ForecastQuestion } from "./forecast-question.js";

/** A forecast is read under its own marking and its question's: the question is its declared parent (the policy's FORECAST). */
@Entity()
@Index({ properties: ["question", "originator", "madeAt"] })
@ObjectType({
  simpleResolvers: true,
  description: "One partner's probability that a question's event happens. Each update is a new forecast: the history is kept.",
})
@Directive('@key(fields: "id")')
export class Forecast extends MarkedRecord {
  @Field(() => ID, { description: "Identifier of the forecast." })
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  /** Exposed as `question`. */
  @ManyToOne(() => ForecastQuestion, { ref: true })
  question!: Ref<ForecastQuestion>;

  @Field(() => Float, { description: "Probability (0–1, two decimals) that the event happens within the window." })
  @Property({ type: "double" })
  probability!: number;

  @Field({ description: "Why the partner forecasts so." })
  @Property({ type: "text" })
  rationale!: string;

  @Field({ description: "When the forecast was made (ISO 8601): it stands from then until the partner's next one." })
  @Property()
  madeAt: Date = new Date();
}
