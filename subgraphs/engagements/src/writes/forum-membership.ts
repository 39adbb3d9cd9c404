import { decideForumMembershipChange, endedAtOnce, FORUM_MEMBERSHIP } from "@concert/policy";
import { enforce } from "@concert/subgraph-kit/access";
import { badUserInput, notFound } from "@concert/subgraph-kit/errors";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { type AuditedKind, auditWrite, expectVersion, newSavedRecord, requireDate, today, transaction } from "@concert/subgraph-kit/writes";
import type { EntityManager } from "@mikro-orm/postgresql";
import { ForumMembership, MembershipRole } from "../entities/forum-membership.js";
import { Partner } from "../entities/partner.js";
import { knownForum, knownPartners } from "../inputs/validation.js";
import { current, forumMembersLoader } from "../loaders.js";

/**
 * Memberships, as audited. Not on `changeRecord`: who keeps a membership depends on the forum's co-chairs, read
 * before the transaction (`assertKeeper`); its version is checked in the transaction like `changeRecord`'s.
 */
const MEMBERSHIPS: AuditedKind<ForumMembership> = {
  entity: ForumMembership,
  declaration: FORUM_MEMBERSHIP,
};

/**
 * A membership changes its partner's entry too (`groups`): its `updatedAt` moves, so a mirror polling
 * `partners(updatedSince:)` sees it, and so does its `version` (MikroORM increments it on any update).
 */
async function touchPartner(em: EntityManager, code: string): Promise<void> {
  await em.nativeUpdate(Partner, { code }, { updatedAt: new Date() });
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

export async function addForumMember(
  ctx: SubgraphContext,
  forum: string,
  partner: string,
  role: MembershipRole,
  since?: string | null,
): Promise<ForumMembership> {
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
    await touchPartner(em, partnerCode!);
    if (!withdrawn)
      return newSavedRecord(ctx, em, MEMBERSHIPS, { forum: forumCode, partner: partnerCode!, role, since: start, until: null });
    Object.assign(withdrawn, { role, until: null });
    auditWrite(ctx, em, MEMBERSHIPS, withdrawn, "create");
    return withdrawn;
  });
}

/** Ends a membership on `until` (at once without one); with `expectedVersion`, only at the version the caller read. */
export async function endForumMembership(
  ctx: SubgraphContext,
  id: string,
  until?: string | null,
  expectedVersion?: number | null,
): Promise<ForumMembership> {
  const membership = /^\d{1,9}$/.test(id) ? await ctx.em.findOne(ForumMembership, { id: Number(id) }) : null;
  if (!membership) throw notFound(`ForumMembership ${id}`);
  await assertKeeper(ctx, membership.forum.code);
  const last = until ? requireDate("until", until) : endedAtOnce(membership.since, today());
  if (until && last < membership.since) throw badUserInput("until", `must not be before the membership began (${membership.since})`);
  return transaction(ctx, async (em) => {
    const m = await em.findOneOrFail(ForumMembership, { id: membership.id });
    if (expectedVersion !== undefined && expectedVersion !== null) expectVersion(m, expectedVersion, `ForumMembership ${id}`);
    m.until = last;
    auditWrite(ctx, em, MEMBERSHIPS, m, "end");
    await touchPartner(em, m.partner.code);
    return m;
  });
}
