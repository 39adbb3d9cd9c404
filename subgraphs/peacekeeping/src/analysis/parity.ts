import { referenceCache } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { saturatedInt } from "@concert/subgraph-kit/writes";
import { OUTSTANDING_STATUSES, PersonnelCategory, personnelCategoryOf } from "../entities/enums.js";
import { GenderParityTarget } from "../entities/gender-parity-target.js";
import { latestDeployments } from "./deployed.js";
import { pledgeTotals } from "./totals.js";
import type { WomenShare } from "./types.js";

/** The strategy's targets: reference data, seeded once. */
export const GENDER_PARITY_TARGETS = referenceCache(GenderParityTarget, "category");

const CATEGORIES = Object.values(PersonnelCategory);

const share = (women: number, personnel: number) => (personnel > 0 ? Math.round((women / personnel) * 10_000) / 10_000 : null);

/**
 * Each contributor's women's share per category, deployed (each mission's latest snapshot month: public) and pledged
 * (outstanding pledges it may aggregate, per category, with the totals' suppression): two SQL statements per batch.
 */
export function womenShareLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, WomenShare[]>("womenShare", async (codes) => {
    const [targets, pledged, deployed] = await Promise.all([
      GENDER_PARITY_TARGETS.all(ctx),
      pledgeTotals(ctx, { originator: { $in: [...codes] }, status: { $in: [...OUTSTANDING_STATUSES] } }, ["contributor", "category"]),
      latestDeployments(ctx, "contributors", codes, "contributorAndCapabilityType"),
    ]);
    const targetOf = new Map(targets.map((t) => [t.category, t.target]));
    return codes.map((code) =>
      CATEGORIES.map((category) => {
        const p = pledged.filter((r) => r.contributor === code && r.category === category);
        const d = deployed.filter((r) => {
          const [contributor, capabilityType] = r.key.split("|");
          return contributor === code && personnelCategoryOf(capabilityType) === category;
        });
        const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((n, r) => n + f(r), 0);
        const [deployedPersonnel, deployedWomen] = [sum(d, (r) => r.personnel), sum(d, (r) => r.womenPersonnel)];
        const [pledgedPersonnel, pledgedWomen] = [sum(p, (r) => r.personnel), sum(p, (r) => r.womenPersonnel)];
        const target = targetOf.get(category) ?? 0;
        const deployedShare = share(deployedWomen, deployedPersonnel);
        return {
          category,
          target,
          deployedPersonnel: saturatedInt(deployedPersonnel),
          deployedWomen: saturatedInt(deployedWomen),
          deployedShare,
          pledgedPersonnel: saturatedInt(pledgedPersonnel),
          pledgedWomen: saturatedInt(pledgedWomen),
          pledgedShare: share(pledgedWomen, pledgedPersonnel),
          deployedMeetsTarget: deployedShare === null ? null : deployedShare >= target,
        };
      }),
    );
  });
}
