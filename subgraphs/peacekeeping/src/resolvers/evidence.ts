import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Resolver, Root } from "type-graphql";
import { CHECKLIST_AREAS, ChecklistAreaEnum, ChecklistOutcome } from "../entities/enums.js";
import { Pledge } from "../entities/pledge.js";
import { PledgeCaveat } from "../entities/pledge-caveat.js";
import { VerificationVisit } from "../entities/verification-visit.js";
import { CaveatInput, RecordMarkingInput, VisitInput } from "../inputs/evidence.js";
import { caveatsByPledgeLoader, pledgeLoader, visitsByPledgeLoader } from "../loaders.js";
import { declareCaveat, recordVisit, visitPassed, withdrawCaveat } from "../writes/evidence.js";

@ObjectType({ simpleResolvers: true, description: "The outcome of one area of a verification visit's checklist." })
export class ChecklistItem {
  @Field(() => ChecklistAreaEnum, { description: "The area." })
  area!: ChecklistAreaEnum;

  @Field(() => ChecklistOutcome, { description: "Its outcome." })
  outcome!: ChecklistOutcome;
}

@Resolver(() => VerificationVisit)
export class VerificationVisitResolver {
  @FieldResolver(() => Pledge, { nullable: true, description: "The pledge visited." })
  pledge(@Root() v: VerificationVisit, @Ctx() ctx: SubgraphContext) {
    return pledgeLoader(ctx).load(v.pledge.id);
  }

  @FieldResolver(() => [ChecklistItem], { description: "The outcome of every checklist area, in the UN's order." })
  checklist(@Root() v: VerificationVisit): ChecklistItem[] {
    return CHECKLIST_AREAS.map((area) => ({ area: area as ChecklistAreaEnum, outcome: v[area] }));
  }

  @FieldResolver(() => Boolean, { description: "True when no area is NOT_MET and at least one was assessed." })
  passed(@Root() v: VerificationVisit): boolean {
    return visitPassed(v);
  }

  @Mutation(() => VerificationVisit, {
    description:
      "Records a verification visit to a pledge you may read (UN planners only). Its marking always reaches the pledge's contributor: " +
      "RESTRICTED (to the contributor) by default, RESTRICTED adds the contributor, and ORIGINATOR is refused.",
  })
  recordVerificationVisit(
    @Ctx() ctx: SubgraphContext,
    @Arg("pledge", () => ID, { description: "The pledge visited." }) pledgeId: string,
    @Arg("input", () => VisitInput, { description: "The visit." }) input: VisitInput,
    @Arg("marking", () => RecordMarkingInput, { nullable: true, description: "How the visit is shared." }) marking?: RecordMarkingInput,
  ) {
    return recordVisit(ctx, pledgeId, input, marking);
  }
}

@Resolver(() => PledgeCaveat)
export class PledgeCaveatResolver {
  @FieldResolver(() => Pledge, { nullable: true, description: "The pledge the caveat limits." })
  pledge(@Root() c: PledgeCaveat, @Ctx() ctx: SubgraphContext) {
    return pledgeLoader(ctx).load(c.pledge.id);
  }

  @Mutation(() => PledgeCaveat, {
    description: "Declares a national caveat on the caller's own pledge. Its marking is the pledge's by default and may only be stricter.",
  })
  declarePledgeCaveat(
    @Ctx() ctx: SubgraphContext,
    @Arg("pledge", () => ID, { description: "The caller's own pledge." }) pledgeId: string,
    @Arg("input", () => CaveatInput, { description: "The caveat." }) input: CaveatInput,
    @Arg("marking", () => RecordMarkingInput, { nullable: true, description: "How the caveat is shared; the pledge's marking by default." })
    marking?: RecordMarkingInput,
  ) {
    return declareCaveat(ctx, pledgeId, input, marking);
  }

  @Mutation(() => ID, { description: "Withdraws a caveat from the caller's own pledge; returns its id." })
  withdrawPledgeCaveat(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "The caveat." }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The version you read; CONFLICT when the caveat changed since." })
    expectedVersion: number,
  ) {
    return withdrawCaveat(ctx, id, expectedVersion);
  }
}

@Resolver(() => Pledge)
export class PledgeEvidenceResolver {
  @FieldResolver(() => [VerificationVisit], {
    description: "The verification visits to this pledge that you may read, oldest first (its contributor reads them all).",
  })
  visits(@Root() p: Pledge, @Ctx() ctx: SubgraphContext) {
    return visitsByPledgeLoader(ctx).load(p.id);
  }

  @FieldResolver(() => [PledgeCaveat], {
    description: "The national caveats declared on this pledge that you may read (a caveat may be marked more strictly than its pledge).",
  })
  caveats(@Root() p: Pledge, @Ctx() ctx: SubgraphContext) {
    return caveatsByPledgeLoader(ctx).load(p.id);
  }
}
