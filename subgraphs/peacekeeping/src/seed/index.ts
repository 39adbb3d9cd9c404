import type { SeedOptions } from "@concert/subgraph-kit/server";
import { insertMissing, seedId } from "@concert/subgraph-kit/writes";
import type { EntityManager } from "@mikro-orm/postgresql";
import { CapabilityRequirement } from "../entities/capability-requirement.js";
import { CapabilityType } from "../entities/capability-type.js";
import { DeploymentSnapshot } from "../entities/deployment-snapshot.js";
import { GenderParityTarget } from "../entities/gender-parity-target.js";
import { Mission } from "../entities/mission.js";
import { Pledge } from "../entities/pledge.js";
import { PledgeCaveat } from "../entities/pledge-caveat.js";
import { PledgeTransition } from "../entities/pledge-transition.js";
import { PledgingEvent } from "../entities/pledging-event.js";
import { VerificationVisit } from "../entities/verification-visit.js";
import { DEMO_PLEDGES } from "./demo.js";
import { DEMO_CAVEATS, DEMO_FAILED_VISITS, DEMO_ROTATIONS, demoChecklist, demoVisitsFor } from "./demo-evidence.js";
import { DEMO_DEPLOYMENTS, DEMO_REQUIREMENTS } from "./demo-planning.js";
import { demoHistory } from "./history.js";
import { CAPABILITY_TYPES, GENDER_PARITY_TARGETS, MISSIONS, PLEDGING_EVENT_FACTS, PLEDGING_EVENTS } from "./reference.js";

const DAY = 86_400_000;

const EVENT_DATES = new Map(PLEDGING_EVENTS.map((e) => [e.code, e.date]));

/** Demo pledges are registered on their event's date (or early 2024 for those made outside an event). */
function registeredOn(event: string | null): Date {
  return new Date(`${(event && EVENT_DATES.get(event)) ?? "2024-01-15"}T12:00:00Z`);
}

/** The date (YYYY-MM-DD) `days` after a demo pledge's registration. */
function daysAfter(event: string | null, days: number): string {
  return new Date(registeredOn(event).getTime() + days * DAY).toISOString().slice(0, 10);
}

const replacedBy = new Map(
  Object.entries(DEMO_ROTATIONS).flatMap(([key, r]) => (r.replacedBy ? [[r.replacedBy, seedId("pledge", key)] as const] : [])),
);

async function seedPledges(em: EntityManager): Promise<void> {
  const pledges = DEMO_PLEDGES.map(({ key, contributor, mission, capabilityType, event, aggregateMarking, ...p }) => ({
    ...p,
    id: seedId("pledge", key),
    // The day its latest visit raised it to its level (see demo-evidence.ts), or its registration.
    readinessSince: new Date(`${daysAfter(event, Math.max(0, ...demoVisitsFor(key, p.readiness).map((v) => v.after)))}T12:00:00Z`),
    rotationDue: DEMO_ROTATIONS[key]?.rotationDue ?? null,
    replaces: (replacedBy.get(key) ?? null) as never,
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
  await seedEvidence(em);
}

async function seedEvidence(em: EntityManager): Promise<void> {
  const pledges = new Map(DEMO_PLEDGES.map((p) => [p.key, p]));
  const visits = [...DEMO_PLEDGES.flatMap((p) => demoVisitsFor(p.key, p.readiness)), ...DEMO_FAILED_VISITS].map((v) => {
    const p = pledges.get(v.pledge)!;
    const date = daysAfter(p.event, v.after);
    return {
      id: seedId("visit", v.pledge, v.kind, date),
      pledge: seedId("pledge", v.pledge) as never,
      kind: v.kind,
      date,
      ...demoChecklist(p.capabilityType, v.passed),
      remarks: v.remarks,
      originator: "UN",
      marking: "RESTRICTED" as const,
      releasableTo: [p.contributor],
      demo: true,
      version: 1,
      createdAt: new Date(`${date}T12:00:00Z`),
      updatedAt: new Date(`${date}T12:00:00Z`),
    };
  });
  await insertMissing(em, VerificationVisit, visits);
  await insertMissing(
    em,
    PledgeCaveat,
    DEMO_CAVEATS.map((c) => {
      const p = pledges.get(c.pledge)!;
      return {
        id: seedId("caveat", c.pledge, c.kind),
        pledge: seedId("pledge", c.pledge) as never,
        kind: c.kind,
        text: c.text,
        originator: p.contributor,
        marking: c.marking ?? ("RESTRICTED" as const),
        releasableTo: c.marking ? [] : ["UN"],
        demo: true,
        version: 1,
        createdAt: registeredOn(p.event),
        updatedAt: registeredOn(p.event),
      };
    }),
  );
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
  await insertMissing(
    em,
    PledgingEvent,
    PLEDGING_EVENTS.map((e) => ({
      ...e,
      statesPledged: PLEDGING_EVENT_FACTS[e.code]?.statesPledged ?? null,
      factsSource: PLEDGING_EVENT_FACTS[e.code]?.factsSource ?? null,
    })),
  );
  await insertMissing(em, GenderParityTarget, GENDER_PARITY_TARGETS);
  if (!options.demo) return;
  await seedPledges(em);
  await seedPlanning(em);
}
