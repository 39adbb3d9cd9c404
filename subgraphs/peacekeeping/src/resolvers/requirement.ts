import type { SubgraphContext } from "@concert/subgraph-kit";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { CapabilityRequirement } from "../entities/capability-requirement.js";
import { CapabilityType } from "../entities/capability-type.js";
import { Mission } from "../entities/mission.js";
import { capabilityTypeLoader, missionLoader } from "../loaders.js";

@Resolver(() => CapabilityRequirement)
export class CapabilityRequirementResolver {
  @FieldResolver(() => Mission, { description: "The mission that requires it." })
  mission(@Root() r: CapabilityRequirement, @Ctx() ctx: SubgraphContext) {
    return missionLoader(ctx).load(r.mission.acronym);
  }

  @FieldResolver(() => CapabilityType, { description: "The capability type required." })
  capabilityType(@Root() r: CapabilityRequirement, @Ctx() ctx: SubgraphContext) {
    return capabilityTypeLoader(ctx).load(r.capabilityType.code);
  }
}
