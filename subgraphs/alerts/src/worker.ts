import type { PartnerDirectory } from "@concert/auth";
import { isDatabaseUnreachable } from "@concert/subgraph-kit/errors";
import type { Logger } from "@concert/telemetry";
import type { MikroORM } from "@mikro-orm/core";
import type { PostgreSqlDriver } from "@mikro-orm/postgresql";
import type { JWK } from "jose";
import type { ChangeEvent, FeedName } from "./analysis/changes.js";
import type { AlertsSettings } from "./settings.js";
import type { WorkerContext } from "./worker/context.js";
import { deliver } from "./worker/delivery.js";
import { ingestIn } from "./worker/evaluation.js";
import { followFeed, serviceTokens, underLock } from "./worker/feeds.js";
import { startDeliveryQueue } from "./worker/queue.js";
import { dueRenewalsIn } from "./worker/renewals.js";
import { dueTimedIn } from "./worker/timed.js";

/**
 * The alerts worker, from its modules: `worker/queue.ts` (the delivery queue), `worker/delivery.ts` (one try of one
 * delivery), `worker/feeds.ts` (following the change feeds), `worker/evaluation.ts` (rules against changes),
 * `worker/renewals.ts` (renewal dates that come without a write), `worker/timed.ts` (rotations and waits at a level that
 * come due without a write) and `worker/observed.ts` (the store of observed records).
 */

export interface AlertsWorkerOptions {
  orm: MikroORM<PostgreSqlDriver>;
  /** postgres:// URL of the alerts database itself: pg-boss keeps its queue there (schema `pgboss`). */
  databaseUrl: string;
  /** The registry: each rule's owner is looked up at evaluation and again before each delivery. */
  directory: PartnerDirectory;
  settings: AlertsSettings;
  logger: Logger;
  /** The subgraphs' /graphql URLs, for the feeds (only when `settings.followFeeds`). */
  feedUrls?: Partial<Record<FeedName, string>>;
  /** The service issuer's key (production) or the data directory holding the development one. */
  serviceKey?: string | JWK;
}

export interface AlertsWorker {
  /** The evaluation entry point: applies a page of one feed's changes, in order, and queues what matched. Returns the deliveries made. */
  ingest(events: ChangeEvent[]): Promise<string[]>;
  /** Follows each feed once, to its current end, then alerts the renewals fallen due (what the follower loop does every `feedPollMs`). */
  followOnce(): Promise<void>;
  stop(): Promise<void>;
}

/** Repeats `round` every `pollMs` until `stopped()`, logging failures; resolves once stopped. */
async function everyPoll(ctx: WorkerContext, pollMs: number, stopped: () => boolean, round: () => Promise<void>): Promise<void> {
  let waiting = false;
  while (!stopped()) {
    try {
      await round();
      if (waiting) ctx.log.info("following the change feeds");
      waiting = false;
    } catch (err) {
      if (stopped()) break;
      // A subgraph not up yet (or restarting): one line, not a stack trace every poll.
      if (isDatabaseUnreachable(err)) {
        if (!waiting) ctx.log.info(`waiting for the subgraphs' change feeds to answer (${err instanceof Error ? err.message : err})`);
        waiting = true;
      } else ctx.log.warn({ err }, "following the change feeds failed; trying again");
    }
    await new Promise((r) => setTimeout(r, pollMs).unref());
  }
}

/** Starts the queue (and the feed follower when `settings.followFeeds`); the alerts subgraph runs it in its own process. */
export async function startAlertsWorker(options: AlertsWorkerOptions): Promise<AlertsWorker> {
  const { orm, settings, directory, logger } = options;
  const ctx: WorkerContext = { orm, settings, directory, log: logger.child({ component: "alerts-worker" }) };
  const queue = await startDeliveryQueue(ctx, options.databaseUrl, (id) => deliver(ctx, id));
  const token = serviceTokens(options.serviceKey);

  const ingest = async (events: ChangeEvent[]): Promise<string[]> => {
    const made = await orm.em.fork().transactional((em) => ingestIn(ctx, em, events));
    await queue.enqueue(made);
    return made;
  };

  // One transaction per feed and round: the cursor moves with what was made of the entries, and the lock lets one
  // replica follow a feed at a time (the others skip it), so no change is alerted twice.
  const followOnce = async (): Promise<void> => {
    for (const [feed, url] of Object.entries(options.feedUrls ?? {}) as [FeedName, string][]) {
      await queue.enqueue(await underLock(ctx, feed, (em) => followFeed(ctx, em, feed, url, token)));
    }
    await queue.enqueue(await underLock(ctx, "renewals", (em) => dueRenewalsIn(ctx, em)));
    await queue.enqueue(await underLock(ctx, "timed", (em) => dueTimedIn(ctx, em)));
  };

  let stopped = false;
  const loop =
    settings.followFeeds && options.feedUrls ? everyPoll(ctx, settings.feedPollMs, () => stopped, followOnce) : Promise.resolve();

  return {
    ingest,
    followOnce,
    async stop() {
      stopped = true;
      await queue.stop();
      await Promise.race([loop, new Promise((r) => setTimeout(r, settings.feedPollMs + 1000).unref())]);
    },
  };
}
