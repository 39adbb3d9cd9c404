import { randomUUID } from "node:crypto";
import { alertRulesOwnedBy, mayManageAlertsOf } from "@concert/policy";
import { authorizeWrite, expectVersion, notFound, type SubgraphContext, transaction, unauthenticated } from "@concert/subgraph-kit";
import { newWebhookSecret, sealSecret } from "@concert/webhooks";
import type { EntityManager } from "@mikro-orm/postgresql";
import { AlertDelivery } from "../entities/alert-delivery.js";
import { AlertRule } from "../entities/alert-rule.js";
import type { AlertRuleChanges, AlertRuleInput } from "../inputs/alert-rule.js";
import { checkedCondition, checkedName, checkedUrl } from "../inputs/validation.js";
import type { AlertsSettings } from "../settings.js";

/** The caller's own partner, for reads: anonymous callers and services have none. */
export function ownerOf(ctx: SubgraphContext): string {
  const owned = alertRulesOwnedBy(ctx.viewer);
  if (!owned) throw unauthenticated("sign in to manage your partner's alert rules");
  return owned.partner;
}

/** A rule of the caller's partner; another partner's is NOT_FOUND, like a missing one. */
async function ownRule(ctx: SubgraphContext, em: EntityManager, id: string): Promise<AlertRule> {
  const rule = /^[0-9a-f-]{36}$/i.test(id) ? await em.findOne(AlertRule, { id }) : null;
  if (!rule || !mayManageAlertsOf(ctx.viewer, rule.partner)) throw notFound(`AlertRule ${id}`);
  return rule;
}

export async function createRule(ctx: SubgraphContext, settings: AlertsSettings, input: AlertRuleInput) {
  authorizeWrite(ctx, "alert.manage");
  const partner = ownerOf(ctx);
  const name = checkedName("name", input.name);
  const condition = checkedCondition("", input.condition);
  const url = await checkedUrl("url", input.url, settings.urlRules);
  const secret = newWebhookSecret();
  const rule = await transaction(ctx, async (em) => {
    const created = em.create(AlertRule, {
      id: randomUUID(),
      partner,
      name,
      url,
      condition,
      kind: condition.kind,
      secret: sealSecret(settings.secretKey, secret),
    } as never);
    await em.flush();
    return created;
  });
  return { rule, secret };
}

export async function updateRule(
  ctx: SubgraphContext,
  settings: AlertsSettings,
  id: string,
  expectedVersion: number,
  changes: AlertRuleChanges,
) {
  authorizeWrite(ctx, "alert.manage");
  const name = changes.name === undefined || changes.name === null ? undefined : checkedName("changes.name", changes.name);
  const condition = changes.condition ? checkedCondition("changes", changes.condition) : undefined;
  const url = changes.url ? await checkedUrl("changes.url", changes.url, settings.urlRules) : undefined;
  const secret = changes.rotateSecret ? newWebhookSecret() : null;
  const rule = await transaction(ctx, async (em) => {
    const rule = await ownRule(ctx, em, id);
    authorizeWrite(ctx, "alert.manage", rule.partner);
    expectVersion(rule, expectedVersion, `AlertRule ${id}`);
    if (name !== undefined) rule.name = name;
    if (url !== undefined) rule.url = url;
    if (condition) {
      rule.condition = condition;
      rule.kind = condition.kind;
    }
    if (secret) rule.secret = sealSecret(settings.secretKey, secret);
    await em.flush();
    return rule;
  });
  return { rule, secret };
}

/** Deletes one of the caller's rules and its delivery records; queued messages of it are dropped when their turn comes. */
export async function deleteRule(ctx: SubgraphContext, id: string): Promise<string> {
  authorizeWrite(ctx, "alert.manage");
  return transaction(ctx, async (em) => {
    const rule = await ownRule(ctx, em, id);
    authorizeWrite(ctx, "alert.manage", rule.partner);
    await em.nativeDelete(AlertDelivery, { rule: rule.id });
    em.remove(rule);
    await em.flush();
    return id;
  });
}
