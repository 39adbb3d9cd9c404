import { Entity, Enum, Index, JsonType, PrimaryKey, Property } from "@mikro-orm/core";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { type DeliveryStatus, DeliveryStatusEnum } from "./enums.js";

@Entity()
@Index({ properties: ["partner", "createdAt", "id"] })
@ObjectType({ simpleResolvers: true, description: "One webhook message of one of your partner's rules, and how its delivery went." })
export class AlertDelivery {
  @Field(() => ID, { description: "Delivery id; also its `webhook-id` header, the same on every retry." })
  @PrimaryKey({ type: "uuid" })
  id!: string;

  @Field(() => ID, { description: "The rule that matched." })
  @Index()
  @Property({ type: "uuid" })
  rule!: string;

  /** The rule's owner. */
  @Property()
  partner!: string;

  @Field({ description: "The event type, e.g. `assessment.level_crossed` (the body's `type`)." })
  @Property()
  event!: string;

  /** The record the alert is about, checked again just before each try. */
  @Property()
  recordType!: string;

  @Property()
  recordId!: string;

  /** The body's `data`, as the owner may read it. */
  @Property({ type: JsonType })
  payload!: Record<string, unknown>;

  @Field(() => DeliveryStatusEnum, { description: "Where the delivery stands." })
  @Enum({ items: () => Object.values(DeliveryStatusEnum) })
  status: DeliveryStatus = "PENDING";

  @Field(() => Int, { description: "How many times it was tried." })
  @Property()
  attempts = 0;

  @Field(() => String, { nullable: true, description: "Why the last try failed (e.g. `receiver answered HTTP 503`); null after success." })
  @Property({ type: "text", nullable: true })
  lastError: string | null = null;

  @Field({ description: "When the rule matched." })
  @Property()
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true, description: "When the receiver accepted it." })
  @Property({ nullable: true })
  deliveredAt: Date | null = null;
}
