import { today, type DirectoryEntry } from "@concert/subgraph-kit";
import type { EntityManager } from "@mikro-orm/postgresql";
import { ForumMembership } from "../entities/forum-membership.js";
import { Partner } from "../entities/partner.js";

/** Partners taking part today, by code. */
export function activePartners(em: EntityManager): Promise<Partner[]> {
  const now = today();
  return em.find(Partner, { activeFrom: { $lte: now }, $or: [{ activeTo: null }, { activeTo: { $gte: now } }] }, { orderBy: { code: "ASC" } });
}

/** The registry as the access policy needs it: kind and current groups of each active partner. */
export async function directoryEntries(em: EntityManager): Promise<DirectoryEntry[]> {
  const now = today();
  const [partners, memberships] = await Promise.all([
    activePartners(em),
    em.find(ForumMembership, { since: { $lte: now }, $or: [{ until: null }, { until: { $gte: now } }] }),
  ]);
  return partners.map((p) => ({
    code: p.code,
    kind: p.kind,
    groups: memberships.filter((m) => m.partner.code === p.code).map((m) => m.forum.code),
  }));
}
