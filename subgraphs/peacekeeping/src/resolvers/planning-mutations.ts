import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { Arg, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import { CapabilityRequirement } from "../entities/capability-requirement.js";
import { DeploymentSnapshot } from "../entities/deployment-snapshot.js";
import { Mission } from "../entities/mission.js";
import { DeploymentInput, DeploymentKeyInput, MissionInput, RequirementInput } from "../inputs/planning.js";
import {
  createMission,
  createRequirement,
  deleteRequirement,
  recordSnapshot,
  updateMission,
  updateRequirement,
} from "../writes/planning.js";

/** Missions, requirements and deployments are the UN's public planning record. */

@Resolver()
export class PlanningMutationResolver {
  @Mutation(() => Mission, { description: "Adds a peacekeeping operation (UN planners only)." })
  createMission(
    @Ctx() ctx: SubgraphContext,
    @Arg("acronym", () => ID, { description: "Acronym, e.g. MINUSCA: capitals, digits and hyphens." }) acronym: string,
    @Arg("input", () => MissionInput, { description: "The mission's facts." }) input: MissionInput,
  ) {
    return createMission(ctx, acronym, input);
  }

  @Mutation(() => Mission, { description: "Changes a mission's facts, e.g. its status or end date (UN planners only)." })
  updateMission(
    @Ctx() ctx: SubgraphContext,
    @Arg("acronym", () => ID, { description: "Acronym of the mission." }) acronym: string,
    @Arg("expectedVersion", () => Int, { description: "The version you read; CONFLICT when the mission changed since." })
    expectedVersion: number,
    @Arg("input", () => MissionInput, { description: "The facts to change." }) input: MissionInput,
  ) {
    return updateMission(ctx, acronym, expectedVersion, input);
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
    return createRequirement(ctx, missionCode, typeCode, input);
  }

  @Mutation(() => CapabilityRequirement, { description: "Changes a requirement (UN planners only)." })
  updateCapabilityRequirement(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "Requirement id." }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The version you read; CONFLICT when it changed since." }) expectedVersion: number,
    @Arg("input", () => RequirementInput, { description: "The fields to change." }) input: RequirementInput,
  ) {
    return updateRequirement(ctx, id, expectedVersion, input);
  }

  @Mutation(() => ID, { description: "Removes a requirement (UN planners only); returns its id." })
  deleteCapabilityRequirement(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "Requirement id." }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The version you read; CONFLICT when it changed since." }) expectedVersion: number,
  ) {
    return deleteRequirement(ctx, id, expectedVersion);
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
    return recordSnapshot(ctx, key, input, expectedVersion);
  }
}
