import { randomUUID } from "node:crypto";
import { MarkedRecord, newestFirstIndex } from "@concert/subgraph-kit/access";
import { ArrayType, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from "@mikro-orm/core";
import { FullTextType } from "@mikro-orm/postgresql";
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Forum } from "./forum.js";

export enum EngagementKind {
  MEETING = "MEETING",
  TRAINING = "TRAINING",
  EXCHANGE = "EXCHANGE",
  JOINT_ASSESSMENT = "JOINT_ASSESSMENT",
  FIELD_COORDINATION = "FIELD_COORDINATION",
  DEMARCHE = "DEMARCHE",
}
registerEnumType(EngagementKind, { name: "EngagementKind", description: "What kind of engagement between partners took place." });

/**
 * The data version that every write to the engagements moves, in the writing transaction (migration 20261207234500):
 * engagement searches keep the database's rows until it does (`runCompiledUntilChanged`).
 */
export const ENGAGEMENTS_DATA_VERSION = "engagements";

@Entity()
@Index(newestFirstIndex("engagement", "date"))
@ObjectType({
  simpleResolvers: true,
  description: "A meeting, training, exchange, joint assessment, field coordination or démarche between partners.",
})
@Directive('@key(fields: "id")')
export class Engagement extends MarkedRecord {
  @Field(() => ID, { description: "Identifier of the engagement." })
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @Field(() => EngagementKind, { description: "What kind of engagement this was." })
  @Enum(() => EngagementKind)
  kind!: EngagementKind;

  @Field({ description: "Short title." })
  @Property()
  title!: string;

  @Index()
  @ManyToOne(() => Forum, { ref: true, nullable: true })
  forum!: Ref<Forum> | null;

  /** Codes of the participating partners; exposed as `participants`. */
  @Index({ type: "GIN" })
  @Property({ type: ArrayType })
  participantCodes: string[] = [];

  /** ISO alpha-3 codes of the countries in focus; exposed as `countries`. */
  @Index({ type: "GIN" })
  @Property({ type: ArrayType })
  countryCodes: string[] = [];

  @Field({ description: "Date (YYYY-MM-DD) of the engagement." })
  @Property({ type: "string", columnType: "date" })
  date!: string;

  @Field({ description: "What was discussed or done." })
  @Property({ type: "text" })
  summary!: string;

  @Field(() => [String], { description: "Agreed outcomes and follow-up actions." })
  @Property({ type: ArrayType })
  outcomes: string[] = [];

  /**
   * Full-text index of title (weight A), summary (B) and outcomes (C), kept by PostgreSQL.
   * `concert_immutable_join` (created by the migration) joins the outcomes: `array_to_string` itself is not immutable.
   */
  @Index({ type: "fulltext" })
  @Property({
    type: new FullTextType("english"),
    // Written as PostgreSQL prints it back, so that the schema diff sees no change.
    generated: `((setweight(to_tsvector('english'::regconfig, (title)::text), 'A'::"char") || setweight(to_tsvector('english'::regconfig, summary), 'B'::"char")) || setweight(to_tsvector('english'::regconfig, concert_immutable_join(outcomes)), 'C'::"char")) stored`,
    lazy: true,
    hidden: true,
    ignoreSchemaChanges: ["type", "extra"],
  })
  searchVector?: string;
}
