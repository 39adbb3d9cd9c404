import { groupByKey } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { saturatedInt } from "@concert/subgraph-kit/writes";
import { OUTSTANDING_STATUSES, PledgeStatus, READINESS_ORDER, type Readiness, readinessAtOrAbove } from "../entities/enums.js";
import { requirementsByMissionLoader } from "../loaders.js";
import { type DeployedRow, latestDeployments } from "./deployed.js";
import { byStatus, pledgeTotals, type TotalsRow } from "./totals.js";
import type { CapabilityGap, EventDelivery, PeacekeepingContributions, PipelineCell } from "./types.js";

/** Batched analyses: a fixed number of SQL statements per query level, whatever the number of missions, events or countries. */

/** Gaps per mission and capability type for pledges at or above `minimum`, biggest gap first. */
export function gapsLoader(ctx: SubgraphContext, minimum: Readiness) {
  return ctx.loaders.get<string, CapabilityGap[]>(`gaps:${minimum}`, async (acronyms) => {
    const [requirements, deployed, pledged] = await Promise.all([
      requirementsByMissionLoader(ctx).loadMany(acronyms),
      latestDeployments(ctx, "missions", acronyms, "capabilityType"),
      pledgeTotals(
        ctx,
        { mission: { $in: [...acronyms] }, status: { $in: [...OUTSTANDING_STATUSES] }, readiness: { $in: readinessAtOrAbove(minimum) } },
        ["mission", "capabilityType"],
        { caveats: true, keepSuppressed: true },
      ),
    ]);
    return acronyms.map((acronym, i) => {
      const gaps = new Map<string, CapabilityGap>();
      const gapOf = (code: string) => {
        let gap = gaps.get(code);
        if (!gap) {
          gap = {
            capabilityTypeCode: code,
            required: 0,
            requiredPersonnel: 0,
            neededBy: null,
            deployed: 0,
            deployedPersonnel: 0,
            pledged: 0,
            pledgedPersonnel: 0,
            pledgedWithoutCaveats: 0,
            pledgedSuppressed: false,
            gap: 0,
            personnelGap: 0,
          };
          gaps.set(code, gap);
        }
        return gap;
      };
      const found = requirements[i];
      for (const r of found instanceof Error ? [] : found) {
        Object.assign(gapOf(r.capabilityType.code), { required: r.quantity, requiredPersonnel: r.personnel, neededBy: r.neededBy });
      }
      for (const d of deployed.filter((row) => row.mission === acronym)) {
        Object.assign(gapOf(d.key), { deployed: d.units, deployedPersonnel: d.personnel });
      }
      for (const p of pledged.filter((row) => row.mission === acronym)) {
        // A pledged part suppressed whole marks the capability's gap, but adds no gap of its own (as before the flag).
        if (p.pledges === 0 && !gaps.has(p.capabilityType)) continue;
        Object.assign(gapOf(p.capabilityType), {
          pledged: p.units,
          pledgedPersonnel: p.personnel,
          pledgedWithoutCaveats: p.unitsWithoutCaveats ?? 0,
          pledgedSuppressed: p.suppressed,
        });
      }
      for (const g of gaps.values()) {
        g.gap = saturatedInt(g.required - g.deployed - g.pledged);
        g.personnelGap = saturatedInt(g.requiredPersonnel - g.deployedPersonnel - g.pledgedPersonnel);
        g.deployed = saturatedInt(g.deployed);
        g.deployedPersonnel = saturatedInt(g.deployedPersonnel);
        g.pledged = saturatedInt(g.pledged);
        g.pledgedPersonnel = saturatedInt(g.pledgedPersonnel);
        g.pledgedWithoutCaveats = saturatedInt(g.pledgedWithoutCaveats);
      }
      return [...gaps.values()].sort((a, b) => b.gap - a.gap || a.capabilityTypeCode.localeCompare(b.capabilityTypeCode));
    });
  });
}

/** Rows as pipeline cells, by readiness level (lowest first) then status (pipeline order). */
export function pipelineCells(rows: readonly TotalsRow[]): PipelineCell[] {
  return READINESS_ORDER.flatMap((readiness) =>
    byStatus(rows.filter((r) => r.readiness === readiness)).map((totals) => ({ readiness, ...totals })),
  );
}

/** The readiness pipeline of each mission's pledges. */
export function missionPipelineLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, PipelineCell[]>("missionPipeline", async (acronyms) => {
    const rows = await pledgeTotals(ctx, { mission: { $in: [...acronyms] } }, ["mission", "readiness", "status"]);
    return groupByKey(acronyms, rows, (r) => r.mission ?? "").map(pipelineCells);
  });
}

/** What became of each event's pledges. */
export function eventDeliveryLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, EventDelivery>("eventDelivery", async (codes) => {
    const rows = await pledgeTotals(ctx, { event: { $in: [...codes] } }, ["event", "status"]);
    return groupByKey(codes, rows, (r) => r.event ?? "").map((eventRows) => {
      const statuses = byStatus(eventRows);
      const delivered = statuses.find((s) => s.status === PledgeStatus.DEPLOYED);
      const sum = (f: "pledges" | "units" | "personnel") => saturatedInt(statuses.reduce((n, s) => n + s[f], 0));
      return {
        pledges: sum("pledges"),
        units: sum("units"),
        personnel: sum("personnel"),
        deliveredPledges: delivered?.pledges ?? 0,
        deliveredUnits: delivered?.units ?? 0,
        deliveredPersonnel: delivered?.personnel ?? 0,
        suppressed: statuses.some((s) => s.suppressed),
        byStatus: statuses,
      };
    });
  });
}

function deployedTotals(rows: readonly DeployedRow[]) {
  return {
    deployedUnits: saturatedInt(rows.reduce((n, r) => n + r.units, 0)),
    deployedPersonnel: saturatedInt(rows.reduce((n, r) => n + r.personnel, 0)),
    deployedWomenPersonnel: saturatedInt(rows.reduce((n, r) => n + r.womenPersonnel, 0)),
    missionsDeployedTo: new Set(rows.filter((r) => r.personnel > 0).map((r) => r.mission)).size,
  };
}

/** Contributions per contributor code (a partner code, which for governments is the country's ISO code). */
export function contributionsLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, PeacekeepingContributions>("contributions", async (codes) => {
    const [pledges, deployed] = await Promise.all([
      pledgeTotals(ctx, { originator: { $in: [...codes] } }, ["contributor", "status"]),
      latestDeployments(ctx, "contributors", codes, "contributor"),
    ]);
    const pledgesBy = groupByKey(codes, pledges, (r) => r.contributor);
    const deployedBy = groupByKey(codes, deployed, (r) => r.key);
    return codes.map((_, i) => ({ pledgesByStatus: byStatus(pledgesBy[i]), ...deployedTotals(deployedBy[i]) }));
  });
}
