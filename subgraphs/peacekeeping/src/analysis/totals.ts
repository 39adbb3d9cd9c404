import { PLEDGE, type Viewer } from "@concert/policy";
import { compiledQueryOf, runCompiled, type SubgraphContext, saturatedInt } from "@concert/subgraph-kit";
import { type FilterQuery, raw } from "@mikro-orm/core";
import type { Knex } from "@mikro-orm/postgresql";
import { PledgeStatus, type Readiness } from "../entities/enums.js";
import { Pledge } from "../entities/pledge.js";
import { type PartSums, shownPart } from "./suppression.js";
import type { StatusTotals } from "./types.js";

/** The pledges a viewer may count in totals: the pledge declaration's aggregate exception. */
export function aggregableWhere(viewer: Viewer): FilterQuery<Pledge> {
  return PLEDGE.aggregateWhere(viewer) as FilterQuery<Pledge>;
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

interface TotalsShape {
  groupBy: GroupKey[];
  /** The SQL of the caller's readability (`PLEDGE.sql`), whose values are the query's `extra`. */
  readable: string;
}

/** Counts and sums per group of `where`'s pledges, and of those among them the caller reads. */
const PLEDGE_TOTALS = compiledQueryOf<Knex.Value, TotalsShape>((em, where, params, { groupBy, readable }) => {
  const columns = groupBy.map((key) => `p.${GROUP_COLUMNS[key]}`);
  // The caller's readability reaches the SQL as bindings through knex: MikroORM's raw() would write it into the statement.
  const readableSums = em
    .getKnex()
    .raw(
      [
        `count(*) filter (where ${readable}) as "readable_pledges"`,
        `coalesce(sum(p.quantity) filter (where ${readable}), 0)::numeric as "readable_units"`,
        `coalesce(sum(p.personnel) filter (where ${readable}), 0)::numeric as "readable_personnel"`,
        `coalesce(sum(p.women_personnel) filter (where ${readable}), 0)::numeric as "readable_womenPersonnel"`,
      ].join(", "),
      [...params, ...params, ...params, ...params],
    );
  return em
    .createQueryBuilder(Pledge, "p")
    .select([
      ...groupBy.map((key, i) => raw(`${columns[i]} as "${key}"`)),
      raw(`count(*) as "pledges"`),
      raw(`coalesce(sum(p.quantity), 0)::numeric as "units"`),
      raw(`coalesce(sum(p.personnel), 0)::numeric as "personnel"`),
      raw(`coalesce(sum(p.women_personnel), 0)::numeric as "womenPersonnel"`),
    ])
    .where(where as never)
    .groupBy(columns.map((c) => raw(c)))
    .getKnexQuery()
    .select(readableSums);
});

/**
 * Counts and sums of the pledges matching `where` that the caller may aggregate, grouped by
 * `groupBy`: one SQL statement; no pledge's detail leaves the database. Sums are taken as
 * numeric (they cannot overflow) and shown saturated at the GraphQL Int range. A group's part
 * resting on too few pledges the caller cannot read is left out (see `shownPart`).
 */
export async function pledgeTotals(ctx: SubgraphContext, where: FilterQuery<Pledge>, groupBy: GroupKey[]): Promise<TotalsRow[]> {
  const readable = PLEDGE.sql(ctx.viewer, "p");
  const rows = await runCompiled<Record<GroupKey, string> & Record<string, string | number>, Knex.Value, TotalsShape>(
    ctx.em,
    PLEDGE_TOTALS,
    { $and: [where, aggregableWhere(ctx.viewer)] },
    readable.params as Knex.Value[],
    { groupBy, readable: readable.sql },
  );
  const totals: TotalsRow[] = [];
  for (const row of rows) {
    const all: PartSums = {
      pledges: Number(row.pledges),
      units: Number(row.units),
      personnel: Number(row.personnel),
      womenPersonnel: Number(row.womenPersonnel),
    };
    const shown = shownPart(all, {
      pledges: Number(row.readable_pledges),
      units: Number(row.readable_units),
      personnel: Number(row.readable_personnel),
      womenPersonnel: Number(row.readable_womenPersonnel),
    });
    if (shown !== all) ctx.metrics.countPolicyDecision("Pledge", "suppressed", all.pledges - shown.pledges);
    if (shown.pledges === 0) continue;
    const total = { ...shown } as TotalsRow;
    for (const key of groupBy) (total as unknown as Record<string, unknown>)[key] = row[key];
    totals.push(total);
  }
  return totals;
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
  return STATUS_ORDER.filter((s) => totals.has(s)).map((s) => {
    const t = totals.get(s)!;
    return { ...t, units: saturatedInt(t.units), personnel: saturatedInt(t.personnel), womenPersonnel: saturatedInt(t.womenPersonnel) };
  });
}
