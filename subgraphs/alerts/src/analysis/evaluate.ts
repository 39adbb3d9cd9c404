import { markedType, type Viewer } from "@concert/policy";
import type { AlertCondition } from "../entities/alert-rule.js";
import { ALERT_LEVELS } from "../entities/enums.js";
import type { ChangeEvent, FeedRecord } from "./changes.js";

/** What a rule's evaluation may look up in the worker's store of observed records (after the change is applied). */
export interface Observed {
  get(recordType: string, id: string): Promise<FeedRecord | null>;
  /** Records of a type sharing a key: a country's assessments, a mission's requirements or pledges for a capability. */
  byKey(recordType: string, key: string): Promise<FeedRecord[]>;
}

/** What a rule matched: the event type and the body's `data`, holding only what the owner may read. */
export interface Match {
  event: string;
  recordType: string;
  recordId: string;
  data: Record<string, unknown>;
}

const code = (value: unknown): string | null => ((value as { code?: string } | null)?.code ?? null) as string | null;

/**
 * Whether an alert about `record` may go to `owner`: its type's declaration decides (`mayAlert`: the owner reads it
 * now, and it is no draft); a type nobody declared is denied. A record's parent, where its type declares one, is
 * read from the record's selection (the parent field with its marking).
 */
export function readableBy(owner: Viewer, record: FeedRecord | null): boolean {
  if (!record) return false;
  return markedType(record.__typename)?.mayAlert(owner, record) ?? false;
}

/** A published assessment, as rules about levels and divergence compare them (a superseded one no longer counts). */
const published = (record: FeedRecord) => record.status === "PUBLISHED";

/** The key a record is grouped by in the store (see `Observed.byKey`). */
export function observedKey(record: FeedRecord): string | null {
  switch (record.__typename) {
    case "RiskAssessment":
      return code(record.country);
    case "Forecast":
      return (record.question as { id?: string } | null)?.id ?? null;
    case "Pledge":
    case "CapabilityRequirement": {
      const mission = (record.mission as { acronym?: string } | null)?.acronym;
      return mission ? `${mission}/${code(record.capabilityType)}` : null;
    }
    default:
      return null;
  }
}

/** What an alert carries of a record: the selected fields, the union's `__typename` renamed `type`, partner and country objects flattened to codes. */
export function alertData(record: FeedRecord): Record<string, unknown> {
  const data: Record<string, unknown> = { type: record.__typename };
  for (const [field, value] of Object.entries(record)) {
    if (field === "__typename") continue;
    if (Array.isArray(value))
      data[field] = value.map((v) =>
        typeof v === "object" && v !== null ? (code(v) ?? code((v as { country?: unknown }).country) ?? v) : v,
      );
    else if (typeof value === "object" && value !== null) data[field] = code(value) ?? (value as { acronym?: string }).acronym ?? value;
    else data[field] = value;
  }
  return data;
}

const levelOf = (owner: Viewer, record: FeedRecord | null): number | null =>
  record && published(record) && readableBy(owner, record) ? ALERT_LEVELS.indexOf(record.likelihood as never) : null;

/** "UP" when `after` reaches `threshold` from below (or from nothing), "DOWN" when it falls below it, null otherwise. */
function crossing(before: number | null, after: number | null, threshold: number): "UP" | "DOWN" | null {
  if (after !== null && after >= threshold && (before === null || before < threshold)) return "UP";
  if (after !== null && before !== null && before >= threshold && after < threshold) return "DOWN";
  return null;
}

async function watchedCountry(owner: Viewer, condition: AlertCondition, country: string, observed: Observed): Promise<boolean> {
  if (condition.countries?.includes(country)) return true;
  if (!condition.watchlist) return false;
  const watchlist = await observed.get("WATCHLIST", condition.watchlist);
  if (!watchlist || !readableBy(owner, watchlist)) return false;
  return ((watchlist.entries as { country: unknown }[]) ?? []).some((e) => code(e.country) === country);
}

