import { signServiceToken } from "@concert/auth";
import { findPlain } from "@concert/subgraph-kit/reads";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { JWK } from "jose";
import { type ChangeEvent, FEEDS, type FeedName, feedQuery, fromFeed } from "../analysis/changes.js";
import { FeedCursor } from "../entities/feed-state.js";
import type { WorkerContext } from "./context.js";
import { ingestIn } from "./evaluation.js";
import { observe } from "./observed.js";

/** Pages of one feed read in one round (and one transaction); the next round goes on from there. */
const MAX_PAGES = 20;

type FeedBody = {
  data?: Record<string, { nodes: ChangeEvent[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } | null>;
  errors?: { extensions?: { code?: string } }[];
};

/** A service token of the alerts worker, signed again before it expires. */
export function serviceTokens(serviceKey: string | JWK | undefined): () => Promise<string> {
  let token: { value: string; until: number } | null = null;
  return async () => {
    if (!token || token.until < Date.now()) {
      if (!serviceKey) throw new Error("alerts: no service issuer key to follow the feeds with");
      token = { value: await signServiceToken(serviceKey, "alerts"), until: Date.now() + 240_000 };
    }
    return token.value;
  };
}

/** One page of a feed, straight at the subgraph with a service token. */
async function readFeedPage(url: string, feed: FeedName, cursor: string | null, token: string): Promise<FeedBody> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: feedQuery(feed), variables: { after: cursor, first: 200 } }),
    signal: AbortSignal.timeout(30_000),
  });
  return (await response.json()) as FeedBody;
}

/**
 * Reads one feed from the stored cursor on (at most `MAX_PAGES` pages a round, all of it when catching up), straight at the subgraph with a
 * service token. Without a cursor (the first run) it reads from the oldest retained entry but only records the
 * state, alerting nothing of the past. On RESYNC_REQUIRED (a cursor from another epoch, expired, or of another
 * access fingerprint) it starts again the same way: what changed meanwhile is not alerted. Returns the deliveries made.
 */
export async function followFeed(
  ctx: WorkerContext,
  em: EntityManager,
  feed: FeedName,
  url: string,
  token: () => Promise<string>,
): Promise<string[]> {
  const made: string[] = [];
  let cursor: string | null = (await findPlain(em, FeedCursor, { feed }, { limit: 1 }))[0]?.cursor ?? null;
  let catchingUp = cursor === null;
  // Catching up reads to the end whatever its length, so that no entry of the past is left to be alerted next round.
  for (let page = 0; catchingUp || page < MAX_PAGES; page++) {
    const body = await readFeedPage(url, feed, cursor, await token());
    if (body.errors?.some((e) => e.extensions?.code === "RESYNC_REQUIRED")) {
      ctx.log.warn({ feed }, "feed cursor refused (RESYNC_REQUIRED): reading the feed again from its start, alerting only what follows");
      await em.nativeDelete(FeedCursor, { feed });
      cursor = null;
      catchingUp = true;
      continue;
    }
    const connection = body.data?.[FEEDS[feed]];
    if (!connection) throw new Error(`${feed} feed answered no data (${JSON.stringify(body.errors?.[0] ?? {}).slice(0, 200)})`);
    const events = connection.nodes.map(fromFeed);
    if (catchingUp) for (const event of events) await observe(em, event);
    else made.push(...(await ingestIn(ctx, em, events)));
    cursor = connection.pageInfo.endCursor ?? cursor;
    if (cursor) await saveCursor(em, feed, cursor);
    if (!connection.pageInfo.hasNextPage) break;
  }
  return made;
}

/**
 * Writes the feed's cursor at once, by a query: no FeedCursor is ever held in the identity map, so a RESYNC's delete
 * later in the round cannot be undone, or a later cursor lost, by what MikroORM flushes at commit.
 */
async function saveCursor(em: EntityManager, feed: string, cursor: string): Promise<void> {
  await em
    .createQueryBuilder(FeedCursor)
    .insert({ feed, cursor, updatedAt: new Date() })
    .onConflict("feed")
    .merge(["cursor", "updatedAt"])
    .execute();
}

/**
 * Runs `work` in a transaction holding the advisory lock named `name`, so that one replica does it at a time (the
 * others skip it and get []).
 */
export function underLock(ctx: WorkerContext, name: string, work: (em: EntityManager) => Promise<string[]>): Promise<string[]> {
  return ctx.orm.em.fork().transactional(async (em) => {
    const [lock] = await em
      .getConnection()
      .execute<{ locked: boolean }[]>("select pg_try_advisory_xact_lock(hashtext('concert-alerts-feed'), hashtext(?)) as locked", [name]);
    return lock?.locked ? work(em) : [];
  });
}
