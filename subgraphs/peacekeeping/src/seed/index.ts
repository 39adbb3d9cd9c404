import { insertMissing, seedId } from "@concert/subgraph-kit";
import type { EntityManager } from "@mikro-orm/postgresql";
import { CapabilityType } from "../entities/capability-type.js";
import { Mission } from "../entities/mission.js";
import { Pledge } from "../entities/pledge.js";
import { PledgingEvent } from "../entities/pledging-event.js";
import { DEMO_PLEDGES } from "./demo.js";
import { CAPABILITY_TYPES, MISSIONS, PLEDGING_EVENTS } from "./reference.js";

/** Missions, capability types and pledging events (public fact) and flagged demo pledges; existing records are left alone. */
export async function seedPeacekeeping(em: EntityManager): Promise<void> {
  const now = new Date();
  await insertMissing(em, Mission, MISSIONS.map((m) => ({ ...m, updatedAt: now })));
  await insertMissing(em, CapabilityType, CAPABILITY_TYPES);
  await insertMissing(em, PledgingEvent, PLEDGING_EVENTS);
  await insertMissing(
    em,
    Pledge,
    DEMO_PLEDGES.map(({ key, contributor, mission, capabilityType, event, ...p }) => ({
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
      aggregateMarking: "PARTNERS" as const,
      demo: true,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })),
  );
}
