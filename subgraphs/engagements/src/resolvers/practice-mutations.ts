import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { Arg, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import { Practice } from "../entities/practice.js";
import { PracticeChanges, PracticeInput } from "../inputs/practice.js";
import { SharingInput } from "../inputs/sharing.js";
import { changePracticeMarking, contributePractice, updatePractice } from "../writes/practice-values.js";

@Resolver()
export class PracticeMutations {
  @Mutation(() => Practice, {
    description: "Shares a best practice or lesson learned for your partner (role analyst, civil society included).",
  })
  contributePractice(
    @Ctx() ctx: SubgraphContext,
    @Arg("input", () => PracticeInput, { description: "The practice." }) input: PracticeInput,
  ) {
    return contributePractice(ctx, input);
  }

  @Mutation(() => Practice, {
    description: "Changes one of your partner's practices (role analyst); CONFLICT when it changed since `expectedVersion`.",
  })
  updatePractice(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "Practice id." }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The version you last read." }) expectedVersion: number,
    @Arg("changes", () => PracticeChanges, { description: "What to change." }) changes: PracticeChanges,
  ) {
    return updatePractice(ctx, id, expectedVersion, changes);
  }

  @Mutation(() => Practice, { description: "Changes who may read one of your partner's practices; only the originating partner may." })
  changePracticeMarking(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "Practice id." }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The version you last read." }) expectedVersion: number,
    @Arg("sharing", () => SharingInput, { description: "The new marking." }) sharing: SharingInput,
  ) {
    return changePracticeMarking(ctx, id, expectedVersion, sharing);
  }
}
