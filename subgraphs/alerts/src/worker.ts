import { randomUUID } from "node:crypto";
import { type PartnerDirectory, signServiceToken } from "@concert/auth";
import { alertOwnerViewer, type Viewer } from "@concert/policy";
import type { Logger } from "@concert/telemetry";
import { DeliveryFailed, openSecret, sendWebhook } from "@concert/webhooks";
import type { MikroORM } from "@mikro-orm/core";
import type { EntityManager, PostgreSqlDriver } from "@mikro-orm/postgresql";
import type { JWK } from "jose";
import PgBoss from "pg-boss";
import { type ChangeEvent, FEEDS, type FeedName, type FeedRecord, feedQuery, fromFeed } from "./analysis/changes.js";
import { CROWD, evaluateRule, GAP, type Observed, observedKey, readableBy } from "./analysis/evaluate.js";
import { AlertDelivery } from "./entities/alert-delivery.js";
import { AlertRule } from "./entities/alert-rule.js";
import { FeedCursor, ObservedRecord } from "./entities/feed-state.js";
import { rulesFor } from "./loaders.js";
import type { AlertsSettings } from "./settings.js";

const QUEUE = "alert-deliveries";
const DEAD_QUEUE = "alert-deliveries-dead";
/** Pages of one feed read in one round (and one transaction); the next round goes on from there. */
const MAX_PAGES = 20;
/** How far back the renewal scan looks for dates that came while no round ran. */
const RENEWAL_LOOKBACK_DAYS = 30;

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

/** The store of observed records, as rules read it inside one ingest transaction. */
function observedIn(em: EntityManager): Observed {
  return {
    async get(recordType, id) {
      return ((await em.findOne(ObservedRecord, { recordType, id }))?.data as FeedRecord | undefined) ?? null;
    },
    async byKey(recordType, key) {
      return (await em.find(ObservedRecord, { recordType, key })).map((r) => r.data as FeedRecord);
    },
  };
}

/** Records the change in the store; returns the record as it was before. */
async function observe(em: EntityManager, event: ChangeEvent): Promise<FeedRecord | null> {
  const stored = await em.findOne(ObservedRecord, { recordType: event.recordType, id: event.id });
  const before = (stored?.data as FeedRecord | undefined) ?? null;
  if (event.change === "DELETED") {
    if (stored) em.remove(stored);
  } else if (event.record) {
    if (stored) Object.assign(stored, { data: event.record, version: event.version, key: observedKey(event.record) });
    else
      em.create(ObservedRecord, {
        recordType: event.recordType,
        id: event.id,
        data: event.record,
        version: event.version,
        key: observedKey(event.record),
      } as never);
  }
  await em.flush();
  return before;
}

