import { randomUUID } from "node:crypto";
import { MarkedRecord, newestFirstIndex } from "@concert/subgraph-kit/access";
import { ArrayType, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from "@mikro-orm/core";
import { FullTextType } from "@mikro-orm/postgresql";
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Engagement } from "./engagement.js";
import { Theme } from "./theme.js";

export enum PracticeKind {
  BEST_PRACTICE = "BEST_PRACTICE",
  LESSON_LEARNED = "LESSON_LEARNED",
}
registerEnumType(PracticeKind, {
  name: "PracticeKind",
  description: "Whether a practice is recommended or a lesson drawn from what went wrong.",
});

/**
 * The data version that every write to the practices moves, in the writing transaction (migration 20261207234500):
 * practice searches and comparisons keep the database's rows until it does (`runCompiledUntilChanged`).
 */
export const PRACTICES_DATA_VERSION = "practices";

@Entity()
@Index({ properties: ["theme", "originator"] })
@Index(newestFirstIndex("practice", "date"))
@Index(newestFirstIndex("practice", "updated_at"))
@ObjectType({ simpleResolvers: true, description: "A best practice or lesson learned that a partner shares." })
@Directive('@key(fields: "id")')
export class Practice extends MarkedRecord {
  @Field(() => ID, { description: "Identifier of the practice." })
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @Field(() => PracticeKind, { description: "Best practice or lesson learned." })
  @Enum(() => PracticeKind)
  kind!: PracticeKind;

  @ManyToOne(() => Theme, { ref: true })
  theme!: Ref<Theme>;

  @Field({ description: "Short title." })
  @Property()
  title!: string;

  /** ISO alpha-3 codes of the countries the practice concerns; exposed as `countries`. */
  @Index({ type: "GIN" })
  @Property({ type: ArrayType })
  countryCodes: string[] = [];

  @Field({ description: "What the practice is." })
  @Property({ type: "text" })
  summary!: string;

  @Field(() => String, { nullable: true, description: "What shows that it worked (or did not)." })
  @Property({ type: "text", nullable: true })
  evidenceOfEffect!: string | null;

  @Field({ description: "Date (YYYY-MM-DD) the practice was documented." })
  @Property({ type: "string", columnType: "date" })
  date!: string;

  @Index()
  @ManyToOne(() => Engagement, { ref: true, nullable: true })
  engagement!: Ref<Engagement> | null;

  /** Full-text index of title (weight A), summary (B) and evidence of effect (C), kept by PostgreSQL. */
  @Index({ type: "fulltext" })
  @Property({
    type: new FullTextType("english"),
    // Written as PostgreSQL prints it back, so that the schema diff sees no change.
    generated: `((setweight(to_tsvector('english'::regconfig, (title)::text), 'A'::"char") || setweight(to_tsvector('english'::regconfig, summary), 'B'::"char")) || setweight(to_tsvector('english'::regconfig, COALESCE(evidence_of_effect, ''::text)), 'C'::"char")) stored`,
    lazy: true,
    hidden: true,
    ignoreSchemaChanges: ["type", "extra"],
  })
  searchVector?: string;
}
