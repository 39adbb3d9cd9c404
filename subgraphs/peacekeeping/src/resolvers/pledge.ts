import { readableWhere } from "@concert/policy";
import { Connection, PageArgs, paginate, sensitivePart, served, type SubgraphContext } from "@concert/subgraph-kit";
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { CapabilityType } from "../entities/capability-type.js";
import { Partner } from "../entities/federated.js";
import { Mission } from "../entities/mission.js";
import { Pledge } from "../entities/pledge.js";
import { PledgingEvent } from "../entities/pledging-event.js";
import { capabilityTypeLoader, eventLoader, missionLoader, pledgeLoader } from "../loaders.js";

const PledgeConnection = Connection(Pledge, "Pledge", "pledges");

@Resolver(() => Pledge)
export class PledgeResolver {
  @Query(() => Pledge, { nullable: true, description: "One pledge by id; null when it does not exist or you may not see it." })
  pledge(@Ctx() ctx: SubgraphContext, @Arg("id", () => ID, { description: "Pledge id." }) id: string) {
    return pledgeLoader(ctx).load(id);
  }

  @Query(() => PledgeConnection, { description: "Pledges you may see in detail, newest first." })
  async pledges(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg("updatedSince", () => Date, { nullable: true, description: "Only pledges changed at or after this time." }) updatedSince?: Date,
  ) {
    const where = { $and: [readableWhere(ctx.viewer), updatedSince ? { updatedAt: { $gte: updatedSince } } : {}] };
    const result = await paginate<Pledge>(ctx.em, Pledge, where, page, [["createdAt", "DESC"], ["id", "ASC"]]);
    served(ctx, "Pledge", result.nodes);
    return result;
  }

  @Query(() => [CapabilityType], { description: "Kinds of units and personnel, by code." })
  capabilityTypes(@Ctx() ctx: SubgraphContext) {
    return ctx.em.find(CapabilityType, {}, { orderBy: { code: "ASC" } });
  }

  @Query(() => [PledgingEvent], { description: "Pledging summits and ministerials, oldest first." })
  pledgingEvents(@Ctx() ctx: SubgraphContext) {
    return ctx.em.find(PledgingEvent, {}, { orderBy: { date: "ASC" } });
  }

  @FieldResolver(() => Partner, { description: "The contributing partner." })
  contributor(@Root() p: Pledge): Partner {
    return { code: p.originator };
  }

  @FieldResolver(() => Mission, { nullable: true, description: "The mission pledged to; null for a general pledge." })
  mission(@Root() p: Pledge, @Ctx() ctx: SubgraphContext) {
    return p.mission ? missionLoader(ctx).load(p.mission.acronym) : null;
  }

  @FieldResolver(() => CapabilityType, { description: "What kind of unit or personnel is pledged." })
  capabilityType(@Root() p: Pledge, @Ctx() ctx: SubgraphContext) {
    return capabilityTypeLoader(ctx).load(p.capabilityType.code);
  }

  @FieldResolver(() => PledgingEvent, { nullable: true, description: "The event at which the pledge was made." })
  event(@Root() p: Pledge, @Ctx() ctx: SubgraphContext) {
    return p.event ? eventLoader(ctx).load(p.event.code) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: "Unit designation, equipment and location; restricted by `unitDetailsMarking`." })
  unitDetails(@Root() p: Pledge, @Ctx() ctx: SubgraphContext) {
    return sensitivePart(ctx, "Pledge", p, { name: "unitDetails", marking: p.unitDetailsMarking, releasableTo: p.unitDetailsReleasableTo }, p.unitDetails);
  }
}
