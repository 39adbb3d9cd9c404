import { Connection, PageArgs, paginate, updatedSinceWhere } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { requireMonth } from "@concert/subgraph-kit/writes";
import type { FilterQuery } from "@mikro-orm/core";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import { CapabilityType } from "../entities/capability-type.js";
import { DeploymentSnapshot } from "../entities/deployment-snapshot.js";
import { Partner } from "../entities/federated.js";
import { Mission } from "../entities/mission.js";
import { capabilityTypeOf, missionOf } from "../loaders.js";

const DeploymentSnapshotConnection = Connection(DeploymentSnapshot, "DeploymentSnapshot", "deployment snapshots");

@Resolver(() => DeploymentSnapshot)
export class DeploymentSnapshotResolver {
  @Query(() => DeploymentSnapshotConnection, { nullable: true, description: "Deployment snapshots, most recent month first." })
  deploymentSnapshots(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg("mission", () => ID, { nullable: true, description: "Only this mission (acronym)." }) mission?: string,
    @Arg("contributor", () => ID, { nullable: true, description: "Only this contributor (partner code)." }) contributor?: string,
    @Arg("capabilityType", () => ID, { nullable: true, description: "Only this capability type (code)." }) capabilityType?: string,
    @Arg("month", () => String, { nullable: true, description: "Only this month (YYYY-MM)." }) month?: string,
    @Arg("updatedSince", () => Date, { nullable: true, description: "Only snapshots changed at or after this time." }) updatedSince?: Date,
  ) {
    if (month) requireMonth("month", month);
    const where: Record<string, unknown> = {};
    if (mission) where.mission = mission.toUpperCase();
    if (contributor) where.contributor = contributor;
    if (capabilityType) where.capabilityType = capabilityType;
    if (month) where.month = month;
    Object.assign(where, updatedSinceWhere(updatedSince));
    return paginate<DeploymentSnapshot>(ctx.em, DeploymentSnapshot, where as FilterQuery<DeploymentSnapshot>, page, [
      ["month", "DESC"],
      ["id", "ASC"],
    ]);
  }

  @FieldResolver(() => Mission, { description: "The mission deployed to." })
  mission(@Root() d: DeploymentSnapshot, @Ctx() ctx: SubgraphContext, @Info() info: GraphQLResolveInfo) {
    return missionOf(ctx, d.mission.acronym, info);
  }

  @FieldResolver(() => CapabilityType, { description: "The capability type deployed." })
  capabilityType(@Root() d: DeploymentSnapshot, @Ctx() ctx: SubgraphContext) {
    return capabilityTypeOf(ctx, d.capabilityType.code);
  }

  @FieldResolver(() => Partner, { description: "The contributing partner." })
  contributor(@Root() d: DeploymentSnapshot): Partner {
    return { code: d.contributor };
  }
}
