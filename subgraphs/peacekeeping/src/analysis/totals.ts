import { readableWhere, type Viewer } from "@concert/policy";
import type { SubgraphContext } from "@concert/subgraph-kit";
import { raw, type FilterQuery } from "@mikro-orm/core";
import { PledgeStatus, type Readiness } from "../entities/enums.js";
import { Pledge } from "../entities/pledge.js";
import type { StatusTotals } from "./types.js";

/**
 * The pledges a viewer may count in totals: those whose aggregate marking reaches the viewer,
 * and those the viewer may read in full anyway.
 */
export function aggregableWhere(viewer: Viewer): FilterQuery<Pledge> {
  return {
    $or: [readableWhere(viewer), readableWhere(viewer, { marking: "aggregateMarking", releasableTo: "releasableTo", originator: "originator" })],
  } as FilterQuery<Pledge>;
}

const GROUP_COLUMNS = {
  mission: "mission_acronym",
  capabilityType: "capability_type_code",
  readiness: "readiness",
  status: "status",
  event: "event_code",
  contributor: "originator",
} as const;

export type GroupKey = keyof typeof GROUP_COLUMNS;

export interface TotalsRow {
  mission: string | null;
  capabilityType: string;
  readiness: Readiness;
  status: PledgeStatus;
  event: string | null;
  contributor: string;
  pledges: number;
  units: number;
  personnel: number;
  womenPersonnel: number;
}

/**
 * Counts and sums of the pledges matching `where` that the caller may aggregate, grouped by
 * `groupBy`: one SQL statement; no pledge's detail leaves the database.
 */
export async function pledgeTotals(ctx: SubgraphContext, where: FilterQuery<Pledge>, groupBy: GroupKey[]): Promise<TotalsRow[]> {
  const columns = groupBy.map((key) => `p.${GROUP_COLUMNS[key]}`);
  const rows = await ctx.em
    .createQueryBuilder(Pledge, "p")
    .select([
      ...groupBy.map((key, i) => raw(`${columns[i]} as "${key}"`)),
      raw(`count(*)::int as "pledges"`),
      raw(`coalesce(sum(p.quantity), 0)::int as "units"`),
      raw(`coalesce(sum(p.personnel), 0)::int as "personnel"`),
      raw(`coalesce(sum(p.women_personnel), 0)::int as "womenPersonnel"`),
    ])
    .where({ $and: [where, aggregableWhere(ctx.viewer)] } as never)
    .groupBy(columns.map((c) => raw(c)))
    .execute<TotalsRow[]>("all", false);
  return rows;
}

const STATUS_ORDER = Object.values(PledgeStatus);

/** Rows as per-status totals in pipeline order. */
export function byStatus(rows: readonly TotalsRow[]): StatusTotals[] {
  const totals = new Map<PledgeStatus, StatusTotals>();
  for (const r of rows) {
    const t = totals.get(r.status) ?? { status: r.status, pledges: 0, units: 0, personnel: 0, womenPersonnel: 0 };
    t.pledges += r.pledges;
    t.units += r.units;
    t.personnel += r.personnel;
    t.womenPersonnel += r.womenPersonnel;
    totals.set(r.status, t);
  }
  return STATUS_ORDER.filter((s) => totals.has(s)).map((s) => totals.get(s)!);
}
