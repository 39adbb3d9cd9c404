import type { Viewer } from "@concert/policy";
import { findPlain } from "@concert/subgraph-kit/reads";
import { DeliveryFailed, openSecret, sendWebhook } from "@concert/webhooks";
import type { EntityManager } from "@mikro-orm/postgresql";
import { CROWD, GAP, readableBy } from "../analysis/evaluate.js";
import { AlertDelivery } from "../entities/alert-delivery.js";
import { AlertRule } from "../entities/alert-rule.js";
import { ownerViewer, type WorkerContext } from "./context.js";
import { observedIn, observedRecord } from "./observed.js";

/** The webhook body of a delivery (Standard Webhooks: type, timestamp, data). */
function bodyOf(delivery: AlertDelivery, rule: Pick<AlertRule, "id" | "name">): string {
  return JSON.stringify({
    type: delivery.event,
    timestamp: new Date().toISOString(),
    rule: { id: rule.id, name: rule.name },
    data: delivery.payload,
  });
}

/**
 * Whether the owner may still read what a delivery is about: the record; for a gap, nothing to check (an aggregate
 * over readable pledges); for a crowd forecast, some forecast on the question (and so the question).
 */
async function stillReadable(em: EntityManager, owner: Viewer, delivery: AlertDelivery): Promise<boolean> {
  if (delivery.recordType === GAP) return true;
  if (delivery.recordType === CROWD) return (await observedIn(em).byKey("FORECAST", delivery.recordId)).some((f) => readableBy(owner, f));
  return readableBy(owner, await observedRecord(em, delivery.recordType, delivery.recordId));
}

/** One try of one delivery; throws to have the queue retry it later. */
export async function deliver(ctx: WorkerContext, id: string): Promise<void> {
  const { settings, log } = ctx;
  const em = ctx.orm.em.fork();
  // Loaded as an entity: its tries, status and error are written here.
  const delivery = await em.findOne(AlertDelivery, { id });
  if (!delivery || delivery.status === "DELIVERED" || delivery.status === "DEAD") return;
  // The one read of a rule's sealed secret: here, to sign the delivery.
  const [rule] = await findPlain(em, AlertRule, { id: delivery.rule }, { limit: 1, lazy: ["secret"] });
  const give = async (status: "DEAD" | "DELIVERED", lastError: string | null) => {
    Object.assign(delivery, { status, lastError, deliveredAt: status === "DELIVERED" ? new Date() : null });
    await em.flush();
  };
  if (!rule) return give("DEAD", "the rule was deleted");
  // Checked again now: the owner's access may have changed since the rule matched.
  const owner = await ownerViewer(ctx, rule.partner, rule.id);
  const readable = owner !== null && (await stillReadable(em, owner, delivery));
  if (!readable) return give("DEAD", "not sent: your partner may no longer read what it was about");
  delivery.attempts += 1;
  try {
    await sendWebhook({
      url: rule.url,
      id: delivery.id,
      body: bodyOf(delivery, rule),
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
}
