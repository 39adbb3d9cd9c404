import { WATCHLIST } from "@concert/policy";
import { validateMarking } from "@concert/subgraph-kit/access";
import { badUserInput, conflict } from "@concert/subgraph-kit/errors";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { changeRecord, createRecord, requireDate, requireText, today, type WrittenKind } from "@concert/subgraph-kit/writes";
import type { EntityManager } from "@mikro-orm/postgresql";
import { rerank } from "../analysis/ranking.js";
import { Watchlist } from "../entities/watchlist.js";
import { WatchlistEntry } from "../entities/watchlist-entry.js";
import type { MarkingInput } from "../inputs/marking-input.js";
import { validateEntry, validateRank } from "../inputs/validation.js";
import type { WatchlistEntryChangeInput, WatchlistEntryInput, WatchlistInput } from "../inputs/watchlist-inputs.js";

export const WATCHLISTS: WrittenKind<Watchlist> = { entity: Watchlist, declaration: WATCHLIST, action: "watchlist.write" };

/** The watchlist's entries by rank. */
function entriesOf(em: EntityManager, w: Watchlist): Promise<WatchlistEntry[]> {
  return em.find(WatchlistEntry, { watchlist: w }, { orderBy: { rank: "ASC", countryCode: "ASC" } });
}

/** Applies new ranks and touches the watchlist, so that its version counts every change to its entries. */
function applyRanks(w: Watchlist, entries: readonly WatchlistEntry[], ranks: Map<string, number>): void {
  for (const e of entries) e.rank = ranks.get(e.countryCode) ?? e.rank;
  w.updatedAt = new Date();
}

/** The caller's partner's watchlist; a partner has at most one (CONFLICT). */
export function createWatchlist(ctx: SubgraphContext, input: WatchlistInput): Promise<Watchlist> {
  return createRecord(ctx, WATCHLISTS, {
    check: () => {
      requireText("input.title", input.title);
      validateMarking("input", input.marking, input.releasableTo);
      for (const [i, e] of input.entries.entries()) validateEntry(`input.entries[${i}]`, e);
      const countries = input.entries.map((e) => e.country);
      const twice = countries.findIndex((c, i) => countries.indexOf(c) !== i);
      if (twice >= 0) throw badUserInput(`input.entries[${twice}].country`, `${countries[twice]} is listed twice`);
    },
    values: async (em) => {
      if (await em.count(Watchlist, { originator: ctx.viewer.partner! })) throw conflict("your partner already has a watchlist");
      return { title: input.title, marking: input.marking, releasableTo: input.releasableTo, originator: ctx.viewer.partner! };
    },
    complete: (w, em) => {
      for (const [i, e] of input.entries.entries()) {
        em.create(WatchlistEntry, { watchlist: w, countryCode: e.country, rank: i + 1, rationale: e.rationale, since: e.since ?? today() });
      }
    },
  });
}

/** Puts a country on the caller's watchlist, at the rank given (last by default). */
export function addWatchlistEntry(ctx: SubgraphContext, id: string, expectedVersion: number, entry: WatchlistEntryInput) {
  const target = { id, expectedVersion, audit: `add ${entry.country}`, check: () => validateEntry("entry", entry) };
  return changeRecord(ctx, WATCHLISTS, target, async (w, em) => {
    const entries = await entriesOf(em, w);
    if (entries.some((e) => e.countryCode === entry.country))
      throw badUserInput("entry.country", `${entry.country} is already on the watchlist`);
    const added = em.create(WatchlistEntry, {
      watchlist: w,
      countryCode: entry.country,
      rank: entries.length + 1,
      rationale: entry.rationale,
      since: entry.since ?? today(),
    });
    const codes = entries.map((e) => e.countryCode);
    applyRanks(w, [...entries, added], rerank(codes, entry.country, entry.rank ?? entries.length + 1));
    return w;
  });
}

/** Changes the rank, rationale or date of a country on the caller's watchlist. */
export function updateWatchlistEntry(
  ctx: SubgraphContext,
  id: string,
  expectedVersion: number,
  country: string,
  changes: WatchlistEntryChangeInput,
) {
  const check = () => {
    validateRank("changes.rank", changes.rank);
    if (changes.rationale !== undefined && changes.rationale !== null) requireText("changes.rationale", changes.rationale);
    if (changes.since) requireDate("changes.since", changes.since, { notAfterToday: true });
  };
  return changeRecord(ctx, WATCHLISTS, { id, expectedVersion, audit: `update ${country}`, check }, async (w, em) => {
    const entries = await entriesOf(em, w);
    const entry = entries.find((e) => e.countryCode === country);
    if (!entry) throw badUserInput("country", `${country} is not on the watchlist`);
    if (changes.rationale) entry.rationale = changes.rationale;
    if (changes.since) entry.since = changes.since;
    const codes = entries.map((e) => e.countryCode);
    applyRanks(w, entries, rerank(codes, country, changes.rank ?? entry.rank));
    return w;
  });
}

/** Takes a country off the caller's watchlist; the countries after it move up. */
export function removeWatchlistEntry(ctx: SubgraphContext, id: string, expectedVersion: number, country: string) {
  return changeRecord(ctx, WATCHLISTS, { id, expectedVersion, audit: `remove ${country}` }, async (w, em) => {
    const entries = await entriesOf(em, w);
    const entry = entries.find((e) => e.countryCode === country);
    if (!entry) throw badUserInput("country", `${country} is not on the watchlist`);
    em.remove(entry);
    const codes = entries.map((e) => e.countryCode);
    applyRanks(w, entries, rerank(codes, country, null));
    return w;
  });
}

/** Changes who may read the caller's watchlist; only its owner may. */
export function changeWatchlistMarking(ctx: SubgraphContext, id: string, expectedVersion: number, input: MarkingInput) {
  const check = () => validateMarking("input", input.marking, input.releasableTo);
  return changeRecord(ctx, WATCHLISTS, { id, expectedVersion, audit: "change-marking", allow: "originator", check }, (w) => {
    Object.assign(w, { marking: input.marking, releasableTo: input.releasableTo });
    return w;
  });
}
