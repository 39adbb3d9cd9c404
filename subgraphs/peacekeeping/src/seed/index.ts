import { insertMissing, type SeedOptions, seedId } from "@concert/subgraph-kit";
import type { EntityManager } from "@mikro-orm/postgresql";
import { CapabilityRequirement } from "../entities/capability-requirement.js";
import { CapabilityType } from "../entities/capability-type.js";
import { DeploymentSnapshot } from "../entities/deployment-snapshot.js";
import { Mission } from "../entities/mission.js";
import { Pledge } from "../entities/pledge.js";
import { PledgeTransition } from "../entities/pledge-transition.js";
import { PledgingEvent } from "../entities/pledging-event.js";
import { DEMO_PLEDGES } from "./demo.js";
import { DEMO_DEPLOYMENTS, DEMO_REQUIREMENTS } from "./demo-planning.js";
import { demoHistory } from "./history.js";
import { CAPABILITY_TYPES, MISSIONS, PLEDGING_EVENTS } from "./reference.js";

const EVENT_DATES = new Map(PLEDGING_EVENTS.map((e) => [e.code, e.date]));

/** Demo pledges are registered on their event's date (or early 2024 for those made outside an event). */
function registeredOn(event: string | null): Date {
  return new Date(`${(event && EVENT_DATES.get(event)) ?? "2024-01-15"}T12:00:00Z`);
}

async function seedPledges(em: EntityManager): Promise<void> {
  const pledges = DEMO_PLEDGES.map(({ key, contributor, mission, capabilityType, event, aggregateMarking, ...p }) => ({
    ...p,
    id: seedId("pledge", key),
    originator: contributor,
    mission: mission as never,
    capabilityType: capabilityType as never,
    event: event as never,
    marking: "RESTRICTED" as const,
    releasableTo: ["UN"],
    unitDetailsMarking: "RESTRICTED" as const,
    unitDetailsReleasableTo: ["UN"],
    aggregateMarking: aggregateMarking ?? ("PARTNERS" as const),
    demo: true,
    version: 1,
    createdAt: registeredOn(event),
    updatedAt: registeredOn(event),
  }));
  await insertMissing(em, Pledge, pledges);
  // Transitions have serial ids: add a history only to pledges that have none yet.
  const withHistory = new Set(
    (await em.find(PledgeTransition, { pledge: { $in: pledges.map((p) => p.id) } }, { fields: ["pledge"] })).map((t) => t.pledge.id),
  );
  const steps = DEMO_PLEDGES.flatMap((p) => {
    const id = seedId("pledge", p.key);
    if (withHistory.has(id)) return [];
    return demoHistory(p.status, registeredOn(p.event)).map((step) => ({
      ...step,
      pledge: id as never,
      byPartner: p.contributor,
      note: null,
    }));
  });
  if (steps.length > 0) await em.insertMany(PledgeTransition, steps);
}

async function seedPlanning(em: EntityManager): Promise<void> {
  const now = new Date();
  await insertMissing(
    em,
    CapabilityRequirement,
    DEMO_REQUIREMENTS.flatMap(({ mission, neededBy, rows }) =>
      rows.map(([capabilityType, quantity, personnel]) => ({
        id: seedId("requirement", mission, capabilityType),
        mission: mission as never,
        capabilityType: capabilityType as never,
        quantity,
        personnel,
        neededBy,
        note: "[DEMO] Invented requirement for demonstration",
        demo: true,
        version: 1,
        updatedAt: now,
      })),
    ),
  );
  await insertMissing(
    em,
    DeploymentSnapshot,
    DEMO_DEPLOYMENTS.flatMap(({ mission, month, rows }) =>
      rows.map(([contributor, capabilityType, units, personnel, womenPersonnel]) => ({
        id: seedId("deployment", mission, month, contributor, capabilityType),
        mission: mission as never,
        month,
        contributor,
        capabilityType: capabilityType as never,
        units,
        personnel,
        womenPersonnel,
        demo: true,
        version: 1,
        updatedAt: now,
      })),
    ),
  );
}

/** Missions, capability types and pledging events (public fact) and, when asked, flagged demo data; existing records are left alone. */
export async function seedPeacekeeping(em: EntityManager, options: SeedOptions): Promise<void> {
  const now = new Date();
  await insertMissing(
    em,
    Mission,
    MISSIONS.map((m) => ({ ...m, version: 1, updatedAt: now })),
  );
  await insertMissing(em, CapabilityType, CAPABILITY_TYPES);
  await insertMissing(em, PledgingEvent, PLEDGING_EVENTS);
  if (!options.demo) return;
  await seedPledges(em);
  await seedPlanning(em);
}
