import { findPlain, updatedSinceWhere } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { requireMonth } from "@concert/subgraph-kit/writes";
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { gapsLoader, missionPipelineLoader } from "../analysis/loaders.js";
import { CapabilityGap, PipelineCell } from "../analysis/types.js";
import { CapabilityRequirement } from "../entities/capability-requirement.js";
import { DeploymentSnapshot } from "../entities/deployment-snapshot.js";
import { MissionStatus, Readiness } from "../entities/enums.js";
import { Country } from "../entities/federated.js";
import { Mission } from "../entities/mission.js";
import { latestMonthLoader, missionLoader, requirementsByMissionLoader, snapshotsLoader } from "../loaders.js";

@Resolver(() => Mission)
export class MissionResolver {
  @Query(() => [Mission], { nullable: true, description: "UN peacekeeping operations, current and recently closed, by acronym." })
  missions(
    @Ctx() ctx: SubgraphContext,
    @Arg("status", () => MissionStatus, { nullable: true, description: "Only missions with this status." }) status?: MissionStatus,
    @Arg("updatedSince", () => Date, { nullable: true, description: "Only missions whose record changed at or after this time." })
    updatedSince?: Date,
  ) {
    return findPlain(
      ctx.em,
      Mission,
      { ...(status ? { status } : {}), ...updatedSinceWhere(updatedSince) },
      { orderBy: { acronym: "ASC" } },
    );
  }

  @Query(() => Mission, { nullable: true, description: "One mission by acronym." })
  mission(@Ctx() ctx: SubgraphContext, @Arg("acronym", () => ID, { description: "Acronym, e.g. MINUSCA." }) acronym: string) {
    return missionLoader(ctx).load(acronym.toUpperCase());
  }

  @FieldResolver(() => [Country], { description: "Countries or territories hosting the mission." })
  hostCountries(@Root() mission: Mission): Country[] {
    return mission.hostCountryCodes.map((code) => ({ code }));
  }

  @FieldResolver(() => [CapabilityRequirement], { description: "What the mission requires, per capability type." })
  requirements(@Root() mission: Mission, @Ctx() ctx: SubgraphContext) {
    return requirementsByMissionLoader(ctx).load(mission.acronym);
  }

  @FieldResolver(() => [CapabilityGap], {
    description:
      "The gap per capability type (every type the mission requires, has deployed or has pledges for), biggest first: " +
      "required − deployed (latest deployment snapshot month) − pledged (PLEDGED or VERIFIED pledges at or above `minimumReadiness` " +
      "that you may aggregate). No pledge's detail is exposed.",
  })
  gaps(
    @Root() mission: Mission,
    @Ctx() ctx: SubgraphContext,
    @Arg("minimumReadiness", () => Readiness, {
      defaultValue: Readiness.LEVEL_1,
      description: "Count only pledges at this readiness level or above.",
    })
    minimumReadiness: Readiness,
  ) {
    return gapsLoader(ctx, minimumReadiness).load(mission.acronym);
  }

  @FieldResolver(() => [PipelineCell], {
    description: "Pledges to the mission you may aggregate, per readiness level and status (empty cells left out), lowest level first.",
  })
  readinessPipeline(@Root() mission: Mission, @Ctx() ctx: SubgraphContext) {
    return missionPipelineLoader(ctx).load(mission.acronym);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "The latest month (YYYY-MM) with a deployment snapshot; null when none was recorded.",
  })
  latestDeploymentMonth(@Root() mission: Mission, @Ctx() ctx: SubgraphContext) {
    return latestMonthLoader(ctx).load(mission.acronym);
  }

  @FieldResolver(() => [DeploymentSnapshot], {
    description: "What each contributor had on the ground in one month, largest contingents first.",
  })
  async deployments(
    @Root() mission: Mission,
    @Ctx() ctx: SubgraphContext,
    @Arg("month", () => String, { nullable: true, description: "Month (YYYY-MM); the latest snapshot month by default." }) month?: string,
  ) {
    if (month) requireMonth("month", month);
    const chosen = month ?? (await latestMonthLoader(ctx).load(mission.acronym));
    return chosen ? snapshotsLoader(ctx).load(`${mission.acronym}|${chosen}`) : [];
  }
}
