import { randomUUID } from "node:crypto";
import type { Viewer } from "@concert/policy";
import type { PlainRow } from "@concert/subgraph-kit/reads";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { ChangeEvent } from "../analysis/changes.js";
import { evaluateRule, type Match, watchlistMatches } from "../analysis/evaluate.js";
import { AlertDelivery } from "../entities/alert-delivery.js";
import type { AlertRule } from "../entities/alert-rule.js";
import { rulesFor } from "../loaders.js";
import { ownerViewer, type WorkerContext } from "./context.js";
import { observe, observedIn } from "./observed.js";

/** A delivery of `match` for `rule`, created in the transaction of `em`; returns its id (its `webhook-id`). */
export function deliveryOf(em: EntityManager, rule: Pick<AlertRule, "id" | "partner">, match: Match): string {
  return em.create(AlertDelivery, {
    id: randomUUID(),
    rule: rule.id,
    partner: rule.partner,
    event: match.event,
    recordType: match.recordType,
    recordId: match.recordId,
    payload: match.data,
  } as never).id;
}

/** Evaluates the rules for `events` inside the transaction of `em`; returns the deliveries made (queued once it commits). */
export async function ingestIn(ctx: WorkerContext, em: EntityManager, events: ChangeEvent[]): Promise<string[]> {
  const made: string[] = [];
  const owners = new Map<string, Viewer | null>();
  const rules = new Map<string, PlainRow<AlertRule>[]>();
  for (const event of events) {
    const before = await observe(em, event);
    if (!rules.has(event.recordType)) rules.set(event.recordType, await rulesFor(em, event.recordType));
    for (const rule of rules.get(event.recordType)!) {
      if (!owners.has(rule.id)) owners.set(rule.id, await ownerViewer(ctx, rule.partner, rule.id));
      const owner = owners.get(rule.id);
      if (!owner) continue;
      const match = await evaluateRule(rule.condition, owner, event, before, observedIn(em));
      if (match) made.push(deliveryOf(em, rule, match));
      for (const added of await watchlistMatches(rule.condition, owner, event, before, observedIn(em)))
        made.push(deliveryOf(em, rule, added));
    }
  }
  await em.flush();
  return made;
}
