import { decideForumMembershipChange, endedAtOnce } from "@concert/policy";
import { badUserInput, enforce, notFound, requireDate, type SubgraphContext, today, transaction } from "@concert/subgraph-kit";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { ForumMembership, MembershipRole } from "../entities/forum-membership.js";
import { Partner } from "../entities/partner.js";
import { knownForum, knownPartners } from "../inputs/validation.js";
import { current, forumMembersLoader } from "../loaders.js";

/**
 * A membership's audit entries belong to the member. Its partner's entry changed too (`groups`): its `updatedAt` moves,
 * so a mirror polling `partners(updatedSince:)` sees it, and so does its `version` (MikroORM increments it on any update).
 */
async function recordMembershipChange(ctx: SubgraphContext, em: EntityManager, m: ForumMembership, action: string): Promise<void> {
  ctx.audit.write(em, "ForumMembership", { id: m.id, originator: m.partner.code, marking: "PUBLIC" }, action);
  await em.nativeUpdate(Partner, { code: m.partner.code }, { updatedAt: new Date() });
}

/**
 * A forum's memberships are kept by coordinators of its current co-chairs and by the operator's
 * admins (policy: decideForumMembershipChange): membership decides who reads material RESTRICTED to the forum.
 */
async function assertKeeper(ctx: SubgraphContext, forum: string): Promise<void> {
  const chairs = (await forumMembersLoader(ctx).load(forum)).filter((m) => current(m) && m.role === MembershipRole.CO_CHAIR);
  enforce(
    ctx,
    decideForumMembershipChange(
      ctx.viewer,
      chairs.map((m) => m.partner.code),
    ),
  );
}

@Resolver()
export class ForumMembershipMutations {
  @Mutation(() => ForumMembership, {
    description:
      "Adds a partner to a forum (a coordinator of one of its co-chairs, or the operator's admin). From `since`, material RESTRICTED to the forum reaches the new member.",
  })
  async addForumMember(
    @Ctx() ctx: SubgraphContext,
    @Arg("forum", () => ID, { description: "Forum code, e.g. SLF." }) forum: string,
    @Arg("partner", () => ID, { description: "Code of the partner joining." }) partner: string,
    @Arg("role", () => MembershipRole, { defaultValue: MembershipRole.MEMBER, description: "Its standing in the forum." })
    role: MembershipRole,
    @Arg("since", () => String, { nullable: true, description: "Date (YYYY-MM-DD) the membership begins; today when left out." }) since?:
      | string
      | null,
  ) {
    const forumCode = await knownForum(ctx, "forum", forum);
    await assertKeeper(ctx, forumCode);
    const [partnerCode] = await knownPartners(ctx, "partner", [partner]);
    const start = since ? requireDate("since", since) : today();
    if (
      (await forumMembersLoader(ctx).load(forumCode)).some((m) => m.partner.code === partnerCode && (m.until === null || m.until >= start))
    ) {
      throw badUserInput("partner", `${partnerCode} is already a member of ${forumCode} on ${start}`);
    }
    return transaction(ctx, async (em) => {
      // A membership ended on the day it began never took effect; adding it again the same day revives it.
      const withdrawn = await em.findOne(ForumMembership, { forum: forumCode, partner: partnerCode!, since: start });
      const membership = withdrawn
        ? Object.assign(withdrawn, { role, until: null })
        : em.create(ForumMembership, { forum: forumCode, partner: partnerCode!, role, since: start, until: null } as never);
      await em.flush();
      await recordMembershipChange(ctx, em, membership, "create");
      return membership;
    });
  }

  @Mutation(() => ForumMembership, {
    description:
      "Ends a forum membership (same keepers as `addForumMember`): after `until`, material RESTRICTED to the forum no longer reaches that partner.",
  })
  async endForumMembership(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "Membership id (see `Forum.memberships`)." }) id: string,
    @Arg("until", () => String, {
      nullable: true,
      description:
        "Last day (YYYY-MM-DD) of the membership; when left out it ends at once (yesterday, or, for one that began today or later, the day before it began).",
    })
    until?: string | null,
  ) {
    const membership = /^\d{1,9}$/.test(id) ? await ctx.em.findOne(ForumMembership, { id: Number(id) }) : null;
    if (!membership) throw notFound(`ForumMembership ${id}`);
    await assertKeeper(ctx, membership.forum.code);
    const last = until ? requireDate("until", until) : endedAtOnce(membership.since, today());
    if (until && last < membership.since) throw badUserInput("until", `must not be before the membership began (${membership.since})`);
    return transaction(ctx, async (em) => {
      const m = await em.findOneOrFail(ForumMembership, { id: membership.id });
      m.until = last;
      await recordMembershipChange(ctx, em, m, "end");
      return m;
    });
  }
}
