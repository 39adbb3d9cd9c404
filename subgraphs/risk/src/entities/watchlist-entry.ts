import { randomUUID } from "node:crypto";
import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref, Unique } from "@mikro-orm/core";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Watchlist } from "./watchlist.js";

@Entity()
@Unique({ properties: ["watchlist", "countryCode"] })
@ObjectType({ simpleResolvers: true, description: "A country on a partner's watchlist." })
export class WatchlistEntry {
  @Field(() => ID, { description: "Identifier of the entry." })
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  /** Exposed as `watchlist`; readable only where the watchlist is. */
  @ManyToOne(() => Watchlist, { ref: true })
  watchlist!: Ref<Watchlist>;

  /** ISO alpha-3 code; exposed as `country`. */
  @Index()
  @Property({ length: 3 })
  countryCode!: string;

  @Field(() => Int, { description: "Position on the list, 1 being of most concern." })
  @Property()
  rank!: number;

  @Field({ description: "Why the country is on the list." })
  @Property({ type: "text" })
  rationale!: string;

  @Field({ description: "Day (YYYY-MM-DD) since which the country is on the list." })
  @Property({ type: "string", columnType: "date" })
  since!: string;
}