/** Each partner's latest published assessment of a country that `owner` may read, as likelihood levels. */
function spread(owner: Viewer, assessments: FeedRecord[]): number {
  const latest = new Map<string, FeedRecord>();
  for (const a of assessments) {
    if (!published(a) || !readableBy(owner, a)) continue;
    const by = code(a.originator) ?? "";
    const known = latest.get(by);
    if (!known || String(a.periodEnd) > String(known.periodEnd)) latest.set(by, a);
  }
  const levels = [...latest.values()].map((a) => ALERT_LEVELS.indexOf(a.likelihood as never));
  return levels.length < 2 ? 0 : Math.max(...levels) - Math.min(...levels);
}

/** A gap alert is about an aggregate over the pledges the owner may read, not about one record. */
export const GAP = "MISSION_GAP";

const ACTIVE_PLEDGE = new Set(["PLEDGED", "VERIFIED", "DEPLOYED"]);

function gap(owner: Viewer, requirements: FeedRecord[], pledges: FeedRecord[]): number {
  const required = requirements.reduce((sum, r) => sum + Number(r.quantity ?? 0), 0);
  const pledged = pledges
    .filter((p) => ACTIVE_PLEDGE.has(String(p.status)) && readableBy(owner, p))
    .reduce((sum, p) => sum + Number(p.quantity ?? 0), 0);
  return Math.max(0, required - pledged);
}

/** The list with `before` in place of the changed record (or without it): the state before the change. */
function replaced(records: FeedRecord[], id: string, before: FeedRecord | null): FeedRecord[] {
  const others = records.filter((r) => r.id !== id);
  return before ? [...others, before] : others;
}

const today = () => new Date().toISOString().slice(0, 10);

/** A crowd alert is about the median over the forecasts the owner may read, not about one forecast. */
export const CROWD = "CROWD_FORECAST";

const questionOf = (record: FeedRecord | null) => (record?.question as { id?: string } | null)?.id ?? null;
const madeAt = (record: FeedRecord) => String(record.madeAt);

