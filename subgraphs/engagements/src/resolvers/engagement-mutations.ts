import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { Arg, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import { Engagement } from "../entities/engagement.js";
import { EngagementChanges, EngagementInput } from "../inputs/engagement.js";
import { SharingInput } from "../inputs/sharing.js";
import { changeEngagementMarking, recordEngagement, updateEngagement } from "../writes/engagement-values.js";

@Resolver()
export class EngagementMutations {
  @Mutation(() => Engagement, { description: "Records an engagement for your partner (role coordinator)." })
  recordEngagement(
    @Ctx() ctx: SubgraphContext,
    @Arg("input", () => EngagementInput, { description: "The engagement." }) input: EngagementInput,
  ) {
    return recordEngagement(ctx, input);
  }

  @Mutation(() => Engagement, {
    description: "Changes one of your partner's engagements (role coordinator); CONFLICT when it changed since `expectedVersion`.",
  })
  updateEngagement(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "Engagement id." }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The version you last read." }) expectedVersion: number,
    @Arg("changes", () => EngagementChanges, { description: "What to change." }) changes: EngagementChanges,
  ) {
    return updateEngagement(ctx, id, expectedVersion, changes);
  }

  @Mutation(() => Engagement, { description: "Changes who may read one of your partner's engagements; only the originating partner may." })
  changeEngagementMarking(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "Engagement id." }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The version you last read." }) expectedVersion: number,
    @Arg("sharing", () => SharingInput, { description: "The new marking." }) sharing: SharingInput,
  ) {
    return changeEngagementMarking(ctx, id, expectedVersion, sharing);
  }
}
