import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, type DirectorySnapshot, revocationCutoff } from "@concert/auth";
import { findPlain, type PlainRow } from "@concert/subgraph-kit/reads";
import { today } from "@concert/subgraph-kit/writes";
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

/**
 * The revocations that can still refuse a token. Those that cannot (older than the longest token lifetime allowed) are
 * deleted here, with every refresh of the registry copy, so the table holds at most one lifetime's revocations.
 */
async function revocationsInForce(em: EntityManager, maxTokenLifetimeSeconds: number): Promise<PlainRow<TokenRevocation>[]> {
  const cutoff = new Date(revocationCutoff(Date.now(), maxTokenLifetimeSeconds));
  const all = await findPlain(em, TokenRevocation, {});
  const expired = all.filter((r) => r.revokedAt < cutoff);
  // The cutoff is checked again: a revocation renewed meanwhile (revokeSubject moves revokedAt) is kept.
  if (expired.length > 0) await em.nativeDelete(TokenRevocation, { id: { $in: expired.map((r) => r.id) }, revokedAt: { $lt: cutoff } });
  return all.filter((r) => r.revokedAt >= cutoff);
}

/** The registry as the access policy needs it: kind and current groups of each active partner, and revocations in force. */
export async function directorySnapshot(
  em: EntityManager,
  maxTokenLifetimeSeconds = DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
): Promise<DirectorySnapshot> {
  const now = today();
  const [partners, forums, memberships, revocations] = await Promise.all([
    activePartners(em),
    findPlain(em, Forum, {}),
    findPlain(em, ForumMembership, { since: { $lte: now }, $or: [{ until: null }, { until: { $gte: now } }] }),
    revocationsInForce(em, maxTokenLifetimeSeconds),
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
