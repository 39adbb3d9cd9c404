import "reflect-metadata";
import { join } from "node:path";
import { AuditEntry } from "@concert/subgraph-kit/audit";
import { buildFederatedSchema, type SubgraphModule, withKitMigrations } from "@concert/subgraph-kit/server";
import { AlertDelivery } from "./entities/alert-delivery.js";
import { AlertRule } from "./entities/alert-rule.js";
import { FeedCursor, ObservedRecord } from "./entities/feed-state.js";
import { AlertRuleResolver } from "./resolvers/alert-rule.js";
import { seedAlerts } from "./seed/index.js";
import { type AlertsSettings, DEFAULT_ALERTS_SETTINGS } from "./settings.js";

/** Webhook alert rules and deliveries, for the caller's own partner; its worker (worker.ts) follows the feeds and delivers. */
export function createAlertsSubgraph(settings: AlertsSettings = DEFAULT_ALERTS_SETTINGS): SubgraphModule {
  return {
    name: "alerts",
    entities: [AlertRule, AlertDelivery, FeedCursor, ObservedRecord, AuditEntry],
    // The kit's tables first: alerts writes audit entries (its change feed tables stay empty).
    migrationsPath: withKitMigrations(join(__dirname, "migrations")),
    buildSchema: () =>
      buildFederatedSchema({ resolvers: [AlertRuleResolver], instances: [new AlertRuleResolver(settings)], referenceResolvers: {} }),
    seed: seedAlerts,
  };
}

/** The module with default settings: for the schema, migrations and `npm run migrate` (which read no secret). */
export const alertsSubgraph = createAlertsSubgraph();

export type { ChangeEvent, FeedName } from "./analysis/changes.js";
export { FEED_SELECTIONS, FEEDS, feedQuery, fromFeed } from "./analysis/changes.js";
export { readableBy } from "./analysis/evaluate.js";
export { type RekeyOutcome, RekeyRefused, rekeyRuleSecrets } from "./rekey.js";
export { type AlertsSettings, DEFAULT_ALERTS_SETTINGS } from "./settings.js";
export { type AlertsWorker, type AlertsWorkerOptions, startAlertsWorker } from "./worker.js";
