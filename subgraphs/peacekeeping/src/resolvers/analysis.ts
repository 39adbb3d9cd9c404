import { findPlain } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { eventDeliveryLoader, pipelineCells } from "../analysis/loaders.js";
import { pledgeTotals } from "../analysis/totals.js";
import { CapabilityGap, EventDelivery, PipelineCell } from "../analysis/types.js";
import { CapabilityType } from "../entities/capability-type.js";
import { PledgingEvent } from "../entities/pledging-event.js";
import { PledgeFilter } from "../inputs/pledge.js";
import { capabilityTypeOf, eventLoader } from "../loaders.js";
import { pledgeWhere } from "./pledge.js";

@Resolver()
export class PipelineResolver {
  @Query(() => [PipelineCell], {
    nullable: true,
    description:
      "The readiness pipeline: pledges matching the filter that you may aggregate (detail readable or aggregate marking reaching you), " +
      "per readiness level and status, lowest level first; empty cells are left out.",
  })
  async readinessPipeline(@Ctx() ctx: SubgraphContext, @Args() filter: PledgeFilter) {
    return pipelineCells(await pledgeTotals(ctx, pledgeWhere(filter), ["readiness", "status"]));
  }
}

@Resolver(() => PledgingEvent)
export class PledgingEventResolver {
  @Query(() => [PledgingEvent], { nullable: true, description: "Pledging summits and ministerials, oldest first." })
  pledgingEvents(@Ctx() ctx: SubgraphContext) {
    return findPlain(ctx.em, PledgingEvent, {}, { orderBy: { date: "ASC" } });
  }

  @Query(() => PledgingEvent, { nullable: true, description: "One pledging event by code." })
  pledgingEvent(@Ctx() ctx: SubgraphContext, @Arg("code", () => ID, { description: "Code, e.g. BERLIN_2025." }) code: string) {
    return eventLoader(ctx).load(code.toUpperCase());
  }

  @FieldResolver(() => EventDelivery, {
    description:
      "How many of the event's pledges (that you may aggregate) were delivered, i.e. reached DEPLOYED. The pledges themselves: `pledges(event:)`.",
  })
  delivery(@Root() event: PledgingEvent, @Ctx() ctx: SubgraphContext) {
    return eventDeliveryLoader(ctx).load(event.code);
  }
}

@Resolver(() => CapabilityGap)
export class CapabilityGapResolver {
  @FieldResolver(() => CapabilityType, { description: "The capability type." })
  capabilityType(@Root() gap: CapabilityGap, @Ctx() ctx: SubgraphContext) {
    return capabilityTypeOf(ctx, gap.capabilityTypeCode);
  }
}
