import { Connection, PageArgs, paginate, updatedSinceWhere } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import type { FilterQuery } from "@mikro-orm/core";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import { CapabilityRequirement } from "../entities/capability-requirement.js";
import { CapabilityType } from "../entities/capability-type.js";
import { Mission } from "../entities/mission.js";
import { capabilityTypeOf, missionOf } from "../loaders.js";

const CapabilityRequirementConnection = Connection(CapabilityRequirement, "CapabilityRequirement", "capability requirements");

@Resolver(() => CapabilityRequirement)
export class CapabilityRequirementResolver {
  @Query(() => CapabilityRequirementConnection, {
    nullable: true,
    description: "Every mission's capability requirements, in a stable order: for mirroring them (`updatedSince`).",
  })
  capabilityRequirements(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg("mission", () => ID, { nullable: true, description: "Only this mission (acronym)." }) mission?: string,
    @Arg("updatedSince", () => Date, { nullable: true, description: "Only requirements changed at or after this time." })
    updatedSince?: Date,
  ) {
    const where = { ...(mission ? { mission: mission.toUpperCase() } : {}), ...updatedSinceWhere(updatedSince) };
    return paginate<CapabilityRequirement>(ctx.em, CapabilityRequirement, where as FilterQuery<CapabilityRequirement>, page, [
      ["id", "ASC"],
    ]);
  }

  @FieldResolver(() => Mission, { description: "The mission that requires it." })
  mission(@Root() r: CapabilityRequirement, @Ctx() ctx: SubgraphContext, @Info() info: GraphQLResolveInfo) {
    return missionOf(ctx, r.mission.acronym, info);
  }

  @FieldResolver(() => CapabilityType, { description: "The capability type required." })
  capabilityType(@Root() r: CapabilityRequirement, @Ctx() ctx: SubgraphContext) {
    return capabilityTypeOf(ctx, r.capabilityType.code);
  }
}