/** Starts the queue (and the feed follower when `settings.followFeeds`); the alerts subgraph runs it in its own process. */
export async function startAlertsWorker(options: AlertsWorkerOptions): Promise<AlertsWorker> {
  const { orm, settings, directory, logger } = options;
  const log = logger.child({ component: "alerts-worker" });
  const boss = new PgBoss({ connectionString: options.databaseUrl, max: 3, schema: "pgboss", supervise: true, schedule: false });
  boss.on("error", (err) => log.error({ err }, "queue error"));
  await boss.start();
  const retry = { retryLimit: Math.max(0, settings.maxAttempts - 1), retryDelay: settings.retryDelaySeconds, retryBackoff: true };
  await boss.createQueue(DEAD_QUEUE);
  await boss.createQueue(QUEUE, {
    name: QUEUE,
    ...retry,
    deadLetter: DEAD_QUEUE,
    expireInSeconds: Math.ceil(settings.deliveryTimeoutMs / 1000) + 30,
  });

  const ownerViewer = async (partner: string, ruleId: string): Promise<Viewer | null> => {
    const entry = await directory.lookup(partner);
    return entry ? alertOwnerViewer(entry, ruleId) : null;
  };

  /** A delivery of `match` for `rule`, created in the transaction of `em`; returns its id (its `webhook-id`). */
  const deliveryOf = (em: EntityManager, rule: AlertRule, match: NonNullable<Awaited<ReturnType<typeof evaluateRule>>>): string =>
    em.create(AlertDelivery, {
      id: randomUUID(),
      rule: rule.id,
      partner: rule.partner,
      event: match.event,
      recordType: match.recordType,
      recordId: match.recordId,
      payload: match.data,
    } as never).id;

  /** Evaluates the rules for `events` inside the transaction of `em`; returns the deliveries made (queued once it commits). */
  const ingestIn = async (em: EntityManager, events: ChangeEvent[]): Promise<string[]> => {
    const made: string[] = [];
    const owners = new Map<string, Viewer | null>();
    const rules = new Map<string, AlertRule[]>();
    for (const event of events) {
      const before = await observe(em, event);
      if (!rules.has(event.recordType)) rules.set(event.recordType, await rulesFor(em, event.recordType));
      for (const rule of rules.get(event.recordType)!) {
        if (!owners.has(rule.id)) owners.set(rule.id, await ownerViewer(rule.partner, rule.id));
        const owner = owners.get(rule.id);
        if (!owner) continue;
        const match = await evaluateRule(rule.condition, owner, event, before, observedIn(em));
        if (match) made.push(deliveryOf(em, rule, match));
      }
    }
    await em.flush();
    return made;
  };

  /**
   * A pledge falls due for renewal without any write to tell of it. Each round, the pledges the feeds told of whose
   * renewal date has come (on or after the day the rule was made) are evaluated, for each PLEDGE_STATUS rule of
   * their contributor that has not yet alerted that date, as if the date had just been reached. A write that made a
   * pledge due at once was alerted by the feed already, with the same date: it is not alerted twice.
   */
  const dueRenewalsIn = async (em: EntityManager): Promise<string[]> => {
    const rules = await em.find(AlertRule, { kind: "PLEDGE_STATUS" });
    if (rules.length === 0) return [];
    const today = new Date().toISOString().slice(0, 10);
    const owners = [...new Set(rules.map((r) => r.partner))];
    // Dates from the oldest rule's creation, and of the last RENEWAL_LOOKBACK_DAYS at most (a worker down longer misses them).
    const lookback = new Date(Date.now() - RENEWAL_LOOKBACK_DAYS * 86_400_000).toISOString().slice(0, 10);
    const oldestRule = rules.map((r) => r.createdAt.toISOString().slice(0, 10)).sort()[0]!;
    const from = [oldestRule, lookback].sort()[1]!; // the later of two ISO dates
    const pledges = await em.getConnection().execute<{ id: string; version: number; data: FeedRecord }[]>(
      `select id, version, data from observed_record
        where record_type = 'PLEDGE' and data->>'renewalDue' between ? and ?
          and data->'originator'->>'code' in (${owners.map(() => "?").join(", ")})`,
      [from, today, ...owners],
    );
    if (pledges.length === 0) return [];
    const alerted = new Set(
      (
        await em.getConnection().execute<{ rule: string; record_id: string; due: string }[]>(
          `select rule, record_id, payload->'record'->>'renewalDue' as due from alert_delivery
            where event = 'pledge.renewal_due' and record_id in (${pledges.map(() => "?").join(", ")})`,
          pledges.map((p) => p.id),
        )
      ).map((d) => `${d.rule}|${d.record_id}|${d.due}`),
    );
    const made: string[] = [];
    for (const rule of rules) {
      const since = rule.createdAt.toISOString().slice(0, 10);
      for (const { id, version, data } of pledges) {
        const due = String(data.renewalDue);
        if ((data.originator as { code?: string } | null)?.code !== rule.partner || due < since) continue;
        if (alerted.has(`${rule.id}|${id}|${due}`)) continue;
        const owner = await ownerViewer(rule.partner, rule.id);
        if (!owner) continue;
        const event: ChangeEvent = { recordType: "PLEDGE", id, change: "UPDATED", at: new Date().toISOString(), version, record: data };
        const match = await evaluateRule(rule.condition, owner, event, { ...data, renewalDue: null }, observedIn(em));
        if (match) made.push(deliveryOf(em, rule, match));
      }
    }
    await em.flush();
    return made;
  };

  const enqueue = async (ids: string[]) => {
    for (const id of ids) await boss.send(QUEUE, { delivery: id }, retry);
  };

  const ingest = async (events: ChangeEvent[]): Promise<string[]> => {
    const made = await orm.em.fork().transactional((em) => ingestIn(em, events));
    await enqueue(made);
    return made;
  };

  /** One try of one delivery; throws to have pg-boss retry it later. */
  const deliver = async (id: string): Promise<void> => {
    const em = orm.em.fork();
    const delivery = await em.findOne(AlertDelivery, { id });
    if (!delivery || delivery.status === "DELIVERED" || delivery.status === "DEAD") return;
    const rule = await em.findOne(AlertRule, { id: delivery.rule }, { populate: ["secret"] as never });
    const give = async (status: "DEAD" | "DELIVERED", lastError: string | null) => {
      Object.assign(delivery, { status, lastError, deliveredAt: status === "DELIVERED" ? new Date() : null });
      await em.flush();
    };
    if (!rule) return give("DEAD", "the rule was deleted");
    // Checked again now: the owner's access may have changed since the rule matched.
    const owner = await ownerViewer(rule.partner, rule.id);
    const current =
      delivery.recordType === GAP || delivery.recordType === CROWD
        ? null
        : (((await em.findOne(ObservedRecord, { recordType: delivery.recordType, id: delivery.recordId }))?.data as
            | FeedRecord
            | undefined) ?? null);
    // A crowd alert goes only while the owner still reads a forecast on the question (and so the question).
    const crowdReadable = async () =>
      (await em.find(ObservedRecord, { recordType: "FORECAST", key: delivery.recordId })).some((r) =>
        readableBy(owner!, r.data as FeedRecord),
      );
    const readable =
      owner !== null &&
      (delivery.recordType === GAP || (delivery.recordType === CROWD ? await crowdReadable() : readableBy(owner, current)));
    if (!readable) return give("DEAD", "not sent: your partner may no longer read what it was about");
    delivery.attempts += 1;
    const body = JSON.stringify({
      type: delivery.event,
      timestamp: new Date().toISOString(),
      rule: { id: rule.id, name: rule.name },
      data: delivery.payload,
    });
    try {
      await sendWebhook({
        url: rule.url,
        id: delivery.id,
        body,
        secret: openSecret(settings.secretKey, rule.secret),
        timeoutMs: settings.deliveryTimeoutMs,
        rules: settings.urlRules,
      });
      return give("DELIVERED", null);
    } catch (err) {
      const reason = err instanceof DeliveryFailed ? err.message : "delivery failed";
      if (!(err instanceof DeliveryFailed)) log.error({ err, delivery: id }, "delivery failed unexpectedly");
      if (delivery.attempts >= settings.maxAttempts) return give("DEAD", reason);
      Object.assign(delivery, { status: "RETRYING", lastError: reason });
      await em.flush();
      throw new Error(reason);
    }
  };

  await boss.work<{ delivery: string }>(QUEUE, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([job]) => {
    if (job) await deliver(job.data.delivery);
  });

  const followOnce = async (): Promise<void> => {
    for (const [feed, url] of Object.entries(options.feedUrls ?? {}) as [FeedName, string][]) {
      // One transaction per feed and round: the cursor moves with what was made of the entries, and the lock
      // lets one replica follow a feed at a time (the others skip it), so no change is alerted twice.
      const made = await orm.em.fork().transactional(async (em) => {
        const [lock] = await em
          .getConnection()
          .execute<{ locked: boolean }[]>("select pg_try_advisory_xact_lock(hashtext('concert-alerts-feed'), hashtext(?)) as locked", [
            feed,
          ]);
        return lock?.locked ? followFeed(em, feed, url) : [];
      });
      await enqueue(made);
    }
    const due = await orm.em.fork().transactional(async (em) => {
      const [lock] = await em
        .getConnection()
        .execute<{ locked: boolean }[]>(
          "select pg_try_advisory_xact_lock(hashtext('concert-alerts-feed'), hashtext('renewals')) as locked",
        );
      return lock?.locked ? dueRenewalsIn(em) : [];
    });
    await enqueue(due);
  };

  let token: { value: string; until: number } | null = null;
  const serviceToken = async () => {
    if (!token || token.until < Date.now()) {
      if (!options.serviceKey) throw new Error("alerts: no service issuer key to follow the feeds with");
      token = { value: await signServiceToken(options.serviceKey, "alerts"), until: Date.now() + 240_000 };
    }
    return token.value;
  };

  /**
   * Reads one feed from the stored cursor on (at most `MAX_PAGES` pages a round, all of it when catching up), straight at the subgraph with a
   * service token. Without a cursor (the first run) it reads from the oldest retained entry but only records the
   * state, alerting nothing of the past. On RESYNC_REQUIRED (a cursor from another epoch, expired, or of another
   * access fingerprint) it starts again the same way: what changed meanwhile is not alerted.
   */
  const followFeed = async (em: EntityManager, feed: FeedName, url: string): Promise<string[]> => {
    const made: string[] = [];
    let cursor = (await em.findOne(FeedCursor, { feed }))?.cursor ?? null;
    let catchingUp = cursor === null;
    // Catching up reads to the end whatever its length, so that no entry of the past is left to be alerted next round.
    for (let page = 0; catchingUp || page < MAX_PAGES; page++) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${await serviceToken()}` },
        body: JSON.stringify({ query: feedQuery(feed), variables: { after: cursor, first: 200 } }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await response.json()) as {
        data?: Record<string, { nodes: ChangeEvent[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } | null>;
        errors?: { extensions?: { code?: string } }[];
      };
      if (body.errors?.some((e) => e.extensions?.code === "RESYNC_REQUIRED")) {
        log.warn({ feed }, "feed cursor refused (RESYNC_REQUIRED): reading the feed again from its start, alerting only what follows");
        await em.nativeDelete(FeedCursor, { feed });
        cursor = null;
        catchingUp = true;
        continue;
      }
      const connection = body.data?.[FEEDS[feed]];
      if (!connection) throw new Error(`${feed} feed answered no data (${JSON.stringify(body.errors?.[0] ?? {}).slice(0, 200)})`);
      const events = connection.nodes.map(fromFeed);
      if (catchingUp) for (const event of events) await observe(em, event);
      else made.push(...(await ingestIn(em, events)));
      cursor = connection.pageInfo.endCursor ?? cursor;
      if (cursor) await em.upsert(FeedCursor, { feed, cursor, updatedAt: new Date() } as never);
      if (!connection.pageInfo.hasNextPage) break;
    }
    return made;
  };

  let stopped = false;
  let loop: Promise<void> = Promise.resolve();
  if (settings.followFeeds && options.feedUrls) {
    loop = (async () => {
      while (!stopped) {
        try {
          await followOnce();
        } catch (err) {
          log.warn({ err }, "following the change feeds failed; trying again");
        }
        await new Promise((r) => setTimeout(r, settings.feedPollMs).unref());
      }
    })();
  }

  return {
    ingest,
    followOnce,
    async stop() {
      stopped = true;
      await boss.stop({ graceful: true, wait: true, timeout: 5_000 });
      await Promise.race([loop, new Promise((r) => setTimeout(r, settings.feedPollMs + 1000).unref())]);
    },
  };
}
