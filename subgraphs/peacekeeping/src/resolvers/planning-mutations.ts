import { isCountryCode } from "@concert/countries";
import { authorizeWrite, badUserInput, conflict, expectVersion, isUuid, notFound, transaction, type SubgraphContext } from "@concert/subgraph-kit";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Arg, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import { assertCount, assertDate, assertMonth, assertWomen } from "../domain/validation.js";
import { CapabilityRequirement } from "../entities/capability-requirement.js";
import { DeploymentSnapshot } from "../entities/deployment-snapshot.js";
import { MissionStatus } from "../entities/enums.js";
import { Mission } from "../entities/mission.js";
import { DeploymentInput, DeploymentKeyInput, MissionInput, RequirementInput } from "./planning-args.js";
import { assertOpenMission, assertReference } from "./references-check.js";

/** Missions, requirements and deployments are the UN's public planning record. */
const UN_RECORD = { originator: "UN", marking: "PUBLIC" } as const;

const ACRONYM = /^[A-Z][A-Z0-9-]{1,15}$/;
const PARTNER_CODE = /^[A-Z0-9][A-Z0-9_-]{1,31}$/;

function applyMission(mission: Mission, input: MissionInput, creating: boolean): void {
  if (creating && !input.name?.trim()) throw badUserInput("input.name", "name is required");
  if (creating && !input.startDate) throw badUserInput("input.startDate", "startDate is required");
  if (input.name !== undefined && !input.name.trim()) throw badUserInput("input.name", "name must not be empty");
  if (input.hostCountries !== undefined || creating) {
    const codes = (input.hostCountries ?? []).map((c) => c.toUpperCase());
    if (codes.length === 0) throw badUserInput("input.hostCountries", "name at least one host country");
    const unknown = codes.find((c) => !isCountryCode(c));
    if (unknown) throw badUserInput("input.hostCountries", `${unknown} is not an ISO 3166-1 alpha-3 code`);
    mission.hostCountryCodes = codes;
  }
  assertDate("input.startDate", input.startDate);
  assertDate("input.endDate", input.endDate);
  const { hostCountries: _codes, ...facts } = input;
  Object.assign(mission, Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)));
  if (mission.endDate && mission.endDate < mission.startDate) throw badUserInput("input.endDate", "must not be before startDate");
}

