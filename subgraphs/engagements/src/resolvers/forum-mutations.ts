import { authorizeWrite, badUserInput, forbidden, notFound, requireDate, today, transaction, yesterday, type SubgraphContext } from "@concert/subgraph-kit";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { ForumMembership, MembershipRole } from "../entities/forum-membership.js";
import { current, forumMembersLoader } from "../loaders.js";
import { knownForum, knownPartners } from "../inputs/validation.js";

/** A membership's audit entries belong to the member. */
function audit(ctx: SubgraphContext, em: EntityManager, m: ForumMembership, action: string): void {
  ctx.audit.write(em, "ForumMembership", { id: m.id, originator: m.partner.code, marking: "PUBLIC" }, action);
}

/**
 * A forum's memberships are kept by coordinators of its current co-chairs or, in a forum without
 * co-chairs, of its current members: membership decides who reads material RESTRICTED to the forum.
 */
async function assertKeeper(ctx: SubgraphContext, forum: string): Promise<void> {
  authorizeWrite(ctx, "forum.manage");
  const members = (await forumMembersLoader(ctx).load(forum)).filter((m) => current(m));
  const chairs = members.filter((m) => m.role === MembershipRole.CO_CHAIR);
  const keepers = (chairs.length > 0 ? chairs : members).map((m) => m.partner.code);
  if (!keepers.includes(ctx.viewer.partner!)) {
    throw forbidden(`only coordinators of the ${chairs.length > 0 ? "co-chairs" : "members"} of ${forum} manage its memberships`);
  }
}

@Resolver()
export class ForumMembershipMutations {
  @Mutation(() => ForumMembership, {
    description:
      "Adds a partner to a forum (role coordinator, for a co-chair of the forum or, where it has none, a member). From `since`, material RESTRICTED to the forum reaches the new member.",
  })
  async addForumMember(
    @Ctx() ctx: SubgraphContext,
    @Arg("forum", () => ID, { description: "Forum code, e.g. SLF." }) forum: string,
    @Arg("partner", () => ID, { description: "Code of the partner joining." }) partner: string,
    @Arg("role", () => MembershipRole, { defaultValue: MembershipRole.MEMBER, description: "Its standing in the forum." }) role: MembershipRole,
    @Arg("since", () => String, { nullable: true, description: "Date (YYYY-MM-DD) the membership begins; today when left out." }) since?: string | null,
  ) {
    const forumCode = await knownForum(ctx, "forum", forum);
    await assertKeeper(ctx, forumCode);
    const [partnerCode] = await knownPartners(ctx, "partner", [partner]);
    const start = since ? requireDate("since", since) : today();
    if ((await forumMembersLoader(ctx).load(forumCode)).some((m) => m.partner.code === partnerCode && (m.until === null || m.until >= start))) {
      throw badUserInput("partner", `${partnerCode} is already a member of ${forumCode} on ${start}`);
    }
    return transaction(ctx, async (em) => {
      const membership = em.create(ForumMembership, { forum: forumCode, partner: partnerCode!, role, since: start, until: null } as never);
      await em.flush();
      audit(ctx, em, membership, "create");
      return membership;
    });
  }

  @Mutation(() => ForumMembership, {
    description: "Ends a forum membership (same keepers as `addForumMember`): after `until`, material RESTRICTED to the forum no longer reaches that partner.",
  })
  async endForumMembership(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "Membership id (see `Forum.memberships`)." }) id: string,
    @Arg("until", () => String, { nullable: true, description: "Last day (YYYY-MM-DD) of the membership; yesterday when left out, so that it ends at once." })
    until?: string | null,
  ) {
    const last = until ? requireDate("until", until) : yesterday();
    const membership = /^\d{1,9}$/.test(id) ? await ctx.em.findOne(ForumMembership, { id: Number(id) }) : null;
    if (!membership) throw notFound(`ForumMembership ${id}`);
    await assertKeeper(ctx, membership.forum.code);
    if (last < membership.since) throw badUserInput("until", `must not be before the membership began (${membership.since})`);
    return transaction(ctx, async (em) => {
      const m = await em.findOneOrFail(ForumMembership, { id: membership.id });
      m.until = last;
      audit(ctx, em, m, "end");
      return m;
    });
  }
}
