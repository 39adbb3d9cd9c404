import { isAtLeastAsStrict, PLEDGE, PLEDGE_CAVEAT, visitMarking } from "@concert/policy";
import {
  authorizeWrite,
  badUserInput,
  expectVersion,
  isUuid,
  notFound,
  type SubgraphContext,
  transaction,
  validateMarking,
} from "@concert/subgraph-kit";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Resolver, Root } from "type-graphql";
import { CHECKLIST_AREAS, ChecklistAreaEnum, ChecklistOutcome } from "../entities/enums.js";
import { Pledge } from "../entities/pledge.js";
import { PledgeCaveat } from "../entities/pledge-caveat.js";
import { VerificationVisit } from "../entities/verification-visit.js";
import { CaveatInput, RecordMarkingInput, VisitInput } from "../inputs/evidence.js";
import { caveatsByPledgeLoader, pledgeLoader, visitsByPledgeLoader } from "../loaders.js";
import { applyVisit, boundedText, visitPassed } from "../writes/evidence.js";

@ObjectType({ simpleResolvers: true, description: "The outcome of one area of a verification visit's checklist." })
export class ChecklistItem {
  @Field(() => ChecklistAreaEnum, { description: "The area." })
  area!: ChecklistAreaEnum;

  @Field(() => ChecklistOutcome, { description: "Its outcome." })
  outcome!: ChecklistOutcome;
}

/** A pledge the caller may read, loaded in the write's transaction; NOT_FOUND like a missing one otherwise. */
async function readablePledge(ctx: SubgraphContext, em: EntityManager, id: string): Promise<Pledge> {
  const pledge = isUuid(id) ? await em.findOne(Pledge, { id }) : null;
  if (!pledge || !PLEDGE.canRead(ctx.viewer, pledge)) throw notFound(`Pledge ${id}`);
  return pledge;
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
    authorizeWrite(ctx, "visit.record");
    return transaction(ctx, async (em) => {
      const pledge = await readablePledge(ctx, em, pledgeId);
      const shared = visitMarking(
        marking ? { marking: marking.marking, releasableTo: marking.releasableTo ?? [] } : undefined,
        pledge.originator,
      );
      if (!shared) throw badUserInput("marking.marking", "a visit must reach the pledge's contributor: ORIGINATOR is not allowed");
      validateMarking("marking", shared.marking, shared.releasableTo);
      const visit = Object.assign(new VerificationVisit(), { pledge, originator: ctx.viewer.partner!, ...shared });
      applyVisit(visit, input);
      em.persist(visit);
      ctx.audit.write(em, "VerificationVisit", visit, "create");
      return visit;
    });
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
    authorizeWrite(ctx, "pledge.write");
    return transaction(ctx, async (em) => {
      const pledge = await readablePledge(ctx, em, pledgeId);
      authorizeWrite(ctx, "pledge.write", pledge.originator);
      const shared = marking
        ? { marking: marking.marking, releasableTo: marking.releasableTo ?? [] }
        : { marking: pledge.marking, releasableTo: [...pledge.releasableTo] };
      validateMarking("marking", shared.marking, shared.releasableTo);
      if (!isAtLeastAsStrict(shared, pledge)) {
        throw badUserInput("marking.marking", `must be at least as strict as the pledge's marking ${pledge.marking}`);
      }
      const caveat = Object.assign(new PledgeCaveat(), {
        pledge,
        originator: pledge.originator,
        ...shared,
        kind: input.kind,
        text: boundedText("input.text", input.text, 2000),
      });
      em.persist(caveat);
      ctx.audit.write(em, "PledgeCaveat", caveat, "create");
      return caveat;
    });
  }

  @Mutation(() => ID, { description: "Withdraws a caveat from the caller's own pledge; returns its id." })
  withdrawPledgeCaveat(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "The caveat." }) id: string,
    @Arg("expectedVersion", () => Int, { description: "The version you read; CONFLICT when the caveat changed since." })
    expectedVersion: number,
  ) {
    authorizeWrite(ctx, "pledge.write");
    return transaction(ctx, async (em) => {
      const caveat = isUuid(id) ? await em.findOne(PledgeCaveat, { id }, { populate: ["pledge"] }) : null;
      if (!caveat || !PLEDGE_CAVEAT.canRead(ctx.viewer, caveat)) throw notFound(`PledgeCaveat ${id}`);
      authorizeWrite(ctx, "pledge.write", caveat.originator);
      expectVersion(caveat, expectedVersion, `PledgeCaveat ${id}`);
      em.remove(caveat);
      ctx.audit.write(em, "PledgeCaveat", caveat, "delete");
      return id;
    });
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