function applyRequirement(requirement: CapabilityRequirement, input: RequirementInput, creating: boolean): void {
  for (const field of ["quantity", "personnel"] as const) {
    if (creating && (input[field] === undefined || input[field] === null)) throw badUserInput(`input.${field}`, `${field} is required`);
    assertCount(`input.${field}`, input[field] ?? undefined);
  }
  assertDate("input.neededBy", input.neededBy);
  Object.assign(requirement, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
}

async function findForUpdate<T extends { version: number }>(em: EntityManager, entity: new () => T, id: string, expectedVersion: number, what: string) {
  const record = isUuid(id) ? await em.findOne(entity as never, { id } as never) : null;
  if (!record) throw notFound(`${what} ${id}`);
  expectVersion(record as T, expectedVersion, `${what} ${id}`);
  return record as T;
}

@Resolver()
export class PlanningMutationResolver {
  @Mutation(() => Mission, { description: "Adds a peacekeeping operation (UN planners only)." })
  createMission(
    @Ctx() ctx: SubgraphContext,
    @Arg("acronym", () => ID, { description: "Acronym, e.g. MINUSCA: capitals, digits and hyphens." }) acronym: string,
    @Arg("input", () => MissionInput, { description: "The mission's facts." }) input: MissionInput,
  ) {
    authorizeWrite(ctx, "mission.manage");
    if (!ACRONYM.test(acronym)) throw badUserInput("acronym", "2 to 16 capitals, digits or hyphens, starting with a letter");
    return transaction(ctx, async (em) => {
      if (await em.findOne(Mission, { acronym })) throw conflict(`mission ${acronym} already exists`);
      const mission = Object.assign(new Mission(), { acronym, protectionOfCivilians: false, chapterVII: false, endDate: null, status: MissionStatus.ACTIVE });
      applyMission(mission, input, true);
      em.persist(mission);
      ctx.audit.write(em, "Mission", { id: acronym, ...UN_RECORD }, "create");
      return mission;
    });
  }

  @Mutation(() => Mission, { description: "Changes a mission's facts, e.g. its status or end date (UN planners only)." })
  updateMission(
    @Ctx() ctx: SubgraphContext,
    @Arg("acronym", () => ID, { description: "Acronym of the mission." }) acronym: string,
    @Arg("expectedVersion", () => Int, { description: "The version you read; CONFLICT when the mission changed since." }) expectedVersion: number,
    @Arg("input", () => MissionInput, { description: "The facts to change." }) input: MissionInput,
  ) {
    authorizeWrite(ctx, "mission.manage");
    return transaction(ctx, async (em) => {
      const mission = await em.findOne(Mission, { acronym: acronym.toUpperCase() });
      if (!mission) throw notFound(`Mission ${acronym}`);
      expectVersion(mission, expectedVersion, `Mission ${mission.acronym}`);
      applyMission(mission, input, false);
      ctx.audit.write(em, "Mission", { id: mission.acronym, ...UN_RECORD }, "update");
      return mission;
    });
  }

  @Mutation(() => CapabilityRequirement, { description: "States what a mission requires of a capability type (UN planners only); one per mission and type." })
  createCapabilityRequirement(
    @Ctx() ctx: SubgraphContext,
    @Arg("mission", () => ID, { description: "Mission (acronym); not a closed one." }) missionCode: string,
    @Arg("capabilityType", () => ID, { description: "Capability type (code)." }) typeCode: string,
    @Arg("input", () => RequirementInput, { description: "Quantity, personnel and date needed." }) input: RequirementInput,
  ) {
    authorizeWrite(ctx, "mission.manage");
    return transaction(ctx, async (em) => {
      const mission = await assertOpenMission(em, "mission", missionCode);
      const capabilityType = await assertReference(em, "capabilityType", "capabilityType", typeCode);
      if (await em.findOne(CapabilityRequirement, { mission, capabilityType })) {
        throw conflict(`${mission.acronym} already states a requirement for ${capabilityType.code}; update it instead`);
      }
      const requirement = Object.assign(new CapabilityRequirement(), { mission, capabilityType, neededBy: null, note: null });
      applyRequirement(requirement, input, true);
      em.persist(requirement);
      ctx.audit.write(em, "CapabilityRequirement", { id: requirement.id, ...UN_RECORD }, "create");
      return requirement;
    });
  }

  @Mutation(() => CapabilityRequirement, { description: "Changes a requirement (UN planners only)." })
  updateCapabilityRequirement(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "Requirement id." }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The version you read; CONFLICT when it changed since." }) expectedVersion: number,
    @Arg("input", () => RequirementInput, { description: "The fields to change." }) input: RequirementInput,
  ) {
    authorizeWrite(ctx, "mission.manage");
    return transaction(ctx, async (em) => {
      const requirement = await findForUpdate(em, CapabilityRequirement, id, expectedVersion, "CapabilityRequirement");
      applyRequirement(requirement, input, false);
      ctx.audit.write(em, "CapabilityRequirement", { id, ...UN_RECORD }, "update");
      return requirement;
    });
  }

  @Mutation(() => ID, { description: "Removes a requirement (UN planners only); returns its id." })
  deleteCapabilityRequirement(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "Requirement id." }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The version you read; CONFLICT when it changed since." }) expectedVersion: number,
  ) {
    authorizeWrite(ctx, "mission.manage");
    return transaction(ctx, async (em) => {
      em.remove(await findForUpdate(em, CapabilityRequirement, id, expectedVersion, "CapabilityRequirement"));
      ctx.audit.write(em, "CapabilityRequirement", { id, ...UN_RECORD }, "delete");
      return id;
    });
  }

  @Mutation(() => DeploymentSnapshot, {
    description:
      "Records what a contributor had on the ground in a mission in a month (UN planners only). A new snapshot takes no " +
      "`expectedVersion`; replacing an existing one requires its version (CONFLICT otherwise). Record a month completely: " +
      "gaps and contributions read each mission's latest month only, where a contributor without a snapshot has nothing deployed.",
  })
  recordDeploymentSnapshot(
    @Ctx() ctx: SubgraphContext,
    @Arg("key", () => DeploymentKeyInput, { description: "Mission, month, contributor and capability type." }) key: DeploymentKeyInput,
    @Arg("input", () => DeploymentInput, { description: "Units and personnel on the ground." }) input: DeploymentInput,
    @Arg("expectedVersion", () => Int, { nullable: true, description: "The version of the snapshot you replace." }) expectedVersion?: number,
  ) {
    authorizeWrite(ctx, "mission.manage");
    assertMonth("key.month", key.month);
    if (!PARTNER_CODE.test(key.contributor)) throw badUserInput("key.contributor", `${key.contributor} is not a partner code`);
    assertCount("input.units", input.units);
    assertCount("input.personnel", input.personnel);
    assertWomen("input.womenPersonnel", input.womenPersonnel, input.personnel);
    return transaction(ctx, async (em) => {
      const mission = await assertReference(em, "mission", "key.mission", key.mission);
      const capabilityType = await assertReference(em, "capabilityType", "key.capabilityType", key.capabilityType);
      const where = { mission, month: key.month, contributor: key.contributor, capabilityType };
      let snapshot = await em.findOne(DeploymentSnapshot, where);
      if (snapshot) {
        if (expectedVersion === undefined || expectedVersion === null) throw conflict("a snapshot for this key exists; pass its version as expectedVersion to replace it");
        expectVersion(snapshot, expectedVersion, `DeploymentSnapshot ${snapshot.id}`);
      } else {
        if (expectedVersion !== undefined && expectedVersion !== null) throw conflict("no snapshot for this key exists any more", { field: "expectedVersion" });
        snapshot = em.create(DeploymentSnapshot, { ...where, units: 0, personnel: 0, womenPersonnel: 0 } as never);
      }
      Object.assign(snapshot, input);
      ctx.audit.write(em, "DeploymentSnapshot", { id: snapshot.id, ...UN_RECORD }, expectedVersion ? "update" : "create");
      return snapshot;
    });
  }
}
