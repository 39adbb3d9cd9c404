import type { Marking } from "@concert/policy";
import { MarkedRecord, MarkingEnum } from "@concert/subgraph-kit";
import { ArrayType, Enum, Property } from "@mikro-orm/core";
import { ObjectType } from "type-graphql";

/**
 * A marked record read under a parent's marking too (see the policy's `ParentedRecord`): the parent's marking,
 * releasable-to and originator are copied onto the row by every write that sets or changes them.
 */
@ObjectType({ simpleResolvers: true, description: "Fields shared by records read under a parent." })
export abstract class ParentedMarkedRecord extends MarkedRecord {
  @Enum({ items: () => Object.values(MarkingEnum) })
  parentMarking!: Marking;

  @Property({ type: ArrayType, defaultRaw: "'{}'" })
  parentReleasableTo: string[] = [];

  @Property()
  parentOriginator!: string;
}

/** The parent columns of a child of `parent`. */
export function parentColumns(parent: { marking: Marking; releasableTo: string[]; originator: string }) {
  return { parentMarking: parent.marking, parentReleasableTo: [...parent.releasableTo], parentOriginator: parent.originator };
}
