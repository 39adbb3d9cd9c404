import { randomUUID } from "node:crypto";
import { ALERT_RULE, alertRulesOwnedBy, mayManageAlertsOf } from "@concert/policy";
import { unauthenticated } from "@concert/subgraph-kit/errors";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { changeRecord, createRecord, type WrittenKind } from "@concert/subgraph-kit/writes";
import { newWebhookSecret, sealSecret } from "@concert/webhooks";
import { AlertDelivery } from "../entities/alert-delivery.js";
import { AlertRule } from "../entities/alert-rule.js";
import type { AlertRuleChanges, AlertRuleInput } from "../inputs/alert-rule.js";
import { checkedCondition, checkedName, checkedUrl } from "../inputs/validation.js";
import type { AlertsSettings } from "../settings.js";

/** Alert rules: their partner's alone; another partner's rule is NOT_FOUND, like a missing one. */
const RULES: WrittenKind<AlertRule> = {
  entity: AlertRule,
  declaration: ALERT_RULE,
  visible: (ctx, rule) => mayManageAlertsOf(ctx.viewer, rule.partner),
  action: "alert.manage",
};

/** A rule just written, with the secret made by the write (shown once), if any. */
export interface WrittenRule {
  rule: AlertRule;
  secret: string | null;
}

/** The caller's own partner, for reads: anonymous callers and services have none. */
export function ownerOf(ctx: SubgraphContext): string {
  const owned = alertRulesOwnedBy(ctx.viewer);
  if (!owned) throw unauthenticated("sign in to manage your partner's alert rules");
  return owned.partner;
}

export async function createRule(ctx: SubgraphContext, settings: AlertsSettings, input: AlertRuleInput): Promise<WrittenRule> {
  const secret = newWebhookSecret();
  const rule = await createRecord(ctx, RULES, {
    // The URL's check resolves its host: done before the transaction, so that no lookup holds one open.
    check: async () => ({
      name: checkedName("name", input.name),
      condition: checkedCondition("", input.condition),
      url: await checkedUrl("url", input.url, settings.urlRules),
    }),
    values: (_em, { name, condition, url }) => ({
      id: randomUUID(),
      partner: ownerOf(ctx),
      name,
      url,
      condition,
      kind: condition.kind,
      secret: sealSecret(settings.secretKey, secret),
    }),
  });
  return { rule, secret };
}

export async function updateRule(
  ctx: SubgraphContext,
  settings: AlertsSettings,
  id: string,
  expectedVersion: number,
  changes: AlertRuleChanges,
): Promise<WrittenRule> {
  const secret = changes.rotateSecret ? newWebhookSecret() : null;
  const check = async () => ({
    name: changes.name === undefined || changes.name === null ? undefined : checkedName("changes.name", changes.name),
    condition: changes.condition ? checkedCondition("changes", changes.condition) : undefined,
    url: changes.url ? await checkedUrl("changes.url", changes.url, settings.urlRules) : undefined,
  });
  const rule = await changeRecord(
    ctx,
    RULES,
    { id, expectedVersion, audit: secret ? "update rotate-secret" : "update", check },
    (rule, _em, { name, condition, url }) => {
      if (name !== undefined) rule.name = name;
      if (url !== undefined) rule.url = url;
      if (condition) {
        rule.condition = condition;
        rule.kind = condition.kind;
      }
      if (secret) rule.secret = sealSecret(settings.secretKey, secret);
      return rule;
    },
  );
  return { rule, secret };
}

/**
 * Deletes one of the caller's rules and its delivery records; queued messages of it are dropped when their turn
 * comes. Without `expectedVersion` (the API named none before) the rule is deleted at whatever version it has.
 */
export function deleteRule(ctx: SubgraphContext, id: string, expectedVersion: number | null): Promise<string> {
  return changeRecord(ctx, RULES, { id, expectedVersion, audit: "delete" }, async (rule, em) => {
    await em.nativeDelete(AlertDelivery, { rule: rule.id });
    em.remove(rule);
    return rule.id;
  });
}
