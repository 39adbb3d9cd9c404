import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { contributionsLoader } from "../analysis/loaders.js";
import { PeacekeepingContributions } from "../analysis/types.js";
import { Country, Partner } from "../entities/federated.js";
import { Mission } from "../entities/mission.js";
import { Pledge } from "../entities/pledge.js";
import { missionsByHostLoader, pledgesByContributorLoader } from "../loaders.js";

const CONTRIBUTIONS =
  "Peacekeeping contributions: totals of the pledges you may aggregate, per status, and what is on the ground in each mission's latest snapshot month.";

// Every field here is nullable: it is fetched apart from the country or partner, and when this subgraph is down it is null
// instead of nulling its parent (docs/integrators.md, "Partial results"; test/edge/partial.test.ts checks the rule).
@Resolver(() => Country)
export class CountryPeacekeepingResolver {
  @FieldResolver(() => [Mission], { nullable: true, description: "UN peacekeeping operations this country hosts or hosted, oldest first." })
  missions(@Root() country: Country, @Ctx() ctx: SubgraphContext) {
    return missionsByHostLoader(ctx).load(country.code);
  }

  @FieldResolver(() => PeacekeepingContributions, {
    nullable: true,
    description: `${CONTRIBUTIONS} The contributor is the country's government (same code).`,
  })
  peacekeepingContributions(@Root() country: Country, @Ctx() ctx: SubgraphContext) {
    return contributionsLoader(ctx).load(country.code);
  }
}

@Resolver(() => Partner)
export class PartnerPeacekeepingResolver {
  @FieldResolver(() => [Pledge], { nullable: true, description: "Pledges this partner made that you may see in detail, newest first." })
  pledges(@Root() partner: Partner, @Ctx() ctx: SubgraphContext) {
    return pledgesByContributorLoader(ctx).load(partner.code);
  }

  @FieldResolver(() => PeacekeepingContributions, { nullable: true, description: CONTRIBUTIONS })
  peacekeepingContributions(@Root() partner: Partner, @Ctx() ctx: SubgraphContext) {
    return contributionsLoader(ctx).load(partner.code);
  }
}
