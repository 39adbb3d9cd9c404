import { WATCHLIST } from "@concert/policy";
import { served } from "@concert/subgraph-kit/access";
import { findPlain, readableFilter, updatedSinceWhere } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { Country, Partner } from "../entities/federated.js";
import { Watchlist } from "../entities/watchlist.js";
import { WatchlistEntry } from "../entities/watchlist-entry.js";
import { type EntryRow, entriesByWatchlistLoader, watchlistByPartnerLoader, watchlistLoader } from "../loaders.js";

@Resolver(() => Watchlist)
export class WatchlistResolver {
  @Query(() => [Watchlist], { nullable: true, description: "The watchlists you may see (at most one per partner), by owner." })
  async watchlists(
    @Ctx() ctx: SubgraphContext,
    @Arg("updatedSince", () => Date, { nullable: true, description: "Only watchlists changed at or after this time." }) updatedSince?: Date,
  ) {
    const rows = await findPlain(ctx.em, Watchlist, readableFilter<Watchlist>(ctx, WATCHLIST, updatedSinceWhere(updatedSince)), {
      orderBy: { originator: "ASC" },
    });
    return served(ctx, WATCHLIST, rows);
  }

  @Query(() => Watchlist, { nullable: true, description: "A partner's watchlist; null when it has none or you may not see it." })
  watchlist(@Ctx() ctx: SubgraphContext, @Arg("partner", () => ID, { description: "Partner code, e.g. USA." }) partner: string) {
    return watchlistByPartnerLoader(ctx).load(partner);
  }

  @FieldResolver(() => Partner, {
    description: "The partner whose list it is; the same as `originator`.",
    deprecationReason: "Use originator.",
  })
  owner(@Root() w: Watchlist): Partner {
    return { code: w.originator };
  }

  @FieldResolver(() => [WatchlistEntry], { description: "The countries on the list, by rank." })
  entries(@Root() w: Watchlist, @Ctx() ctx: SubgraphContext) {
    return entriesByWatchlistLoader(ctx).load(w.id);
  }
}

@Resolver(() => WatchlistEntry)
export class WatchlistEntryResolver {
  @FieldResolver(() => Country, { description: "The country listed." })
  country(@Root() e: EntryRow): Country {
    return { code: e.countryCode };
  }

  @FieldResolver(() => Partner, { description: "The partner whose watchlist lists it." })
  partner(@Root() e: EntryRow): Partner {
    // Entries are only reached through a watchlist already checked in this request, and read with its owner.
    return { code: e.partner };
  }

  @FieldResolver(() => Watchlist, { nullable: true, description: "The watchlist the entry belongs to." })
  watchlist(@Root() e: EntryRow, @Ctx() ctx: SubgraphContext) {
    return watchlistLoader(ctx).load(e.watchlist.id);
  }
}
