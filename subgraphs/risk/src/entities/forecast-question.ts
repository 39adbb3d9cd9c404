import { randomUUID } from "node:crypto";
import { MarkedRecord } from "@concert/subgraph-kit/access";
import { Entity, Enum, Index, PrimaryKey, Property } from "@mikro-orm/core";
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { ForecastEvent, QuestionStatus } from "./enums.js";

@Entity()
@ObjectType({
  simpleResolvers: true,
  description: "A question partners forecast: will the event happen in the country within the window? Opened and resolved by the operator.",
})
@Directive('@key(fields: "id")')
export class ForecastQuestion extends MarkedRecord {
  @Field(() => ID, { description: "Identifier of the question." })
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  /** ISO alpha-3 code; exposed as `country`. */
  @Index()
  @Property({ length: 3 })
  countryCode!: string;

  @Field(() => ForecastEvent, { description: "The event asked about." })
  @Enum(() => ForecastEvent)
  event!: ForecastEvent;

  @Field({ description: "First day (YYYY-MM-DD) of the window in which the event must happen." })
  @Property({ type: "string", columnType: "date" })
  windowStart!: string;

  @Field({ description: "Last day (YYYY-MM-DD) of the window; at most 24 months after its first day." })
  @Property({ type: "string", columnType: "date" })
  windowEnd!: string;

  @Field({ description: "How the operator will decide the question." })
  @Property({ type: "text" })
  resolutionCriteria!: string;

  @Index()
  @Field(() => QuestionStatus, { description: "OPEN, CLOSED, RESOLVED_YES, RESOLVED_NO or ANNULLED." })
  @Enum(() => QuestionStatus)
  status: QuestionStatus = QuestionStatus.OPEN;

  @Field(() => String, { nullable: true, description: "What the resolution rests on (a report, a data set); null until resolved." })
  @Property({ type: "text", nullable: true })
  resolutionSource: string | null = null;

  @Field(() => String, {
    nullable: true,
    description: "Day (YYYY-MM-DD) the question was resolved or annulled: scoring stops at the earlier of this day and the window's end.",
  })
  @Property({ type: "string", columnType: "date", nullable: true })
  resolvedOn: string | null = null;
}
