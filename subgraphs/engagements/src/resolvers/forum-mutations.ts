import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { Arg, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import { ForumMembership, MembershipRole } from "../entities/forum-membership.js";
import { addForumMember, endForumMembership } from "../writes/forum-membership.js";

/** Forum memberships, kept by the coordinators of a forum's co-chairs and the operator's admins (writes/forum-membership.ts). */
@Resolver()
export class ForumMembershipMutations {
  @Mutation(() => ForumMembership, {
    description:
      "Adds a partner to a forum (a coordinator of one of its co-chairs, or the operator's admin). From `since`, material RESTRICTED to the forum reaches the new member.",
  })
  addForumMember(
    @Ctx() ctx: SubgraphContext,
    @Arg("forum", () => ID, { description: "Forum code, e.g. SLF." }) forum: string,
    @Arg("partner", () => ID, { description: "Code of the partner joining." }) partner: string,
    @Arg("role", () => MembershipRole, { defaultValue: MembershipRole.MEMBER, description: "Its standing in the forum." })
    role: MembershipRole,
    @Arg("since", () => String, { nullable: true, description: "Date (YYYY-MM-DD) the membership begins; today when left out." }) since?:
      | string
      | null,
  ) {
    return addForumMember(ctx, forum, partner, role, since);
  }

  @Mutation(() => ForumMembership, {
    description:
      "Ends a forum membership (same keepers as `addForumMember`): after `until`, material RESTRICTED to the forum no longer reaches that partner.",
  })
  endForumMembership(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "Membership id (see `Forum.memberships`)." }) id: string,
    @Arg("until", () => String, {
      nullable: true,
      description:
        "Last day (YYYY-MM-DD) of the membership; when left out it ends at once (yesterday, or, for one that began today or later, the day before it began).",
    })
    until?: string | null,
    @Arg("expectedVersion", () => Int, {
      nullable: true,
      description:
        "The membership's `version` as you read it: when it has changed since (another keeper ended it), CONFLICT and nothing changes. Left out, the membership is ended whatever its version.",
    })
    expectedVersion?: number | null,
  ) {
    return endForumMembership(ctx, id, until, expectedVersion);
  }
}
