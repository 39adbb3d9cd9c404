import { PLEDGE } from "@concert/policy";
import { sensitivePart } from "@concert/subgraph-kit/access";
import { Connection, PageArgs, readablePage, updatedSinceWhere } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { optionalDate, today } from "@concert/subgraph-kit/writes";
import type { FilterQuery } from "@mikro-orm/core";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";

import { CapabilityType } from "../entities/capability-type.js";
import { OUTSTANDING_STATUSES, Readiness, readinessAtOrAbove } from "../entities/enums.js";
import { Partner } from "../entities/federated.js";
import { Mission } from "../entities/mission.js";
import { PLEDGES_DATA_VERSION, Pledge } from "../entities/pledge.js";
import { PledgeTransition } from "../entities/pledge-transition.js";
import { PledgingEvent } from "../entities/pledging-event.js";
import { PledgeFilter } from "../inputs/pledge.js";
import { CAPABILITY_TYPES, capabilityTypeOf, eventLoader, missionOf, pledgeLoader, transitionsByPledgeLoader } from "../loaders.js";

export const PledgeConnection = Connection(Pledge, "Pledge", "pledges");

type Order = [keyof Pledge & string, "ASC" | "DESC"][];
const NEWEST_FIRST: Order = [
  ["createdAt", "DESC"],
  ["id", "ASC"],
];

/** The filter's conditions, as one database filter. */
export function pledgeWhere(f: Partial<PledgeFilter>): FilterQuery<Pledge> {
  const conditions: Record<string, unknown>[] = [];
  if (f.mission) conditions.push({ mission: f.mission.toUpperCase() });
  if (f.general !== undefined && f.general !== null) conditions.push({ mission: f.general ? null : { $ne: null } });
  if (f.capabilityType) conditions.push({ capabilityType: f.capabilityType });
  if (f.contributor) conditions.push({ originator: f.contributor });
  if (f.readiness) conditions.push({ readiness: f.readiness });
  if (f.minimumReadiness) conditions.push({ readiness: { $in: readinessAtOrAbove(f.minimumReadiness) } });
  if (f.status) conditions.push({ status: { $in: f.status } });
  if (f.event) conditions.push({ event: f.event });
  conditions.push(updatedSinceWhere(f.updatedSince));
  return { $and: conditions } as FilterQuery<Pledge>;
}

@Resolver(() => Pledge)
export class PledgeResolver {
  @Query(() => Pledge, { nullable: true, description: "One pledge by id; null when it does not exist or you may not see it." })
  pledge(@Ctx() ctx: SubgraphContext, @Arg("id", () => ID, { description: "Pledge id." }) id: string) {
    return pledgeLoader(ctx).load(id);
  }

  @Query(() => PledgeConnection, {
    nullable: true,
    description: "Pledges you may see in detail, newest first; `totalCount` counts only those.",
  })
  pledges(@Ctx() ctx: SubgraphContext, @Args() page: PageArgs, @Args() filter: PledgeFilter, @Info() info: GraphQLResolveInfo) {
    return readablePage(ctx, PLEDGE, Pledge, pledgeWhere(filter), page, NEWEST_FIRST, {
      info,
      plain: true,
      keptUntil: PLEDGES_DATA_VERSION,
    });
  }

  @Query(() => PledgeConnection, {
    nullable: true,
    description: "Pledges you may see in detail that are PLEDGED or VERIFIED and whose renewal date has passed, most overdue first.",
  })
  overdueRenewals(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Args() filter: PledgeFilter,
    @Info() info: GraphQLResolveInfo,
    @Arg("asOf", () => String, { nullable: true, description: "Date (YYYY-MM-DD) to judge by; today by default." }) asOf?: string,
  ) {
    optionalDate("asOf", asOf);
    const where = { $and: [pledgeWhere(filter), { status: { $in: [...OUTSTANDING_STATUSES] }, renewalDue: { $lt: asOf ?? today() } }] };
    const order: Order = [
      ["renewalDue", "ASC"],
      ["id", "ASC"],
    ];
    return readablePage(ctx, PLEDGE, Pledge, where, page, order, { info, plain: true, keptUntil: PLEDGES_DATA_VERSION });
  }

  @Query(() => PledgeConnection, {
    nullable: true,
    description:
      "The rapid-deployment roster: pledges you may see in detail at RAPID_DEPLOYMENT readiness, PLEDGED or VERIFIED (available, not yet deployed), newest first.",
  })
  rapidDeploymentRoster(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Args() filter: PledgeFilter,
    @Info() info: GraphQLResolveInfo,
  ) {
    const where = { $and: [pledgeWhere(filter), { readiness: Readiness.RAPID_DEPLOYMENT, status: { $in: [...OUTSTANDING_STATUSES] } }] };
    return readablePage(ctx, PLEDGE, Pledge, where, page, NEWEST_FIRST, { info, plain: true, keptUntil: PLEDGES_DATA_VERSION });
  }

  @Query(() => [CapabilityType], { nullable: true, description: "Kinds of units and personnel, by code." })
  capabilityTypes(@Ctx() ctx: SubgraphContext) {
    return CAPABILITY_TYPES.all(ctx);
  }

  @FieldResolver(() => Partner, {
    description:
      "The contributing partner (in UN terms, the troop- or police-contributing country); the same as `originator`, named as peacekeeping names it.",
  })
  contributor(@Root() p: Pledge): Partner {
    return { code: p.originator };
  }

  @FieldResolver(() => Mission, { nullable: true, description: "The mission pledged to; null for a general pledge." })
  mission(@Root() p: Pledge, @Ctx() ctx: SubgraphContext, @Info() info: GraphQLResolveInfo) {
    return p.mission ? missionOf(ctx, p.mission.acronym, info) : null;
  }

  @FieldResolver(() => CapabilityType, { description: "What kind of unit or personnel is pledged." })
  capabilityType(@Root() p: Pledge, @Ctx() ctx: SubgraphContext) {
    return capabilityTypeOf(ctx, p.capabilityType.code);
  }

  @FieldResolver(() => PledgingEvent, { nullable: true, description: "The event at which the pledge was made." })
  event(@Root() p: Pledge, @Ctx() ctx: SubgraphContext) {
    return p.event ? eventLoader(ctx).load(p.event.code) : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "Unit designation, equipment and location; restricted by `unitDetailsMarking`.",
  })
  unitDetails(@Root() p: Pledge, @Ctx() ctx: SubgraphContext) {
    return sensitivePart(ctx, PLEDGE, p, "unitDetails", p.unitDetails);
  }

  @FieldResolver(() => [PledgeTransition], {
    description: "The pledge's dated steps through the pipeline, oldest first, starting with its registration.",
  })
  transitions(@Root() p: Pledge, @Ctx() ctx: SubgraphContext) {
    return transitionsByPledgeLoader(ctx).load(p.id);
  }

  @FieldResolver(() => Boolean, { description: "True when the pledge is PLEDGED or VERIFIED and its renewal date has passed." })
  renewalOverdue(@Root() p: Pledge): boolean {
    return OUTSTANDING_STATUSES.includes(p.status) && p.renewalDue !== null && p.renewalDue < today();
  }
}

@Resolver(() => PledgeTransition)
export class PledgeTransitionResolver {
  @FieldResolver(() => Partner, { description: "The partner that took the step." })
  by(@Root() t: PledgeTransition): Partner {
    return { code: t.byPartner };
  }
}
