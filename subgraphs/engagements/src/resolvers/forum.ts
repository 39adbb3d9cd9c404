import { findPlain } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { Engagement } from "../entities/engagement.js";
import { Forum } from "../entities/forum.js";
import { ForumMembership } from "../entities/forum-membership.js";
import { Partner } from "../entities/partner.js";
import { engagementsByForumLoader, forumLoader, forumMembersLoader, partnerLoader } from "../loaders.js";

@Resolver(() => Forum)
export class ForumResolver {
  @Query(() => [Forum], { nullable: true, description: "All forums, by code." })
  forums(@Ctx() ctx: SubgraphContext) {
    return findPlain(ctx.em, Forum, {}, { orderBy: { code: "ASC" } });
  }

  @Query(() => Forum, { nullable: true, description: "One forum by its code." })
  forum(@Ctx() ctx: SubgraphContext, @Arg("code", () => ID, { description: "Forum code, e.g. SLF." }) code: string) {
    return forumLoader(ctx).load(code.toUpperCase());
  }

  @FieldResolver(() => [Engagement], { description: "Engagements held in this forum that you may see, newest first." })
  engagements(@Root() forum: Forum, @Ctx() ctx: SubgraphContext) {
    return engagementsByForumLoader(ctx).load(forum.code);
  }

  @FieldResolver(() => [ForumMembership], { description: "Memberships, past and current." })
  memberships(@Root() forum: Forum, @Ctx() ctx: SubgraphContext) {
    return forumMembersLoader(ctx).load(forum.code);
  }
}

@Resolver(() => ForumMembership)
export class ForumMembershipResolver {
  @FieldResolver(() => Forum, { description: "The forum." })
  forum(@Root() membership: ForumMembership, @Ctx() ctx: SubgraphContext) {
    return forumLoader(ctx).load(membership.forum.code);
  }

  @FieldResolver(() => Partner, { description: "The member." })
  partner(@Root() membership: ForumMembership, @Ctx() ctx: SubgraphContext) {
    return partnerLoader(ctx).load(membership.partner.code);
  }
}
