import { aggregateSql, PLEDGE } from "@concert/policy";
import { groupByKey } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { saturatedInt } from "@concert/subgraph-kit/writes";
import { PledgeStatus, READINESS_ORDER } from "../entities/enums.js";
import { pledgeTotals } from "./totals.js";
import type { PledgeFunnel } from "./types.js";

interface MedianRow {
  event: string;
  all: string;
  readable: string;
  median: number | null;
  readable_median: number | null;
}

/**
 * The median days from registration to the first DEPLOYED step of each event's deployed pledges that the caller may
 * aggregate, one statement; when fewer than 3 of them are unreadable, over the readable ones only.
 */
async function medianDays(ctx: SubgraphContext, codes: readonly string[]): Promise<Map<string, number | null>> {
  const readable = PLEDGE.sql(ctx.viewer, "p");
  const aggregable = aggregateSql(PLEDGE, ctx.viewer, "p");
  const days = `extract(epoch from (t.at - p.created_at)) / 86400`;
  const rows = await ctx.em.execute<MedianRow[]>(
    `select p.event_code as "event", count(*) as "all", count(*) filter (where ${readable.sql}) as "readable",
            percentile_cont(0.5) within group (order by ${days}) as "median",
            percentile_cont(0.5) within group (order by ${days}) filter (where ${readable.sql}) as "readable_median"
       from pledge p
       cross join lateral (select min(s.at) as at from pledge_transition s where s.pledge_id = p.id and s."to" = 'DEPLOYED') t
      where p.event_code in (?) and p.status = 'DEPLOYED' and t.at is not null and ${aggregable.sql}
      group by p.event_code`,
    [...readable.params, ...readable.params, [...codes], ...aggregable.params],
  );
  const medians = new Map<string, number | null>();
  for (const r of rows) {
    const unreadable = Number(r.all) - Number(r.readable);
    const median = PLEDGE.mayShowUnreadablePart(unreadable) ? r.median : r.readable_median;
    if (unreadable > 0 && !PLEDGE.mayShowUnreadablePart(unreadable)) ctx.metrics.countPolicyDecision("Pledge", "suppressed", unreadable);
    medians.set(r.event, median === null ? null : Math.round(Number(median) * 10) / 10);
  }
  return medians;
}

/** The podium-to-ground funnel of each event: two SQL statements per batch. */
export function funnelLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, PledgeFunnel>("funnel", async (codes) => {
    const [rows, medians] = await Promise.all([
      pledgeTotals(ctx, { event: { $in: [...codes] } }, ["event", "readiness", "status"]),
      medianDays(ctx, codes),
    ]);
    return groupByKey(codes, rows, (r) => r.event ?? "").map((eventRows, i) => {
      const sum = (list: typeof eventRows, f: "pledges" | "units" | "personnel") => saturatedInt(list.reduce((n, r) => n + r[f], 0));
      const deployed = eventRows.filter((r) => r.status === PledgeStatus.DEPLOYED);
      return {
        pledges: sum(eventRows, "pledges"),
        units: sum(eventRows, "units"),
        personnel: sum(eventRows, "personnel"),
        reached: READINESS_ORDER.map((readiness, level) => {
          const at = eventRows.filter((r) => READINESS_ORDER.indexOf(r.readiness) >= level);
          return { readiness, pledges: sum(at, "pledges"), units: sum(at, "units"), personnel: sum(at, "personnel") };
        }),
        deployedPledges: sum(deployed, "pledges"),
        deployedUnits: sum(deployed, "units"),
        deployedPersonnel: sum(deployed, "personnel"),
        medianDaysToDeployment: medians.get(codes[i]) ?? null,
      };
    });
  });
}
