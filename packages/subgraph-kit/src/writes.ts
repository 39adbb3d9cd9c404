import { decideWrite, type WriteAction } from "@concert/policy";
import { OptimisticLockError, UniqueConstraintViolationException } from "@mikro-orm/core";
import type { RequestEntityManager, SubgraphContext } from "./context.js";
import { conflict, forbidden, unauthenticated } from "./errors.js";

/** Refuses a write the policy does not grant: anonymous callers with UNAUTHENTICATED, others with FORBIDDEN. */
export function authorizeWrite(ctx: SubgraphContext, action: WriteAction, owner?: string): void {
  const decision = decideWrite(ctx.viewer, action, owner);
  if (decision.allowed) return;
  if (ctx.viewer.partner === null) throw unauthenticated("sign in to make changes");
  throw forbidden(`not allowed: ${decision.reason}`);
}

/** Refuses a write based on a version other than the stored one, so that no one overwrites a change unseen. */
export function expectVersion(record: { version: number }, expected: number, what: string): void {
  if (record.version !== expected) {
    throw conflict(`${what} has changed since version ${expected} (now version ${record.version}); read it again and retry`, {
      field: "expectedVersion",
      currentVersion: record.version,
    });
  }
}

/**
 * Runs a write in one transaction on the request's EntityManager. A concurrent write that got
 * there first becomes a CONFLICT; nothing of the refused write is kept.
 */
export async function transaction<T>(ctx: SubgraphContext, work: (em: RequestEntityManager) => Promise<T>): Promise<T> {
  try {
    return await ctx.em.transactional(work);
  } catch (err) {
    if (err instanceof OptimisticLockError) throw conflict("the record was changed by someone else meanwhile; read it again and retry");
    if (err instanceof UniqueConstraintViolationException) throw conflict("a record with the same identity already exists");
    throw err;
  }
}
