import { compiledQueryOf, queryPlain } from "@concert/subgraph-kit/reads";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { FeedRecord } from "../analysis/changes.js";
import { TIMED_KINDS, timedMatches } from "../analysis/evaluate.js";
import { ObservedRecord } from "../entities/feed-state.js";
import { alertedKeys, rulesOfKinds } from "../loaders.js";
import { ownerViewer, type WorkerContext } from "./context.js";
import { deliveryOf } from "./evaluation.js";

const OUTSTANDING_OR_ROTATING = `(o.data->>'status' in ('PLEDGED', 'VERIFIED') or (o.data->>'status' = 'DEPLOYED' and o.data->>'rotationDue' >= ?))`;

/** Observed records (`where`) that are outstanding pledges, or deployed ones with a rotation date on or after a day. */
const CANDIDATE_PLEDGES = compiledQueryOf<string>((em, where, [today]) =>
  em
    .createQueryBuilder(ObservedRecord, "o")
    .select(["data"])
    .where(where as never)
    .getKnexQuery()
    .whereRaw(OUTSTANDING_OR_ROTATING, [today!]),
);

/** Deployed pledges with a rotation date to come, and outstanding pledges (waiting at a level, or replacing a unit). */
function candidatePledges(em: EntityManager, today: string) {
  return queryPlain(em, ObservedRecord, CANDIDATE_PLEDGES, { recordType: "PLEDGE" }, [today], undefined);
}

/** The (rule, pledge, due) timed alerts already made, as `rule|pledge|due`. */
function alertedTimed(em: EntityManager, rules: { id: string }[]): Promise<Set<string>> {
  const timed = { event: { $in: ["rotation.uncovered", "pledge.readiness_stalled"] } };
  return alertedKeys(
    em,
    timed,
    "rule",
    rules.map((r) => r.id),
    ["due"],
  );
}

/**
 * Rotations and waits at a level come due with no write to tell of them. Each round, every ROTATION_UNCOVERED and
 * READINESS_STALLED rule is evaluated over the observed pledges (`timedMatches`), for its owner as the registry has
 * it now, and alerts what it has not alerted yet for the same pledge and date (or level and date).
 */
export async function dueTimedIn(ctx: WorkerContext, em: EntityManager): Promise<string[]> {
  const rules = await rulesOfKinds(em, TIMED_KINDS);
  if (rules.length === 0) return [];
  const today = new Date().toISOString().slice(0, 10);
  const pledges = (await candidatePledges(em, today)).map((r) => r.data as FeedRecord);
  if (pledges.length === 0) return [];
  const alerted = await alertedTimed(em, rules);
  const made: string[] = [];
  for (const rule of rules) {
    const owner = await ownerViewer(ctx, rule.partner, rule.id);
    if (!owner) continue;
    for (const match of timedMatches(rule.condition, owner, pledges, today)) {
      if (alerted.has(`${rule.id}|${match.recordId}|${match.due}`)) continue;
      made.push(deliveryOf(em, rule, { ...match, data: { ...match.data, due: match.due } }));
    }
  }
  await em.flush();
  return made;
}
