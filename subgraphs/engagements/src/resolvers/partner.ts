import type { PartnerKind } from "@concert/policy";
import { PartnerKindEnum } from "@concert/subgraph-kit/access";
import { findPlain, updatedSince } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { activePartners } from "../analysis/registry.js";
import { Country } from "../entities/country.js";
import { Engagement } from "../entities/engagement.js";
import { ForumMembership } from "../entities/forum-membership.js";
import { Partner } from "../entities/partner.js";
import { Practice } from "../entities/practice.js";
import { countryLoader, engagementsByPartnerLoader, membershipsLoader, partnerLoader, practicesByPartnerLoader } from "../loaders.js";

@Resolver(() => Partner)
export class PartnerResolver {
  @Query(() => Partner, { nullable: true, description: "One partner by its code." })
  partner(@Ctx() ctx: SubgraphContext, @Arg("code", () => ID, { description: "Partner code, e.g. USA, UN, GCR2P." }) code: string) {
    return partnerLoader(ctx).load(code.toUpperCase());
  }

  @Query(() => [Partner], {
    nullable: true,
    description: "The partner registry, by code: active partners unless `includeInactive` is set.",
  })
  async partners(
    @Ctx() ctx: SubgraphContext,
    @Arg("kind", () => PartnerKindEnum, { nullable: true, description: "Only partners of this kind." }) kind?: PartnerKind,
    @Arg("includeInactive", { defaultValue: false, description: "Also list partners that no longer take part." }) includeInactive?: boolean,
    @Arg("updatedSince", () => Date, { nullable: true, description: "Only partners whose registry entry changed at or after this time." })
    updatedSinceArg?: Date,
  ) {
    const since = updatedSince(updatedSinceArg);
    const partners = includeInactive ? await findPlain(ctx.em, Partner, {}, { orderBy: { code: "ASC" } }) : await activePartners(ctx.em);
    return partners.filter((p) => (!kind || p.kind === kind) && (!since || p.updatedAt >= since));
  }

  @FieldResolver(() => Country, { nullable: true, description: "The partner's country, for governments." })
  country(@Root() partner: Partner, @Ctx() ctx: SubgraphContext) {
    return partner.countryCode ? countryLoader(ctx).load(partner.countryCode) : null;
  }

  @FieldResolver(() => [ForumMembership], { nullable: true, description: "The partner's current forum memberships." })
  memberships(@Root() partner: Partner, @Ctx() ctx: SubgraphContext) {
    return membershipsLoader(ctx).load(partner.code);
  }

  @FieldResolver(() => [String], {
    nullable: true,
    description: "Codes of the groups (forums) the partner currently belongs to; RESTRICTED markings can name them.",
  })
  async groups(@Root() partner: Partner, @Ctx() ctx: SubgraphContext) {
    return (await membershipsLoader(ctx).load(partner.code)).map((m) => m.forum.code);
  }

  @FieldResolver(() => [Engagement], {
    nullable: true,
    description: "Engagements this partner took part in or recorded that you may see, newest first.",
  })
  engagements(@Root() partner: Partner, @Ctx() ctx: SubgraphContext) {
    return engagementsByPartnerLoader(ctx).load(partner.code);
  }

  @FieldResolver(() => [Practice], {
    nullable: true,
    description: "Practices this partner shared that you may see, most recently updated first.",
  })
  practices(@Root() partner: Partner, @Ctx() ctx: SubgraphContext) {
    return practicesByPartnerLoader(ctx).load(partner.code);
  }
}
