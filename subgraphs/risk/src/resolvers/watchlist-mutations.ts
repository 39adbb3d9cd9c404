import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { Arg, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import { Watchlist } from "../entities/watchlist.js";
import { MarkingInput } from "../inputs/marking-input.js";
import { WatchlistEntryChangeInput, WatchlistEntryInput, WatchlistInput } from "../inputs/watchlist-inputs.js";
import {
  addWatchlistEntry,
  changeWatchlistMarking,
  createWatchlist,
  removeWatchlistEntry,
  updateWatchlistEntry,
} from "../writes/watchlist.js";

@Resolver()
export class WatchlistMutations {
  @Mutation(() => Watchlist, { description: "Creates your partner's watchlist (role analyst); a partner has at most one." })
  createWatchlist(
    @Ctx() ctx: SubgraphContext,
    @Arg("input", () => WatchlistInput, { description: "The watchlist." }) input: WatchlistInput,
  ) {
    return createWatchlist(ctx, input);
  }

  @Mutation(() => Watchlist, { description: "Puts a country on your watchlist." })
  addWatchlistEntry(
    @Ctx() ctx: SubgraphContext,
    @Arg("watchlistId", () => ID, { description: "Your watchlist." }) watchlistId: string,
    @Arg("expectedVersion", () => Int, { description: "The watchlist `version` you read; a different one is refused with CONFLICT." })
    expectedVersion: number,
    @Arg("entry", () => WatchlistEntryInput, { description: "The country and why." }) entry: WatchlistEntryInput,
  ) {
    return addWatchlistEntry(ctx, watchlistId, expectedVersion, entry);
  }

  @Mutation(() => Watchlist, { description: "Changes the rank, rationale or date of a country on your watchlist." })
  updateWatchlistEntry(
    @Ctx() ctx: SubgraphContext,
    @Arg("watchlistId", () => ID, { description: "Your watchlist." }) watchlistId: string,
    @Arg("expectedVersion", () => Int, { description: "The watchlist `version` you read." }) expectedVersion: number,
    @Arg("country", () => ID, { description: "The listed country." }) country: string,
    @Arg("changes", () => WatchlistEntryChangeInput, { description: "What changes." }) changes: WatchlistEntryChangeInput,
  ) {
    return updateWatchlistEntry(ctx, watchlistId, expectedVersion, country, changes);
  }

  @Mutation(() => Watchlist, { description: "Takes a country off your watchlist; the countries after it move up." })
  removeWatchlistEntry(
    @Ctx() ctx: SubgraphContext,
    @Arg("watchlistId", () => ID, { description: "Your watchlist." }) watchlistId: string,
    @Arg("expectedVersion", () => Int, { description: "The watchlist `version` you read." }) expectedVersion: number,
    @Arg("country", () => ID, { description: "The listed country." }) country: string,
  ) {
    return removeWatchlistEntry(ctx, watchlistId, expectedVersion, country);
  }

  @Mutation(() => Watchlist, { description: "Changes who may read your watchlist. Only its owner may." })
  changeWatchlistMarking(
    @Ctx() ctx: SubgraphContext,
    @Arg("watchlistId", () => ID, { description: "Your watchlist." }) watchlistId: string,
    @Arg("expectedVersion", () => Int, { description: "The watchlist `version` you read." }) expectedVersion: number,
    @Arg("input", () => MarkingInput, { description: "The new marking." }) input: MarkingInput,
  ) {
    return changeWatchlistMarking(ctx, watchlistId, expectedVersion, input);
  }
}
