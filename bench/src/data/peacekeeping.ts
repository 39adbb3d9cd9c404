import { peacekeepingSubgraph as module } from "@concert/peacekeeping";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { BenchOptions } from "../options.js";
import { benchId, Random } from "../random.js";
import type { EngagementsData } from "./engagements.js";
import { existingRows, insertRows, marked, type Row, withoutExisting } from "./insert.js";

const READINESS = ["LEVEL_1", "LEVEL_2", "LEVEL_3", "RAPID_DEPLOYMENT"];
/** Status and the pipeline steps that lead to it. */
const PIPELINES: Record<string, string[]> = {
  PLEDGED: ["PLEDGED"],
  VERIFIED: ["PLEDGED", "VERIFIED"],
  DEPLOYED: ["PLEDGED", "VERIFIED", "DEPLOYED"],
  WITHDRAWN: ["PLEDGED", "WITHDRAWN"],
  EXPIRED: ["PLEDGED", "VERIFIED", "EXPIRED"],
};
const STATUSES = ["PLEDGED", "PLEDGED", "VERIFIED", "VERIFIED", "DEPLOYED", "WITHDRAWN", "EXPIRED"];
/** The twelve months (YYYY-MM) of `year`. */
export const monthsOf = (year: number) => Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, "0")}`);
const MONTHS = monthsOf(2025);

/** What pledges are drawn from: the base data set's are for current missions, the older ones `--scale` adds for closed ones. */
export interface PledgeContext {
  contributors: string[];
  missions: string[];
  types: string[];
  events: string[];
  statuses: string[];
}

/** Pledge `i` (for one of `ctx.missions` nine times in ten) with the transitions of its pipeline. */
export function addPledge(pledges: Row[], transitions: Row[], i: number, ctx: PledgeContext, rng: Random): void {
  const { contributors, missions, types, events } = ctx;
  const contributor = rng.pick(contributors);
  const status = rng.pick(ctx.statuses);
  const personnel = rng.int(10, 850);
  const id = benchId("pledge", i);
  pledges.push({
    ...marked(contributor, "RESTRICTED", ["UN"]),
    id,
    mission: rng.next() < 0.9 ? rng.pick(missions) : null,
    capabilityType: rng.pick(types),
    quantity: rng.int(1, 3),
    personnel,
    womenPersonnel: Math.floor(personnel * rng.next() * 0.3),
    readiness: rng.pick(READINESS),
    status,
    event: rng.next() < 0.6 ? rng.pick(events) : null,
    renewalDue: rng.date(),
    unitDetails: `[DEMO] Unit ${i} of ${contributor}.`,
    unitDetailsMarking: "RESTRICTED",
    unitDetailsReleasableTo: ["UN"],
    aggregateMarking: "PARTNERS",
  });
  PIPELINES[status]!.forEach((to, step, steps) => {
    transitions.push({
      pledge: id,
      from: step ? steps[step - 1] : null,
      to,
      at: new Date(Date.UTC(2024, step, 1)),
      byPartner: to === "VERIFIED" ? "UN" : contributor,
      note: null,
    });
  });
}

const pairKey = (r: Row) => `${String(r.mission)}|${String(r.capabilityType)}`;

/** Monthly deployments of eight contributors to each of `missions` in each of `months`, numbered from `first`. */
export function deploymentRows(
  of: { missions: string[]; months: string[]; contributors: string[]; types: string[] },
  existing: Row[],
  first: number,
  rng: Random,
): Row[] {
  return withoutExisting(
    of.missions.flatMap((mission) =>
      of.months.flatMap((month) =>
        rng.sample(of.contributors, 8).map((contributor) => ({ mission, month, contributor, capabilityType: rng.pick(of.types) })),
      ),
    ),
    existing,
    (r) => `${pairKey(r)}|${String(r.month)}|${String(r.contributor)}`,
  ).map((d, i) => ({
    ...d,
    id: benchId("deployment", first + i),
    units: rng.int(1, 3),
    personnel: rng.int(20, 800),
    womenPersonnel: rng.int(0, 100),
    demo: true,
  }));
}

/** What the base data set's pledges and deployments were drawn from, for the rows `--scale` adds (growth.ts). */
export interface PeacekeepingContext extends PledgeContext {
  closedMissions: string[];
  existingDeployments: Row[];
}

/** Requirements for every current mission and capability, pledges with their transitions, and monthly deployments. */
export async function generatePeacekeeping(
  em: EntityManager,
  options: BenchOptions,
  rng: Random,
  base: EngagementsData,
): Promise<{ counts: Record<string, number>; hosts: string[]; context: PeacekeepingContext }> {
  const all = await existingRows(em, module, "Mission");
  const current = all.filter((m) => m.status !== "CLOSED");
  const closed = all.filter((m) => m.status === "CLOSED").map((m) => String(m.acronym));
  const missions = current.map((m) => String(m.acronym));
  const hosts = [...new Set(current.flatMap((m) => m.hostCountryCodes as string[]))];
  const types = (await existingRows(em, module, "CapabilityType")).map((t) => String(t.code));
  const events = (await existingRows(em, module, "PledgingEvent")).map((e) => String(e.code));
  const contributors = base.partners.filter((p) => /^[A-Z]{3}$/.test(p));

  const requirements = withoutExisting(
    missions.flatMap((mission) => types.map((capabilityType) => ({ mission, capabilityType }))),
    await existingRows(em, module, "CapabilityRequirement"),
    pairKey,
  ).map((r, i) => ({
    ...r,
    id: benchId("requirement", i),
    quantity: rng.int(1, 6),
    personnel: rng.int(50, 900),
    neededBy: rng.date(),
    note: "[DEMO] Generated requirement.",
    demo: true,
  }));

  const pledges: Row[] = [];
  const transitions: Row[] = [];
  const ctx: PledgeContext = { contributors, missions, types, events, statuses: STATUSES };
  for (let i = 0; i < options.pledges; i++) addPledge(pledges, transitions, i, ctx, rng);

  const existingDeployments = await existingRows(em, module, "DeploymentSnapshot");
  const deployments = deploymentRows({ missions, months: MONTHS, contributors, types }, existingDeployments, 0, rng);

  const counts = {
    capabilityRequirements: await insertRows(em, module, "CapabilityRequirement", requirements),
    pledges: await insertRows(em, module, "Pledge", pledges),
    pledgeTransitions: await insertRows(em, module, "PledgeTransition", transitions),
    deploymentSnapshots: await insertRows(em, module, "DeploymentSnapshot", deployments),
  };
  return { counts, hosts, context: { ...ctx, closedMissions: closed, existingDeployments } };
}
