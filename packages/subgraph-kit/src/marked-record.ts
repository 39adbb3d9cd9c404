import type { Marking } from "@concert/policy";
import { ArrayType, Enum, Index, Property } from "@mikro-orm/core";
import { Field, Int, ObjectType } from "type-graphql";
import { MarkingEnum } from "./enums.js";

/**
 * Columns and fields every shareable record has: its marking, whom a RESTRICTED record is
 * released to, its originating partner, a version for optimistic concurrency, and timestamps.
 */
@ObjectType({ simpleResolvers: true, description: "Fields shared by every shareable record." })
export abstract class MarkedRecord {
  @Field(() => MarkingEnum, { description: "Who may read this record." })
  @Enum({ items: () => Object.values(MarkingEnum) })
  marking!: Marking;

  @Field(() => [String], {
    description: "For a RESTRICTED record: the partner and group (forum) codes it is releasable to, besides its originator.",
  })
  @Property({ type: ArrayType })
  releasableTo: string[] = [];

  /** Code of the partner that owns the record; exposed by each type under a domain name (author, contributor…). */
  @Index()
  @Property()
  originator!: string;

  @Field(() => Int, { description: "Incremented by every change; name it in a write to guard against overwriting a newer version." })
  @Property({ version: true })
  version!: number;

  @Field({ description: "True for invented demonstration data, which says nothing about real partners or countries." })
  @Property({ default: false })
  demo: boolean = false;

  @Field({ description: "When the record was created." })
  @Property()
  createdAt: Date = new Date();

  @Index()
  @Field({ description: "When the record last changed." })
  @Property({ onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/**
 * Index options for a list ordered newest first, then by id: an index in exactly that order lets PostgreSQL
 * read one page and stop, even among rows of the same instant (an ascending index serves only the first key).
 */
export function newestFirstIndex(table: string, column: string): { name: string; expression: string } {
  const name = `${table}_${column}_desc_id_index`;
  return { name, expression: `create index "${name}" on "${table}" ("${column}" desc, "id")` };
}
