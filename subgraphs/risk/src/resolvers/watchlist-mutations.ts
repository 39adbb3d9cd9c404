import { WATCHLIST } from "@concert/policy";
import {
  assertOriginator,
  authorizeWrite,
  badUserInput,
  conflict,
  recordToChange,
  requireDate,
  requireText,
  type SubgraphContext,
  today,
  transaction,
  validateMarking,
} from "@concert/subgraph-kit";
import { Arg, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import { rerank } from "../analysis/ranking.js";
import { Watchlist } from "../entities/watchlist.js";
import { WatchlistEntry } from "../entities/watchlist-entry.js";
import { MarkingInput } from "../inputs/marking-input.js";
import { validateEntry, validateRank } from "../inputs/validation.js";
import { WatchlistEntryChangeInput, WatchlistEntryInput, WatchlistInput } from "../inputs/watchlist-inputs.js";
import { applyRanks, ownWatchlist } from "../writes/watchlist.js";

const TYPE = WATCHLIST.type;

@Resolver()
export class WatchlistMutations {
  @Mutation(() => Watchlist, { description: "Creates your partner's watchlist (role analyst); a partner has at most one." })
  async createWatchlist(
    @Ctx() ctx: SubgraphContext,
    @Arg("input", () => WatchlistInput, { description: "The watchlist." }) input: WatchlistInput,
  ) {
    authorizeWrite(ctx, "watchlist.write", ctx.viewer.partner ?? undefined);
    requireText("input.title", input.title);
    validateMarking("input", input.marking, input.releasableTo);
    for (const [i, e] of input.entries.entries()) validateEntry(`input.entries[${i}]`, e);
    const countries = input.entries.map((e) => e.country);
    const twice = countries.findIndex((c, i) => countries.indexOf(c) !== i);
    if (twice >= 0) throw badUserInput(`input.entries[${twice}].country`, `${countries[twice]} is listed twice`);
    return transaction(ctx, async (em) => {
      if (await em.count(Watchlist, { originator: ctx.viewer.partner! })) throw conflict("your partner already has a watchlist");
      const w = em.create(
        Watchlist,
        { title: input.title, marking: input.marking, releasableTo: input.releasableTo, originator: ctx.viewer.partner! },
        { partial: true },
      );
      for (const [i, e] of input.entries.entries()) {
        em.create(WatchlistEntry, { watchlist: w, countryCode: e.country, rank: i + 1, rationale: e.rationale, since: e.since ?? today() });
      }
      ctx.audit.write(em, TYPE, w, "create");
      return w;
    });
  }

  @Mutation(() => Watchlist, { description: "Puts a country on your watchlist." })
  async addWatchlistEntry(
    @Ctx() ctx: SubgraphContext,
    @Arg("watchlistId", () => ID, { description: "Your watchlist." }) watchlistId: string,
    @Arg("expectedVersion", () => Int, { description: "The watchlist `version` you read; a different one is refused with CONFLICT." })
    expectedVersion: number,
    @Arg("entry", () => WatchlistEntryInput, { description: "The country and why." }) entry: WatchlistEntryInput,
  ) {
    authorizeWrite(ctx, "watchlist.write");
    validateEntry("entry", entry);
    return transaction(ctx, async (em) => {
      const { w, entries } = await ownWatchlist(ctx, em, watchlistId, expectedVersion);
      if (entries.some((e) => e.countryCode === entry.country))
        throw badUserInput("entry.country", `${entry.country} is already on the watchlist`);
      const added = em.create(WatchlistEntry, {
        watchlist: w,
        countryCode: entry.country,
        rank: entries.length + 1,
        rationale: entry.rationale,
        since: entry.since ?? today(),
      });
      applyRanks(
        w,
        [...entries, added],
        rerank(
          entries.map((e) => e.countryCode),
          entry.country,
          entry.rank ?? entries.length + 1,
        ),
      );
      ctx.audit.write(em, TYPE, w, `add ${entry.country}`);
      return w;
    });
  }

  @Mutation(() => Watchlist, { description: "Changes the rank, rationale or date of a country on your watchlist." })
  async updateWatchlistEntry(
    @Ctx() ctx: SubgraphContext,
    @Arg("watchlistId", () => ID, { description: "Your watchlist." }) watchlistId: string,
    @Arg("expectedVersion", () => Int, { description: "The watchlist `version` you read." }) expectedVersion: number,
    @Arg("country", () => ID, { description: "The listed country." }) country: string,
    @Arg("changes", () => WatchlistEntryChangeInput, { description: "What changes." }) changes: WatchlistEntryChangeInput,
  ) {
    authorizeWrite(ctx, "watchlist.write");
    validateRank("changes.rank", changes.rank);
    if (changes.rationale !== undefined && changes.rationale !== null) requireText("changes.rationale", changes.rationale);
    if (changes.since) requireDate("changes.since", changes.since, { notAfterToday: true });
    return transaction(ctx, async (em) => {
      const { w, entries } = await ownWatchlist(ctx, em, watchlistId, expectedVersion);
      const entry = entries.find((e) => e.countryCode === country);
      if (!entry) throw badUserInput("country", `${country} is not on the watchlist`);
      if (changes.rationale) entry.rationale = changes.rationale;
      if (changes.since) entry.since = changes.since;
      applyRanks(
        w,
        entries,
        rerank(
          entries.map((e) => e.countryCode),
          country,
          changes.rank ?? entry.rank,
        ),
      );
      ctx.audit.write(em, TYPE, w, `update ${country}`);
      return w;
    });
  }

  @Mutation(() => Watchlist, { description: "Takes a country off your watchlist; the countries after it move up." })
  async removeWatchlistEntry(
    @Ctx() ctx: SubgraphContext,
    @Arg("watchlistId", () => ID, { description: "Your watchlist." }) watchlistId: string,
    @Arg("expectedVersion", () => Int, { description: "The watchlist `version` you read." }) expectedVersion: number,
    @Arg("country", () => ID, { description: "The listed country." }) country: string,
  ) {
    authorizeWrite(ctx, "watchlist.write");
    return transaction(ctx, async (em) => {
      const { w, entries } = await ownWatchlist(ctx, em, watchlistId, expectedVersion);
      const entry = entries.find((e) => e.countryCode === country);
      if (!entry) throw badUserInput("country", `${country} is not on the watchlist`);
      em.remove(entry);
      applyRanks(
        w,
        entries,
        rerank(
          entries.map((e) => e.countryCode),
          country,
          null,
        ),
      );
      ctx.audit.write(em, TYPE, w, `remove ${country}`);
      return w;
    });
  }

  @Mutation(() => Watchlist, { description: "Changes who may read your watchlist. Only its owner may." })
  async changeWatchlistMarking(
    @Ctx() ctx: SubgraphContext,
    @Arg("watchlistId", () => ID, { description: "Your watchlist." }) watchlistId: string,
    @Arg("expectedVersion", () => Int, { description: "The watchlist `version` you read." }) expectedVersion: number,
    @Arg("input", () => MarkingInput, { description: "The new marking." }) input: MarkingInput,
  ) {
    authorizeWrite(ctx, "watchlist.write");
    validateMarking("input", input.marking, input.releasableTo);
    return transaction(ctx, async (em) => {
      const w = await recordToChange(ctx, em, Watchlist, {
        type: TYPE,
        id: watchlistId,
        expectedVersion,
        allow: (r) => assertOriginator(ctx, WATCHLIST, r, "change-marking"),
      });
      Object.assign(w, { marking: input.marking, releasableTo: input.releasableTo });
      ctx.audit.write(em, TYPE, w, "change-marking");
      return w;
    });
  }
}
