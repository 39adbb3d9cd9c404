import { readableWhere } from "@concert/policy";
import { byKey, groupByKey, isUuid, served, type SubgraphContext } from "@concert/subgraph-kit";
import { CapabilityType } from "./entities/capability-type.js";
import { Mission } from "./entities/mission.js";
import { Pledge } from "./entities/pledge.js";
import { PledgingEvent } from "./entities/pledging-event.js";

/** Per-request batched loads: one SQL statement per loader and query level, whatever the number of keys. */

export function missionLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, Mission | null>("mission", async (acronyms) =>
    byKey(acronyms, await ctx.em.find(Mission, { acronym: { $in: [...acronyms] } }), (m) => m.acronym, null),
  );
}

/** Missions per host country, oldest first. */
export function missionsByHostLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, Mission[]>("missionsByHost", async (codes) => {
    const rows = await ctx.em.find(Mission, { hostCountryCodes: { $overlap: [...codes] } }, { orderBy: { startDate: "ASC" } });
    return codes.map((code) => rows.filter((m) => m.hostCountryCodes.includes(code)));
  });
}

export function capabilityTypeLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, CapabilityType | null>("capabilityType", async (codes) =>
    byKey(codes, await ctx.em.find(CapabilityType, { code: { $in: [...codes] } }), (c) => c.code, null),
  );
}

export function eventLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, PledgingEvent | null>("event", async (codes) =>
    byKey(codes, await ctx.em.find(PledgingEvent, { code: { $in: [...codes] } }), (e) => e.code, null),
  );
}

export function pledgeLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, Pledge | null>("pledge", async (ids) => {
    const rows = await ctx.em.find(Pledge, { $and: [{ id: { $in: ids.filter(isUuid) } }, readableWhere(ctx.viewer)] });
    return byKey(ids, served(ctx, "Pledge", rows), (p) => p.id, null);
  });
}

/** Readable pledges per contributor, newest first. */
export function pledgesByContributorLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, Pledge[]>("pledgesByContributor", async (codes) => {
    const rows = await ctx.em.find(
      Pledge,
      { $and: [{ originator: { $in: [...codes] } }, readableWhere(ctx.viewer)] },
      { orderBy: { createdAt: "DESC", id: "ASC" } },
    );
    return groupByKey(codes, served(ctx, "Pledge", rows), (p) => p.originator);
  });
}
