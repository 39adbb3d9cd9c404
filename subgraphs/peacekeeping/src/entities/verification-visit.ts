import { randomUUID } from "node:crypto";
import { MarkedRecord } from "@concert/subgraph-kit/access";
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from "@mikro-orm/core";
import { Field, ID, ObjectType } from "type-graphql";
import { ChecklistOutcome, VisitKind } from "./enums.js";
import { Pledge } from "./pledge.js";

const outcome = () => ({ items: () => ChecklistOutcome, default: ChecklistOutcome.NOT_ASSESSED });

/**
 * A UN verification visit to a pledged unit: the evidence that moves a pledge up the readiness levels. Recorded by
 * the UN; readable only where its pledge is (its declared parent), and always by the pledge's contributor.
 */
@Entity()
@Index({ properties: ["pledge", "date"] })
@ObjectType({
  simpleResolvers: true,
  description:
    "A UN verification visit to a pledged unit, with its checklist: the evidence for a pledge's readiness level. " +
    "Readable only where its pledge is, and always by the pledge's contributor.",
})
export class VerificationVisit extends MarkedRecord {
  @Field(() => ID, { description: "Identifier of the visit." })
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @ManyToOne(() => Pledge, { ref: true, deleteRule: "cascade" })
  pledge!: Ref<Pledge>;

  @Field(() => VisitKind, { description: "What the visit was for." })
  @Enum(() => VisitKind)
  kind!: VisitKind;

  @Field({ description: "Date (YYYY-MM-DD) of the visit." })
  @Property({ type: "string", columnType: "date" })
  date!: string;

  @Enum(outcome())
  training: ChecklistOutcome = ChecklistOutcome.NOT_ASSESSED;

  @Enum(outcome())
  equipment: ChecklistOutcome = ChecklistOutcome.NOT_ASSESSED;

  @Enum(outcome())
  selfSustainment: ChecklistOutcome = ChecklistOutcome.NOT_ASSESSED;

  @Enum(outcome())
  medical: ChecklistOutcome = ChecklistOutcome.NOT_ASSESSED;

  @Enum(outcome())
  aviation: ChecklistOutcome = ChecklistOutcome.NOT_ASSESSED;

  @Enum(outcome())
  engineering: ChecklistOutcome = ChecklistOutcome.NOT_ASSESSED;

  @Enum(outcome())
  ict: ChecklistOutcome = ChecklistOutcome.NOT_ASSESSED;

  @Enum(outcome())
  movementControl: ChecklistOutcome = ChecklistOutcome.NOT_ASSESSED;

  @Field(() => String, { nullable: true, description: "The visiting team's remarks; demonstration data says [DEMO]." })
  @Property({ type: "text", nullable: true })
  remarks!: string | null;
}
