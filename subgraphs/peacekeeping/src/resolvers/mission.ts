import type { SubgraphContext } from "@concert/subgraph-kit";
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { MissionStatus } from "../entities/enums.js";
import { Country } from "../entities/federated.js";
import { Mission } from "../entities/mission.js";
import { missionLoader } from "../loaders.js";

@Resolver(() => Mission)
export class MissionResolver {
  @Query(() => [Mission], { description: "UN peacekeeping operations, current and recently closed, by acronym." })
  missions(
    @Ctx() ctx: SubgraphContext,
    @Arg("status", () => MissionStatus, { nullable: true, description: "Only missions with this status." }) status?: MissionStatus,
  ) {
    return ctx.em.find(Mission, status ? { status } : {}, { orderBy: { acronym: "ASC" } });
  }

  @Query(() => Mission, { nullable: true, description: "One mission by acronym." })
  mission(@Ctx() ctx: SubgraphContext, @Arg("acronym", () => ID, { description: "Acronym, e.g. MINUSCA." }) acronym: string) {
    return missionLoader(ctx).load(acronym.toUpperCase());
  }

  @FieldResolver(() => [Country], { description: "Countries or territories hosting the mission." })
  hostCountries(@Root() mission: Mission): Country[] {
    return mission.hostCountryCodes.map((code) => ({ code }));
  }
}
