import { pgTextArray } from "@concert/policy";
import { compiledQueryOf, queryPlain } from "@concert/subgraph-kit/reads";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { ChangeEvent, FeedRecord } from "../analysis/changes.js";
import { evaluateRule } from "../analysis/evaluate.js";
import { ObservedRecord } from "../entities/feed-state.js";
import { alertedKeys, rulesOfKinds } from "../loaders.js";
import { ownerViewer, type WorkerContext } from "./context.js";
import { deliveryOf } from "./evaluation.js";
import { observedIn } from "./observed.js";

/** How far back the renewal scan looks for dates that came while no round ran. */
const RENEWAL_LOOKBACK_DAYS = 30;

const day = (date: Date) => date.toISOString().slice(0, 10);

/** Observed records (`where`) whose renewal date lies between two dates, of some owners (an array literal). */
const DUE_PLEDGES = compiledQueryOf<string>((em, where, [from, to, owners]) =>
  em
    .createQueryBuilder(ObservedRecord, "o")
    .select(["id", "version", "data"])
    .where(where as never)
    .getKnexQuery()
    .whereRaw("o.data->>'renewalDue' between ? and ?", [from!, to!])
    .whereRaw("o.data->'originator'->>'code' = any(?::text[])", [owners!]),
);

/** The observed pledges of `owners` whose renewal date lies between `from` and `to`. */
function duePledges(em: EntityManager, owners: string[], from: string, to: string) {
  return queryPlain(em, ObservedRecord, DUE_PLEDGES, { recordType: "PLEDGE" }, [from, to, pgTextArray(owners)], undefined);
}

/** The (rule, pledge, date) renewals already alerted, as `rule|pledge|date`. */
function alertedRenewals(em: EntityManager, pledgeIds: string[]): Promise<Set<string>> {
  return alertedKeys(em, { event: "pledge.renewal_due" }, "record_id", pledgeIds, ["record", "renewalDue"]);
}

/**
 * A pledge falls due for renewal without any write to tell of it. Each round, the pledges the feeds told of whose
 * renewal date has come (on or after the day the rule was made) are evaluated, for each PLEDGE_STATUS rule of
 * their contributor that has not yet alerted that date, as if the date had just been reached. A write that made a
 * pledge due at once was alerted by the feed already, with the same date: it is not alerted twice.
 */
export async function dueRenewalsIn(ctx: WorkerContext, em: EntityManager): Promise<string[]> {
  const rules = await rulesOfKinds(em, ["PLEDGE_STATUS"]);
  if (rules.length === 0) return [];
  const owners = [...new Set(rules.map((r) => r.partner))];
  // Dates from the oldest rule's creation, and of the last RENEWAL_LOOKBACK_DAYS at most (a worker down longer misses them).
  const lookback = day(new Date(Date.now() - RENEWAL_LOOKBACK_DAYS * 86_400_000));
  const oldestRule = rules.map((r) => day(r.createdAt)).sort()[0]!;
  const from = [oldestRule, lookback].sort()[1]!; // the later of two ISO dates
  const pledges = await duePledges(em, owners, from, day(new Date()));
  if (pledges.length === 0) return [];
  const alerted = await alertedRenewals(
    em,
    pledges.map((p) => p.id),
  );
  const made: string[] = [];
  for (const rule of rules) {
    const since = day(rule.createdAt);
    for (const { id, version, data: stored } of pledges) {
      const data = stored as FeedRecord;
      const due = String(data.renewalDue);
      if ((data.originator as { code?: string } | null)?.code !== rule.partner || due < since) continue;
      if (alerted.has(`${rule.id}|${id}|${due}`)) continue;
      const owner = await ownerViewer(ctx, rule.partner, rule.id);
      if (!owner) continue;
      const event: ChangeEvent = { recordType: "PLEDGE", id, change: "UPDATED", at: new Date().toISOString(), version, record: data };
      const match = await evaluateRule(rule.condition, owner, event, { ...data, renewalDue: null }, observedIn(em));
      if (match) made.push(deliveryOf(em, rule, match));
    }
  }
  await em.flush();
  return made;
}
