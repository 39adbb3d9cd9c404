import { pgTextArray } from "@concert/policy";
import { compiledQueryOf, findPlain, type PlainRow, runCompiled } from "@concert/subgraph-kit/reads";
import type { FilterQuery } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { AlertDelivery } from "./entities/alert-delivery.js";
import { AlertRule } from "./entities/alert-rule.js";

/**
 * The alerts subgraph answers one partner's own rules and deliveries, one page per statement (the kit's
 * `paginate`); it has no per-request loader. The worker reads every rule of a kind in one statement, as plain rows
 * (which leave the rule's sealed `secret` out: only a delivery's signing reads it).
 */
export function rulesOfKinds(em: EntityManager, kinds: readonly AlertRule["kind"][]): Promise<PlainRow<AlertRule>[]> {
  return findPlain(em, AlertRule, { kind: { $in: [...kinds] } });
}

/** The rules a change of `recordType` may match. */
export function rulesFor(em: EntityManager, recordType: string): Promise<PlainRow<AlertRule>[]> {
  return rulesOfKinds(em, KINDS_BY_RECORD[recordType] ?? []);
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

/** A delivery column a list of ids is matched against, with its type. */
type AmongColumn = "rule" | "record_id";
const AMONG_TYPE: Record<AmongColumn, string> = { rule: "uuid", record_id: "text" };

/**
 * Deliveries (`where`) whose `column` is one of a list (`among`, an array literal bound as one parameter), each as its
 * rule, record and the text of its payload at `due` (a JSON path, also bound).
 */
const ALERTED = compiledQueryOf<string, AmongColumn>((em, where, [among, due], column) =>
  em
    .createQueryBuilder(AlertDelivery, "d")
    .select(["rule", "recordId"])
    .where(where as never)
    .getKnexQuery()
    .select(em.getKnex().raw("d.payload #>> ?::text[] as due", [due!]))
    .whereRaw(`d.${column} = any(?::${AMONG_TYPE[column]}[])`, [among!]),
);

/**
 * The alerts already made (the deliveries of `where` whose `column` is one of `among`), as `rule|record|due`, where
 * `due` is the date the alert was about, read from its payload at the JSON path `due`.
 */
export async function alertedKeys(
  em: EntityManager,
  where: FilterQuery<AlertDelivery>,
  column: AmongColumn,
  among: readonly string[],
  due: readonly string[],
): Promise<Set<string>> {
  const extra = [pgTextArray(among), pgTextArray(due)];
  const rows = await runCompiled<{ rule: string; record_id: string; due: string | null }, string, AmongColumn>(
    em,
    ALERTED,
    where,
    extra,
    column,
  );
  return new Set(rows.map((d) => `${d.rule}|${d.record_id}|${d.due}`));
}
