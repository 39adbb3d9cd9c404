import { type MarkedType, markingSql, type SqlCondition } from "./marked-type.js";
import type { Viewer } from "./viewer.js";
import type { Marking } from "./vocabulary.js";

/**
 * The marking a verification visit is recorded with: the UN's choice, except that it always reaches the pledge's
 * contributor (RESTRICTED adds it; ORIGINATOR, which would hide the visit from it, is refused: null). So the
 * contributor always reads the visits on its own pledges (VERIFICATION_VISIT: its own marking and its pledge's), and
 * is never refused a move for evidence it cannot see.
 */
export function visitMarking(
  requested: { marking: Marking; releasableTo: readonly string[] } | undefined,
  contributor: string,
): { marking: Marking; releasableTo: string[] } | null {
  const marking = requested?.marking ?? "RESTRICTED";
  if (marking === "ORIGINATOR") return null;
  if (marking !== "RESTRICTED") return { marking, releasableTo: [] };
  const names = requested?.releasableTo ?? [];
  return { marking, releasableTo: [...new Set([contributor, ...names])] };
}

const snake = (property: string) => property.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The declaration's aggregate exception as SQL over its table aliased `alias`: the rows `viewer` may count, i.e.
 * reads or reaches by the aggregate marking (the SQL form of `aggregateWhere`, for hand-built aggregates such as
 * the funnel's median). The record's own audience columns are the default ones (`releasable_to`, `originator`).
 */
export function aggregateSql(type: MarkedType, viewer: Viewer, alias: string): SqlCondition {
  const own = type.sql(viewer, alias);
  const aggregate = type.spec.aggregate;
  if (!aggregate) return own;
  const counted = markingSql(viewer, {
    marking: `${alias}.${snake(aggregate.marking)}`,
    releasableTo: `${alias}.releasable_to`,
    originator: `${alias}.originator`,
  });
  return { sql: `(${own.sql} or ${counted.sql})`, params: [...own.params, ...counted.params] };
}
