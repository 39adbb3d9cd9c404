import { PLEDGE, PLEDGE_CAVEAT, VERIFICATION_VISIT } from "@concert/policy";
import {
  byKey,
  compiledQueryOf,
  findPlain,
  groupByKey,
  readableByIdLoader,
  readableGroupedLoader,
  referenceCache,
  referenceLoader,
  runCompiled,
  selectsOnly,
} from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { raw } from "@mikro-orm/core";
import type { GraphQLResolveInfo } from "graphql";
import { CapabilityRequirement } from "./entities/capability-requirement.js";
import { CapabilityType } from "./entities/capability-type.js";
import { DeploymentSnapshot } from "./entities/deployment-snapshot.js";
import { Mission } from "./entities/mission.js";
import { Pledge } from "./entities/pledge.js";
import { PledgeCaveat } from "./entities/pledge-caveat.js";
import { PledgeTransition } from "./entities/pledge-transition.js";
import { PledgingEvent } from "./entities/pledging-event.js";
import { VerificationVisit } from "./entities/verification-visit.js";

/** Per-request batched loads: one SQL statement per loader and query level, whatever the number of keys. */

/** Missions by acronym, as plain rows (read-only: missions change through `updateMission`, so per request). */
export function missionLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, Mission | null>("Mission.plain", async (acronyms) =>
    byKey(acronyms, await findPlain(ctx.em, Mission, { acronym: { $in: [...acronyms] } }), (m) => m.acronym, null),
  );
}

/**
 * The mission of `acronym` as the field resolving it (`info`) selects it: only its acronym (a reference the
 * gateway follows, or a label), with no read; otherwise the row, through `missionLoader`. The acronym is a
 * foreign key, so the mission exists.
 */
export function missionOf(ctx: SubgraphContext, acronym: string, info: GraphQLResolveInfo): Mission | Promise<Mission | null> {
  return selectsOnly(info, ["acronym"]) ? ({ acronym } as Mission) : missionLoader(ctx).load(acronym);
}

/** Missions per host country, oldest first. */
export function missionsByHostLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, Mission[]>("missionsByHost", async (codes) => {
    const rows = await findPlain(ctx.em, Mission, { hostCountryCodes: { $overlap: [...codes] } }, { orderBy: { startDate: "ASC" } });
    return codes.map((code) => rows.filter((m) => m.hostCountryCodes.includes(code)));
  });
}

/** Capability types never change once seeded: the process's copy (see `referenceCache`). */
export const CAPABILITY_TYPES = referenceCache(CapabilityType, "code", { orderBy: { code: "ASC" } });

/** The capability type of `code`: the row itself, not a promise, once the process's copy is read. */
export function capabilityTypeOf(ctx: SubgraphContext, code: string) {
  return CAPABILITY_TYPES.lookup(ctx, code);
}

export function eventLoader(ctx: SubgraphContext) {
  return referenceLoader(ctx, PledgingEvent, "code");
}

export function pledgeLoader(ctx: SubgraphContext) {
  return readableByIdLoader(ctx, PLEDGE, Pledge);
}

/** Readable pledges per contributor, newest first. */
export function pledgesByContributorLoader(ctx: SubgraphContext) {
  return readableGroupedLoader<Pledge, string>(ctx, PLEDGE, Pledge, {
    name: "byContributor",
    where: (codes) => ({ originator: { $in: [...codes] } }),
    keysOf: (p) => p.originator,
    orderBy: { createdAt: "DESC", id: "ASC" },
  });
}

/** Requirements per mission, by capability type. */
export function requirementsByMissionLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, CapabilityRequirement[]>("requirementsByMission", async (acronyms) => {
    const rows = await findPlain(
      ctx.em,
      CapabilityRequirement,
      { mission: { $in: [...acronyms] } },
      { orderBy: { capabilityType: "ASC" } },
    );
    return groupByKey(acronyms, rows, (r) => r.mission.acronym);
  });
}

/** Steps of each pledge through the pipeline, oldest first; callers pass only pledges already served. */
export function transitionsByPledgeLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, PledgeTransition[]>("transitionsByPledge", async (ids) => {
    const rows = await findPlain(ctx.em, PledgeTransition, { pledge: { $in: [...ids] } }, { orderBy: { at: "ASC", id: "ASC" } });
    return groupByKey(ids, rows, (t) => t.pledge.id);
  });
}

const LATEST_MONTHS = compiledQueryOf((em, where) =>
  em
    .createQueryBuilder(DeploymentSnapshot, "d")
    .select([raw(`d.mission_acronym as "mission"`), raw(`d.month as "month"`)])
    .distinct()
    .where(where as never)
    .getKnexQuery(),
);

/** The latest month (YYYY-MM) with a deployment snapshot, per mission; null for none: the rows flagged `latestOfMission`. */
export function latestMonthLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, string | null>("latestMonth", async (acronyms) => {
    const where = { mission: { $in: [...acronyms] }, latestOfMission: true };
    const rows = await runCompiled<{ mission: string; month: string }>(ctx.em, LATEST_MONTHS, where, [], undefined);
    return byKey(acronyms, rows, (r) => r.mission, null).map((r) => r?.month ?? null);
  });
}

/** Snapshots of one mission and month (key `ACRONYM|YYYY-MM`), largest contingents first. */
export function snapshotsLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, DeploymentSnapshot[]>("snapshots", async (keys) => {
    const pairs = keys.map((k) => k.split("|"));
    const rows = await findPlain(
      ctx.em,
      DeploymentSnapshot,
      { $or: pairs.map(([mission, month]) => ({ mission, month })) },
      { orderBy: { personnel: "DESC", contributor: "ASC", capabilityType: "ASC" } },
    );
    return groupByKey(keys, rows, (s) => `${s.mission.acronym}|${s.month}`);
  });
}

/** Each pledge's verification visits that the caller may read (VERIFICATION_VISIT), oldest first. */
export function visitsByPledgeLoader(ctx: SubgraphContext) {
  return readableGroupedLoader<VerificationVisit, string>(ctx, VERIFICATION_VISIT, VerificationVisit, {
    name: "byPledge",
    where: (ids) => ({ pledge: { $in: [...ids] } }),
    keysOf: (v) => v.pledge.id,
    orderBy: { date: "ASC", id: "ASC" },
  });
}

/** Each pledge's caveats that the caller may read (PLEDGE_CAVEAT), oldest first. */
export function caveatsByPledgeLoader(ctx: SubgraphContext) {
  return readableGroupedLoader<PledgeCaveat, string>(ctx, PLEDGE_CAVEAT, PledgeCaveat, {
    name: "byPledge",
    where: (ids) => ({ pledge: { $in: [...ids] } }),
    keysOf: (c) => c.pledge.id,
    orderBy: { createdAt: "ASC", id: "ASC" },
  });
}

/** Outstanding pledges (PLEDGED or VERIFIED) the caller may read that are to replace each deployed pledge, oldest first. */
export function replacementsLoader(ctx: SubgraphContext) {
  return readableGroupedLoader<Pledge, string>(ctx, PLEDGE, Pledge, {
    name: "replacing",
    where: (ids) => ({ replaces: { $in: [...ids] }, status: { $in: ["PLEDGED", "VERIFIED"] } }),
    keysOf: (p) => p.replaces?.id ?? "",
    orderBy: { createdAt: "ASC", id: "ASC" },
  });
}
