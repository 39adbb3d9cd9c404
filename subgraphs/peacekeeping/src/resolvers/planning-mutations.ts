import { CAPABILITY_REQUIREMENT, DEPLOYMENT_SNAPSHOT, MISSION } from "@concert/policy";
import {
  authorizeWrite,
  conflict,
  expectVersion,
  recordToChange,
  requireCode,
  requireCount,
  requireMonth,
  type SubgraphContext,
  transaction,
} from "@concert/subgraph-kit";
import { Arg, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import { CapabilityRequirement } from "../entities/capability-requirement.js";
import { DeploymentSnapshot } from "../entities/deployment-snapshot.js";
import { MissionStatus } from "../entities/enums.js";
import { Mission } from "../entities/mission.js";
import { DeploymentInput, DeploymentKeyInput, MissionInput, RequirementInput } from "../inputs/planning.js";
import { requireWomen } from "../writes/personnel.js";
import { applyMission, applyRequirement } from "../writes/planning.js";
import { assertOpenMission, assertReference } from "../writes/references.js";

/** Missions, requirements and deployments are the UN's public planning record. */

@Resolver()
export class PlanningMutationResolver {
  @Mutation(() => Mission, { description: "Adds a peacekeeping operation (UN planners only)." })
  createMission(
    @Ctx() ctx: SubgraphContext,
    @Arg("acronym", () => ID, { description: "Acronym, e.g. MINUSCA: capitals, digits and hyphens." }) acronym: string,
    @Arg("input", () => MissionInput, { description: "The mission's facts." }) input: MissionInput,
  ) {
    authorizeWrite(ctx, "mission.manage");
    requireCode("acronym", "acronym", acronym, "mission acronym");
    return transaction(ctx, async (em) => {
      if (await em.findOne(Mission, { acronym })) throw conflict(`mission ${acronym} already exists`);
      const mission = Object.assign(new Mission(), {
        acronym,
        protectionOfCivilians: false,
        chapterVII: false,
        endDate: null,
        status: MissionStatus.ACTIVE,
      });
      applyMission(mission, input, true);
      em.persist(mission);
      ctx.audit.write(em, "Mission", { id: acronym, ...MISSION.own({}) }, "create");
      return mission;
    });
  }

  @Mutation(() => Mission, { description: "Changes a mission's facts, e.g. its status or end date (UN planners only)." })
  updateMission(
    @Ctx() ctx: SubgraphContext,
    @Arg("acronym", () => ID, { description: "Acronym of the mission." }) acronym: string,
    @Arg("expectedVersion", () => Int, { description: "The version you read; CONFLICT when the mission changed since." })
    expectedVersion: number,
    @Arg("input", () => MissionInput, { description: "The facts to change." }) input: MissionInput,
  ) {
    authorizeWrite(ctx, "mission.manage");
    return transaction(ctx, async (em) => {
      const mission = await recordToChange(ctx, em, Mission, {
        type: "Mission",
        key: "acronym",
        id: acronym.toUpperCase(),
        expectedVersion,
      });
      applyMission(mission, input, false);
      ctx.audit.write(em, "Mission", { id: mission.acronym, ...MISSION.own({}) }, "update");
      return mission;
    });
  }

  @Mutation(() => CapabilityRequirement, {
    description: "States what a mission requires of a capability type (UN planners only); one per mission and type.",
  })
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
      ctx.audit.write(em, "CapabilityRequirement", { id: requirement.id, ...CAPABILITY_REQUIREMENT.own({}) }, "create");
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
      const requirement = await recordToChange(ctx, em, CapabilityRequirement, { type: "CapabilityRequirement", id, expectedVersion });
      applyRequirement(requirement, input, false);
      ctx.audit.write(em, "CapabilityRequirement", { id, ...CAPABILITY_REQUIREMENT.own({}) }, "update");
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
      em.remove(await recordToChange(ctx, em, CapabilityRequirement, { type: "CapabilityRequirement", id, expectedVersion }));
      ctx.audit.write(em, "CapabilityRequirement", { id, ...CAPABILITY_REQUIREMENT.own({}) }, "delete");
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
    @Arg("expectedVersion", () => Int, { nullable: true, description: "The version of the snapshot you replace." })
    expectedVersion?: number,
  ) {
    authorizeWrite(ctx, "mission.manage");
    requireMonth("key.month", key.month);
    requireCode("key.contributor", "audience", key.contributor, "partner code");
    requireCount("input.units", input.units);
    requireCount("input.personnel", input.personnel);
    requireWomen("input.womenPersonnel", input.womenPersonnel, input.personnel);
    return transaction(ctx, async (em) => {
      const mission = await assertReference(em, "mission", "key.mission", key.mission);
      const capabilityType = await assertReference(em, "capabilityType", "key.capabilityType", key.capabilityType);
      const where = { mission, month: key.month, contributor: key.contributor, capabilityType };
      let snapshot = await em.findOne(DeploymentSnapshot, where);
      if (snapshot) {
        if (expectedVersion === undefined || expectedVersion === null)
          throw conflict("a snapshot for this key exists; pass its version as expectedVersion to replace it");
        expectVersion(snapshot, expectedVersion, `DeploymentSnapshot ${snapshot.id}`);
      } else {
        if (expectedVersion !== undefined && expectedVersion !== null)
          throw conflict("no snapshot for this key exists any more", { field: "expectedVersion" });
        snapshot = em.create(DeploymentSnapshot, { ...where, units: 0, personnel: 0, womenPersonnel: 0 } as never);
      }
      Object.assign(snapshot, input);
      ctx.audit.write(em, "DeploymentSnapshot", { id: snapshot.id, ...DEPLOYMENT_SNAPSHOT.own({}) }, expectedVersion ? "update" : "create");
      return snapshot;
    });
  }
}
