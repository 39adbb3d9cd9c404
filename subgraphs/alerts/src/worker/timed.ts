import type { EntityManager } from "@mikro-orm/postgresql";
import type { FeedRecord } from "../analysis/changes.js";
import { TIMED_KINDS, timedMatches } from "../analysis/evaluate.js";
import { AlertRule } from "../entities/alert-rule.js";
import { ownerViewer, type WorkerContext } from "./context.js";
import { deliveryOf } from "./evaluation.js";

/** Deployed pledges with a rotation date to come, and outstanding pledges (waiting at a level, or replacing a unit). */
function candidatePledges(em: EntityManager, today: string) {
  return em.getConnection().execute<{ data: FeedRecord }[]>(
    `select data from observed_record
      where record_type = 'PLEDGE' and (data->>'status' in ('PLEDGED', 'VERIFIED') or (data->>'status' = 'DEPLOYED' and data->>'rotationDue' >= ?))`,
    [today],
  );
}

/** The (rule, pledge, due) timed alerts already made, as `rule|pledge|due`. */
async function alertedTimed(em: EntityManager, rules: AlertRule[]): Promise<Set<string>> {
  const rows = await em.getConnection().execute<{ rule: string; record_id: string; due: string }[]>(
    `select rule, record_id, payload->>'due' as due from alert_delivery
      where event in ('rotation.uncovered', 'pledge.readiness_stalled') and rule in (${rules.map(() => "?").join(", ")})`,
    rules.map((r) => r.id),
  );
  return new Set(rows.map((d) => `${d.rule}|${d.record_id}|${d.due}`));
}

/**
 * Rotations and waits at a level come due with no write to tell of them. Each round, every ROTATION_UNCOVERED and
 * READINESS_STALLED rule is evaluated over the observed pledges (`timedMatches`), for its owner as the registry has
 * it now, and alerts what it has not alerted yet for the same pledge and date (or level and date).
 */
export async function dueTimedIn(ctx: WorkerContext, em: EntityManager): Promise<string[]> {
  const rules = await em.find(AlertRule, { kind: { $in: [...TIMED_KINDS] } });
  if (rules.length === 0) return [];
  const today = new Date().toISOString().slice(0, 10);
  const pledges = (await candidatePledges(em, today)).map((r) => r.data);
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
