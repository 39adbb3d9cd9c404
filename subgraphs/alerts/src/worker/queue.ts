import { isDatabaseUnreachable } from "@concert/subgraph-kit/errors";
import PgBoss from "pg-boss";
import type { WorkerContext } from "./context.js";

const QUEUE = "alert-deliveries";
const DEAD_QUEUE = "alert-deliveries-dead";

/** The delivery queue (pg-boss, in the alerts database's `pgboss` schema): deliveries are sent, and retried, from it. */
export interface DeliveryQueue {
  enqueue(ids: string[]): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the queue, with `deliver` working each job (one at a time; a throw retries it with backoff). */
export async function startDeliveryQueue(
  ctx: WorkerContext,
  databaseUrl: string,
  deliver: (id: string) => Promise<void>,
): Promise<DeliveryQueue> {
  const { settings } = ctx;
  const boss = new PgBoss({ connectionString: databaseUrl, max: 3, schema: "pgboss", supervise: true, schedule: false });
  let stopping = false;
  // While stopping, or while PostgreSQL is gone (its pool recovers by itself), a queue error is no fault to report.
  boss.on("error", (err) => {
    if (stopping) ctx.log.debug({ err }, "queue error while stopping");
    else if (isDatabaseUnreachable(err)) ctx.log.warn({ err }, "queue: the database is unreachable; retrying");
    else ctx.log.error({ err }, "queue error");
  });
  await boss.start();
  const retry = { retryLimit: Math.max(0, settings.maxAttempts - 1), retryDelay: settings.retryDelaySeconds, retryBackoff: true };
  await boss.createQueue(DEAD_QUEUE);
  await boss.createQueue(QUEUE, {
    name: QUEUE,
    ...retry,
    deadLetter: DEAD_QUEUE,
    expireInSeconds: Math.ceil(settings.deliveryTimeoutMs / 1000) + 30,
  });
  await boss.work<{ delivery: string }>(QUEUE, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([job]) => {
    if (job) await deliver(job.data.delivery);
  });
  return {
    async enqueue(ids) {
      for (const id of ids) await boss.send(QUEUE, { delivery: id }, retry);
    },
    stop: () => {
      stopping = true;
      return boss.stop({ graceful: true, wait: true, timeout: 5_000 });
    },
  };
}
