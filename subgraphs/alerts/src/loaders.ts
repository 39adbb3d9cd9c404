import type { EntityManager } from "@mikro-orm/postgresql";
import { AlertRule } from "./entities/alert-rule.js";

/**
 * The alerts subgraph answers one partner's own rules and deliveries, one page per statement (the kit's
 * `paginate`); it has no per-request loader. The worker reads every rule of a kind in one statement.
 */
export function rulesFor(em: EntityManager, recordType: string): Promise<AlertRule[]> {
  return em.find(AlertRule, { kind: { $in: KINDS_BY_RECORD[recordType] ?? [] } });
}

/** Which rule kinds a change of a record type may match. */
export const KINDS_BY_RECORD: Record<string, AlertRule["kind"][]> = {
  RISK_ASSESSMENT: ["ASSESSMENT_LEVEL", "ASSESSMENT_DIVERGENCE"],
  // a watchlist's new countries (see `watchlistMatches`)
  WATCHLIST: ["ASSESSMENT_LEVEL"],
  PLEDGE: ["PLEDGE_STATUS", "MISSION_GAP"],
  CAPABILITY_REQUIREMENT: ["MISSION_GAP"],
  PRACTICE: ["PRACTICE_THEME"],
  FORECAST: ["FORECAST_RISE", "CROWD_FORECAST"],
};
