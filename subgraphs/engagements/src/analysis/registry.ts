import { type DirectorySnapshot, findPlain, type PlainRow, today } from "@concert/subgraph-kit";
import type { EntityManager } from "@mikro-orm/postgresql";
import { Forum } from "../entities/forum.js";
import { ForumMembership } from "../entities/forum-membership.js";
import { Partner } from "../entities/partner.js";
import { TokenRevocation } from "../entities/token-revocation.js";

/** Partners taking part today, by code. */
export function activePartners(em: EntityManager): Promise<PlainRow<Partner>[]> {
  const now = today();
  return findPlain(
    em,
    Partner,
    { activeFrom: { $lte: now }, $or: [{ activeTo: null }, { activeTo: { $gte: now } }] },
    { orderBy: { code: "ASC" } },
  );
}

/** The registry as the access policy needs it: kind and current groups of each active partner, and revocations. */
export async function directorySnapshot(em: EntityManager): Promise<DirectorySnapshot> {
  const now = today();
  const [partners, forums, memberships, revocations] = await Promise.all([
    activePartners(em),
    findPlain(em, Forum, {}),
    findPlain(em, ForumMembership, { since: { $lte: now }, $or: [{ until: null }, { until: { $gte: now } }] }),
    findPlain(em, TokenRevocation, {}),
  ]);
  return {
    partners: partners.map((p) => ({
      code: p.code,
      kind: p.kind,
      groups: memberships.filter((m) => m.partner.code === p.code).map((m) => m.forum.code),
    })),
    forums: forums.map((f) => f.code),
    revocations: revocations.map((r) => ({ subjectDigest: r.subjectDigest, revokedAt: r.revokedAt.toISOString() })),
  };
}
