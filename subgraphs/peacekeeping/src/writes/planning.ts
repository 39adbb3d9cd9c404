import { CAPABILITY_REQUIREMENT, DEPLOYMENT_SNAPSHOT, MISSION } from "@concert/policy";
import { badUserInput, conflict } from "@concert/subgraph-kit/errors";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import {
  authorizeWrite,
  changeRecord,
  createRecord,
  optionalDate,
  requireCode,
  requireCount,
  requireCountry,
  requireMonth,
  type WrittenKind,
} from "@concert/subgraph-kit/writes";
import { CapabilityRequirement } from "../entities/capability-requirement.js";
import { DeploymentSnapshot } from "../entities/deployment-snapshot.js";
import { MissionStatus } from "../entities/enums.js";
import { Mission } from "../entities/mission.js";
import type { DeploymentInput, DeploymentKeyInput, MissionInput, RequirementInput } from "../inputs/planning.js";
import { requireWomen } from "./personnel.js";
import { assertOpenMission, assertReference } from "./references.js";

/** Missions, requirements and deployments are the UN's public planning record: its planners write all of it. */
const MISSIONS: WrittenKind<Mission> = { entity: Mission, declaration: MISSION, action: "mission.manage", key: "acronym" };
const REQUIREMENTS: WrittenKind<CapabilityRequirement> = {
  entity: CapabilityRequirement,
  declaration: CAPABILITY_REQUIREMENT,
  action: "mission.manage",
};
const SNAPSHOTS: WrittenKind<DeploymentSnapshot> = {
  entity: DeploymentSnapshot,
  declaration: DEPLOYMENT_SNAPSHOT,
  action: "mission.manage",
};

function applyMission(mission: Mission, input: MissionInput, creating: boolean): void {
  if (creating && !input.name?.trim()) throw badUserInput("input.name", "name is required");
  if (creating && !input.startDate) throw badUserInput("input.startDate", "startDate is required");
  if (input.name !== undefined && !input.name.trim()) throw badUserInput("input.name", "name must not be empty");
  if (input.hostCountries !== undefined || creating) {
    const codes = (input.hostCountries ?? []).map((c) => c.toUpperCase());
    if (codes.length === 0) throw badUserInput("input.hostCountries", "name at least one host country");
    for (const code of codes) requireCountry("input.hostCountries", code);
    mission.hostCountryCodes = codes;
  }
  optionalDate("input.startDate", input.startDate);
  optionalDate("input.endDate", input.endDate);
  const { hostCountries: _codes, ...facts } = input;
  Object.assign(mission, Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)));
  if (mission.endDate && mission.endDate < mission.startDate) throw badUserInput("input.endDate", "must not be before startDate");
}

function applyRequirement(requirement: CapabilityRequirement, input: RequirementInput, creating: boolean): void {
  for (const field of ["quantity", "personnel"] as const) {
    if (creating && (input[field] === undefined || input[field] === null)) throw badUserInput(`input.${field}`, `${field} is required`);
    requireCount(`input.${field}`, input[field] ?? undefined);
  }
  optionalDate("input.neededBy", input.neededBy);
  Object.assign(requirement, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
}

export function createMission(ctx: SubgraphContext, acronym: string, input: MissionInput): Promise<Mission> {
  return createRecord(ctx, MISSIONS, {
    owned: false,
    check: () => requireCode("acronym", "acronym", acronym, "mission acronym"),
    values: async (em) => {
      if (await em.findOne(Mission, { acronym })) throw conflict(`mission ${acronym} already exists`);
      return { acronym, protectionOfCivilians: false, chapterVII: false, endDate: null, status: MissionStatus.ACTIVE };
    },
    complete: (mission) => applyMission(mission, input, true),
  });
}

export function updateMission(ctx: SubgraphContext, acronym: string, expectedVersion: number, input: MissionInput): Promise<Mission> {
  return changeRecord(ctx, MISSIONS, { id: acronym.toUpperCase(), expectedVersion, audit: "update", allow: "any" }, (mission) => {
    applyMission(mission, input, false);
    return mission;
  });
}

/** What a mission requires of a capability type; one per mission and type (CONFLICT). */
export function createRequirement(
  ctx: SubgraphContext,
  missionCode: string,
  typeCode: string,
  input: RequirementInput,
): Promise<CapabilityRequirement> {
  return createRecord(ctx, REQUIREMENTS, {
    owned: false,
    values: async (em) => {
      const mission = await assertOpenMission(em, "mission", missionCode);
      const capabilityType = await assertReference(em, "capabilityType", "capabilityType", typeCode);
      if (await em.findOne(CapabilityRequirement, { mission, capabilityType })) {
        throw conflict(`${mission.acronym} already states a requirement for ${capabilityType.code}; update it instead`);
      }
      return { mission, capabilityType, neededBy: null, note: null };
    },
    complete: (requirement) => applyRequirement(requirement, input, true),
  });
}

export function updateRequirement(ctx: SubgraphContext, id: string, expectedVersion: number, input: RequirementInput) {
  return changeRecord(ctx, REQUIREMENTS, { id, expectedVersion, audit: "update", allow: "any" }, (requirement) => {
    applyRequirement(requirement, input, false);
    return requirement;
  });
}

export function deleteRequirement(ctx: SubgraphContext, id: string, expectedVersion: number): Promise<string> {
  return changeRecord(ctx, REQUIREMENTS, { id, expectedVersion, audit: "delete", allow: "any" }, (requirement, em) => {
    em.remove(requirement);
    return id;
  });
}

/**
 * What a contributor had on the ground in a mission in a month. A new snapshot takes no `expectedVersion`;
 * replacing one requires its version (CONFLICT otherwise).
 */
export async function recordSnapshot(
  ctx: SubgraphContext,
  key: DeploymentKeyInput,
  input: DeploymentInput,
  expectedVersion: number | null | undefined,
): Promise<DeploymentSnapshot> {
  authorizeWrite(ctx, "mission.manage");
  requireMonth("key.month", key.month);
  requireCode("key.contributor", "audience", key.contributor, "partner code");
  requireCount("input.units", input.units);
  requireCount("input.personnel", input.personnel);
  requireWomen("input.womenPersonnel", input.womenPersonnel, input.personnel);
  const mission = await assertReference(ctx.em, "mission", "key.mission", key.mission);
  const capabilityType = await assertReference(ctx.em, "capabilityType", "key.capabilityType", key.capabilityType);
  const where = { mission, month: key.month, contributor: key.contributor, capabilityType };
  const existing = await ctx.em.findOne(DeploymentSnapshot, where);
  const replacing = expectedVersion !== undefined && expectedVersion !== null;
  if (existing) {
    if (!replacing) throw conflict("a snapshot for this key exists; pass its version as expectedVersion to replace it");
    return changeRecord(ctx, SNAPSHOTS, { id: existing.id, expectedVersion, audit: "update", allow: "any" }, (snapshot) =>
      Object.assign(snapshot, input),
    );
  }
  if (replacing) throw conflict("no snapshot for this key exists any more", { field: "expectedVersion" });
  // a snapshot recorded meanwhile by someone else breaks the key's uniqueness: CONFLICT
  return createRecord(ctx, SNAPSHOTS, { owned: false, values: () => ({ ...where, ...input }) });
}