/** Each partner's latest forecast that `owner` may read, as the risk subgraph's crowd counts them: their median. */
function crowd(owner: Viewer, forecasts: FeedRecord[]): number | null {
  const latest = new Map<string, FeedRecord>();
  for (const f of forecasts) {
    if (!readableBy(owner, f)) continue;
    const by = code(f.originator) ?? "";
    const known = latest.get(by);
    if (!known || madeAt(f) > madeAt(known)) latest.set(by, f);
  }
  const values = [...latest.values()].map((f) => Number(f.probability)).sort((a, b) => a - b);
  if (values.length === 0) return null;
  const mid = Math.floor(values.length / 2);
  return values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

/**
 * Evaluates one rule for one change, for the rule's owner (`owner`, built from the registry now): a match only
 * when the owner may read what it is about, with only that in its data. `before` is the record as last observed.
 */
export async function evaluateRule(
  condition: AlertCondition,
  owner: Viewer,
  event: ChangeEvent,
  before: FeedRecord | null,
  observed: Observed,
): Promise<Match | null> {
  const after = event.change === "CREATED" || event.change === "UPDATED" ? event.record : null;
  const match = (name: string, record: FeedRecord, extra: Record<string, unknown> = {}): Match => ({
    event: name,
    recordType: event.recordType,
    recordId: event.id,
    data: { ...extra, record: alertData(record) },
  });
  switch (condition.kind) {
    case "ASSESSMENT_LEVEL": {
      if (event.recordType !== "RISK_ASSESSMENT" || !after) return null;
      const country = code(after.country);
      if (!country || !(await watchedCountry(owner, condition, country, observed))) return null;
      const direction = crossing(levelOf(owner, before), levelOf(owner, after), ALERT_LEVELS.indexOf(condition.level!));
      return direction ? match("assessment.level_crossed", after, { direction, level: condition.level }) : null;
    }
    case "ASSESSMENT_DIVERGENCE": {
      if (event.recordType !== "RISK_ASSESSMENT") return null;
      const country = code((after ?? before)?.country);
      if (!country || country !== condition.country || !after || !readableBy(owner, after)) return null;
      const now = await observed.byKey("RISK_ASSESSMENT", country);
      const [was, is] = [spread(owner, replaced(now, event.id, before)), spread(owner, now)];
      return is >= condition.levels! && was < condition.levels! ? match("assessment.divergence", after, { country, levels: is }) : null;
    }
    case "PLEDGE_STATUS": {
      if (event.recordType !== "PLEDGE" || !after || code(after.originator) !== owner.partner) return null;
      if (before && before.status !== after.status) return match("pledge.status_changed", after, { previousStatus: before.status });
      const due = (p: FeedRecord | null) => p !== null && typeof p.renewalDue === "string" && p.renewalDue <= today();
      return due(after) && !due(before) ? match("pledge.renewal_due", after) : null;
    }
    case "MISSION_GAP": {
      if (event.recordType !== "PLEDGE" && event.recordType !== "CAPABILITY_REQUIREMENT") return null;
      const record = after ?? before;
      const key = `${condition.mission}/${condition.capability}`;
      if (!record || observedKey(record) !== key || (after && !readableBy(owner, after))) return null;
      const requirements = await observed.byKey("CAPABILITY_REQUIREMENT", key);
      const pledges = await observed.byKey("PLEDGE", key);
      const previous = (type: string, list: FeedRecord[]) => (event.recordType === type ? replaced(list, event.id, before) : list);
      const was = gap(owner, previous("CAPABILITY_REQUIREMENT", requirements), previous("PLEDGE", pledges));
      const is = gap(owner, requirements, pledges);
      const direction = crossing(was, is, condition.threshold!);
      if (!direction || (direction === "UP" && was === is)) return null;
      return {
        event: "mission.gap_crossed",
        recordType: GAP,
        recordId: key,
        data: {
          mission: condition.mission,
          capability: condition.capability,
          threshold: condition.threshold,
          gap: is,
          previousGap: was,
          direction,
        },
      };
    }
    case "FORECAST_RISE": {
      // a new forecast of the partner's on the question, against its previous one that the owner may read
      if (event.recordType !== "FORECAST" || event.change !== "CREATED" || !after) return null;
      if (questionOf(after) !== condition.question || code(after.originator) !== condition.partner || !readableBy(owner, after))
        return null;
      const earlier = (await observed.byKey("FORECAST", condition.question!))
        .filter((f) => f.id !== after.id && code(f.originator) === condition.partner && madeAt(f) <= madeAt(after) && readableBy(owner, f))
        .sort((a, b) => (madeAt(a) < madeAt(b) ? 1 : -1))[0];
      if (!earlier) return null;
      const rise = Math.round((Number(after.probability) - Number(earlier.probability)) * 100);
      return rise >= condition.points! ? match("forecast.rose", after, { points: rise, previousProbability: earlier.probability }) : null;
    }
    case "CROWD_FORECAST": {
      if (event.recordType !== "FORECAST") return null;
      const record = after ?? before;
      if (!record || questionOf(record) !== condition.question || (after && !readableBy(owner, after))) return null;
      const now = await observed.byKey("FORECAST", condition.question!);
      const [was, is] = [crowd(owner, replaced(now, event.id, before)), crowd(owner, now)];
      const direction = crossing(was, is, condition.probability!);
      if (!direction) return null;
      return {
        event: "forecast.crowd_crossed",
        recordType: CROWD,
        recordId: condition.question!,
        data: { question: condition.question, probability: condition.probability, crowd: is, previousCrowd: was, direction },
      };
    }
    case "PRACTICE_THEME": {
      if (event.recordType !== "PRACTICE" || !after || code(after.theme) !== condition.theme || !readableBy(owner, after)) return null;
      const seen = before !== null && readableBy(owner, before) && code(before.theme) === condition.theme;
      return seen ? null : match("practice.published", after);
    }
    // Time decides these, not a change: the worker's timed sweep evaluates them (see `timedMatches`).
    case "ROTATION_UNCOVERED":
    case "READINESS_STALLED":
      return null;
  }
}

const listed = (watchlist: FeedRecord | null): Set<string> =>
  new Set(((watchlist?.entries as { country: unknown }[] | undefined) ?? []).flatMap((e) => code(e.country) ?? []));

/**
 * What a watchlist change means to an ASSESSMENT_LEVEL rule that watches it: each country it adds (one the owner did not
 * watch before, through this list or the rule's own `countries`) is evaluated now, as if its published assessments
 * that the owner reads had just been published: each at or above the rule's level crosses it (UP).
 */
export async function watchlistMatches(
  condition: AlertCondition,
  owner: Viewer,
  event: ChangeEvent,
  before: FeedRecord | null,
  observed: Observed,
): Promise<Match[]> {
  if (condition.kind !== "ASSESSMENT_LEVEL" || event.recordType !== "WATCHLIST" || condition.watchlist !== event.id) return [];
  const after = event.change === "CREATED" || event.change === "UPDATED" ? event.record : null;
  if (!after || !readableBy(owner, after)) return [];
  const watched = readableBy(owner, before) ? listed(before) : new Set<string>();
  const added = [...listed(after)].filter((c) => !watched.has(c) && !condition.countries?.includes(c)).sort();
  const threshold = ALERT_LEVELS.indexOf(condition.level!);
  const matches: Match[] = [];
  for (const country of added) {
    for (const assessment of await observed.byKey("RISK_ASSESSMENT", country)) {
      if (crossing(null, levelOf(owner, assessment), threshold) !== "UP") continue;
      matches.push({
        event: "assessment.level_crossed",
        recordType: "RISK_ASSESSMENT",
        recordId: String(assessment.id),
        data: { direction: "UP", level: condition.level, watchlist: event.id, record: alertData(assessment) },
      });
    }
  }
  return matches;
}

/** Rule kinds that a date coming decides rather than a change: evaluated by the worker's timed sweep. */
export const TIMED_KINDS = ["ROTATION_UNCOVERED", "READINESS_STALLED"] as const;

/** A timed match, with the key that makes it once only: per rule, record and `due` (a rotation date, a level and its date). */
export interface TimedMatch extends Match {
  due: string;
}

const OUTSTANDING = new Set(["PLEDGED", "VERIFIED"]);
const DAY = 86_400_000;
const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const mission = (p: FeedRecord) => (p.mission as { acronym?: string } | null)?.acronym ?? null;

/**
 * What a timed rule matches today among the observed pledges (`pledges`: the candidates and, for rotations, the
 * pledges that may replace them), for its owner: only pledges the owner reads now, and replacements it reads.
 */
export function timedMatches(condition: AlertCondition, owner: Viewer, pledges: FeedRecord[], today: string): TimedMatch[] {
  const matches: TimedMatch[] = [];
  const days = condition.days ?? 0;
  switch (condition.kind) {
    case "ROTATION_UNCOVERED": {
      const until = plusDays(today, days);
      for (const p of pledges) {
        const due = typeof p.rotationDue === "string" ? p.rotationDue : null;
        if (p.status !== "DEPLOYED" || mission(p) !== condition.mission || !due || due < today || due > until) continue;
        if (!readableBy(owner, p)) continue;
        const covered = pledges.some(
          (q) => (q.replaces as { id?: string } | null)?.id === p.id && OUTSTANDING.has(String(q.status)) && readableBy(owner, q),
        );
        if (covered) continue;
        matches.push({
          event: "rotation.uncovered",
          recordType: "PLEDGE",
          recordId: String(p.id),
          due,
          data: { mission: condition.mission, days, rotationDue: due, record: alertData(p) },
        });
      }
      break;
    }
    case "READINESS_STALLED": {
      const before = plusDays(today, -days);
      for (const p of pledges) {
        const since = typeof p.readinessSince === "string" ? p.readinessSince.slice(0, 10) : null;
        if (!OUTSTANDING.has(String(p.status)) || !since || since >= before) continue;
        if (condition.mission && mission(p) !== condition.mission) continue;
        if (!readableBy(owner, p)) continue;
        matches.push({
          event: "pledge.readiness_stalled",
          recordType: "PLEDGE",
          recordId: String(p.id),
          due: `${p.readiness}@${since}`,
          data: { readiness: p.readiness, since, days, record: alertData(p) },
        });
      }
      break;
    }
    default:
      break;
  }
  return matches;
}
