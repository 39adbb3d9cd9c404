import { Bounded, LONG_TEXT } from "@concert/subgraph-kit/writes";
import { Field, ID, InputType, Int } from "type-graphql";
import { MarkingInput } from "./marking-input.js";

@InputType({ description: "A country to put on a watchlist." })
export class WatchlistEntryInput {
  @Field(() => ID, { description: "ISO 3166-1 alpha-3 code; at most once per watchlist." })
  country!: string;

  @Field(() => Int, { nullable: true, description: "Position (1 = most concern); the others move down. Default: last." })
  rank?: number | null;

  @Bounded(LONG_TEXT)
  @Field({ description: "Why the country is on the list; not empty." })
  rationale!: string;

  @Field(() => String, { nullable: true, description: "Day (YYYY-MM-DD) since which it is listed; not in the future. Default: today." })
  since?: string | null;
}

@InputType({ description: "What changes in a watchlist entry; fields left out stay." })
export class WatchlistEntryChangeInput {
  @Field(() => Int, { nullable: true, description: "New position (1 = most concern); the others close up." })
  rank?: number | null;

  @Bounded(LONG_TEXT)
  @Field(() => String, { nullable: true, description: "New rationale; not empty." })
  rationale?: string | null;

  @Field(() => String, { nullable: true, description: "New day (YYYY-MM-DD) since which it is listed; not in the future." })
  since?: string | null;
}

@InputType({ description: "Your partner's watchlist." })
export class WatchlistInput extends MarkingInput {
  @Field({ description: "What the list is for; not empty." })
  title!: string;

  @Field(() => [WatchlistEntryInput], { defaultValue: [], description: "The countries on it, in order of concern." })
  entries!: WatchlistEntryInput[];
}
