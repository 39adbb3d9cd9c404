import { mayFollowAllChanges, PLEDGE } from "@concert/policy";
import { badUserInput } from "@concert/subgraph-kit/errors";
import { PageArgs, readablePage } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { ArgBounds, CODE_LIST, requireCode, requireDate, requireRange, today } from "@concert/subgraph-kit/writes";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import { funnelLoader } from "../analysis/funnel.js";
import { GENDER_PARITY_TARGETS, womenShareLoader } from "../analysis/parity.js";
import { ContributorWomenShare, PledgeFunnel, WomenShare } from "../analysis/types.js";
import { PledgeStatus } from "../entities/enums.js";
import { Partner } from "../entities/federated.js";
import { GenderParityTarget } from "../entities/gender-parity-target.js";
import { Pledge } from "../entities/pledge.js";
import { PledgingEvent } from "../entities/pledging-event.js";
import { pledgeLoader, replacementsLoader } from "../loaders.js";
import { PledgeConnection } from "./pledge.js";

const DAY = 86_400_000;

/** `date` (YYYY-MM-DD) plus `days`. */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** At most this many contributors per `womenShare` question. */
const MAX_CONTRIBUTORS = 200;

@Resolver(() => Pledge)
export class RotationResolver {
  @Query(() => PledgeConnection, {
    nullable: true,
    description:
      "Units of a mission due to rotate: DEPLOYED pledges you may see in detail whose `rotationDue` falls within `within` days of " +
      "`asOf` (today by default; overdue ones from `asOf` back are not included), soonest first. Each names its `replacement`, if any; " +
      "`rotationUncovered` marks a gap in time.",
  })
  upcomingRotations(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg("mission", () => ID, { description: "The mission (acronym)." }) mission: string,
    @Arg("within", () => Int, { description: "How many days ahead to look (1–730)." }) within: number,
    @Arg("asOf", () => String, { nullable: true, description: "Date (YYYY-MM-DD) to look from; today by default." }) asOf?: string,
  ) {
    requireRange("within", within, 1, 730);
    if (!Number.isInteger(within)) throw badUserInput("within", "must be a whole number of days");
    const from = asOf === undefined || asOf === null ? today() : requireDate("asOf", asOf);
    const where = {
      mission: requireCode("mission", "acronym", mission.toUpperCase(), "mission acronym"),
      status: PledgeStatus.DEPLOYED,
      rotationDue: { $gte: from, $lte: addDays(from, within) },
    };
    return readablePage(
      ctx,
      PLEDGE,
      Pledge,
      where,
      page,
      [
        ["rotationDue", "ASC"],
        ["id", "ASC"],
      ],
      { info, plain: true },
    );
  }

  @FieldResolver(() => Pledge, {
    nullable: true,
    description: "The DEPLOYED pledge this one is to replace at its rotation; null when none, or when you may not see it.",
  })
  replaces(@Root() p: Pledge, @Ctx() ctx: SubgraphContext) {
    if (!p.replaces) return null;
    // The alerts worker, which follows every change (policy: mayFollowAllChanges), gets the link itself to evaluate
    // rotation rules for each rule's owner; it reads no other field of the replaced pledge here.
    if (mayFollowAllChanges(ctx.viewer)) return { id: p.replaces.id };
    return pledgeLoader(ctx).load(p.replaces.id);
  }

  @FieldResolver(() => Pledge, {
    nullable: true,
    description:
      "For a deployed unit: the outstanding (PLEDGED or VERIFIED) pledge you may see that is to replace it, the oldest if several.",
  })
  async replacement(@Root() p: Pledge, @Ctx() ctx: SubgraphContext) {
    return (await replacementsLoader(ctx).load(p.id))[0] ?? null;
  }

  @FieldResolver(() => Boolean, {
    description:
      "True for a DEPLOYED pledge with a rotation date and no outstanding replacement pledge you may see: a gap in time from `rotationDue`.",
  })
  async rotationUncovered(@Root() p: Pledge, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    if (p.status !== PledgeStatus.DEPLOYED || p.rotationDue === null) return false;
    return (await replacementsLoader(ctx).load(p.id)).length === 0;
  }
}

@Resolver(() => PledgingEvent)
export class PledgeFunnelResolver {
  @FieldResolver(() => PledgeFunnel, {
    description:
      "From the podium to the ground: the event's pledges you may aggregate, the levels they reached, and how fast they deployed.",
  })
  funnel(@Root() event: PledgingEvent, @Ctx() ctx: SubgraphContext) {
    return funnelLoader(ctx).load(event.code);
  }
}

@Resolver(() => ContributorWomenShare)
export class WomenShareResolver {
  @Query(() => [GenderParityTarget], {
    nullable: true,
    description: "The targets of the Uniformed Gender Parity Strategy 2018–2028 for 2028, with their source (reference data).",
  })
  genderParityTargets(@Ctx() ctx: SubgraphContext) {
    return GENDER_PARITY_TARGETS.all(ctx);
  }

  @ArgBounds({ contributors: CODE_LIST })
  @Query(() => [ContributorWomenShare], {
    nullable: true,
    description:
      "Each named contributor's uniformed personnel and women per category, deployed and pledged, against the 2028 targets, in the order asked.",
  })
  womenShare(@Arg("contributors", () => [ID], { description: "Partner codes of the contributors (1–200)." }) contributors: string[]) {
    if (contributors.length === 0 || contributors.length > MAX_CONTRIBUTORS) {
      throw badUserInput("contributors", `name between 1 and ${MAX_CONTRIBUTORS} contributors`);
    }
    const codes = [...new Set(contributors.map((c) => c.toUpperCase()))];
    for (const code of codes) requireCode("contributors", "partner", code, "partner code");
    return codes.map((code) => ({ contributorCode: code }));
  }

  @FieldResolver(() => Partner, { description: "The contributor." })
  contributor(@Root() share: ContributorWomenShare): Partner {
    return { code: share.contributorCode };
  }

  @FieldResolver(() => [WomenShare], { description: "Every category, in the strategy's order." })
  categories(@Root() share: ContributorWomenShare, @Ctx() ctx: SubgraphContext) {
    return womenShareLoader(ctx).load(share.contributorCode);
  }
}

@Resolver(() => Partner)
export class PartnerWomenShareResolver {
  @FieldResolver(() => [WomenShare], {
    nullable: true,
    description:
      "Its uniformed personnel and women per category, deployed and pledged, against the Uniformed Gender Parity Strategy's 2028 targets.",
  })
  womenShare(@Root() partner: Partner, @Ctx() ctx: SubgraphContext) {
    return womenShareLoader(ctx).load(partner.code);
  }
}
