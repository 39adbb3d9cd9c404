import { randomUUID } from "node:crypto";
import { MarkedRecord } from "@concert/subgraph-kit/access";
import { Entity, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import { Directive, Field, ID, ObjectType } from "type-graphql";

/** One per partner: its originator is the owning partner (unique). */
/**
 * The data version that every write to the watchlists or their entries moves, in the writing transaction (migration
 * 20261207233000): the entries' rows are kept until it does (`runCompiledUntilChanged`).
 */
export const WATCHLISTS_DATA_VERSION = "watchlists";

@Entity()
@Unique({ properties: ["originator"] })
@ObjectType({ simpleResolvers: true, description: "A partner's list of countries of concern, shared by its marking." })
@Directive('@key(fields: "id")')
export class Watchlist extends MarkedRecord {
  @Field(() => ID, { description: "Identifier of the watchlist." })
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @Field({ description: "What the list is for, in the owner's words." })
  @Property({ type: "text" })
  title!: string;
}
