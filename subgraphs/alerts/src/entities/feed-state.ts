import { Entity, Index, JsonType, PrimaryKey, PrimaryKeyProp, Property } from "@mikro-orm/core";

/** Where the worker stands in one subgraph's change feed: the cursor to resume after. */
@Entity()
export class FeedCursor {
  @PrimaryKey({ length: 40 })
  feed!: string;

  @Property({ type: "text" })
  cursor!: string;

  @Property({ onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/**
 * The latest state of a record as the feeds told it (what a rule compares against: a level before and after,
 * the assessments of a country, the requirements and pledges of a mission). Deleted records are removed.
 */
@Entity()
@Index({ properties: ["recordType", "key"] })
export class ObservedRecord {
  [PrimaryKeyProp]?: ["recordType", "id"];

  @PrimaryKey({ length: 40 })
  recordType!: string;

  @PrimaryKey({ length: 80 })
  id!: string;

  /** What the rules group by: the country of an assessment, `<mission>/<capability>` of a pledge or requirement. */
  @Property({ type: "text", nullable: true })
  key: string | null = null;

  @Property()
  version!: number;

  @Property({ type: JsonType })
  data!: Record<string, unknown>;

  @Property({ onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
