import { authorizeWrite, recordToChange, type SubgraphContext } from "@concert/subgraph-kit";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Watchlist } from "../entities/watchlist.js";
import { WatchlistEntry } from "../entities/watchlist-entry.js";

/** A watchlist you may see, of your own partner, at the version you read, with its entries by rank. */
export async function ownWatchlist(ctx: SubgraphContext, em: EntityManager, id: string, expectedVersion: number) {
  const w = await recordToChange(ctx, em, Watchlist, {
    type: "Watchlist",
    id,
    expectedVersion,
    allow: (r) => authorizeWrite(ctx, "watchlist.write", r.originator),
  });
  const entries = await em.find(WatchlistEntry, { watchlist: w }, { orderBy: { rank: "ASC", countryCode: "ASC" } });
  return { w, entries };
}

/** Applies new ranks and touches the watchlist, so that its version counts every change to its entries. */
export function applyRanks(w: Watchlist, entries: readonly WatchlistEntry[], ranks: Map<string, number>): void {
  for (const e of entries) e.rank = ranks.get(e.countryCode) ?? e.rank;
  w.updatedAt = new Date();
}
