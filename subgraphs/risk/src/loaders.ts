import { FORECAST, FORECAST_QUESTION, OPINION, RISK_ASSESSMENT, WATCHLIST } from "@concert/policy";
import { served } from "@concert/subgraph-kit/access";
import {
  columnsFor,
  columnsOf,
  compiledQueryOf,
  findPlain,
  groupByKey,
  type PlainRow,
  queryPlain,
  readableByIdLoader,
  readableByKeyLoader,
  readableFilter,
  readableGroupedLoader,
  referenceCache,
} from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { raw } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { DATED_PROPERTIES, type Dated, previousOf } from "./analysis/history.js";
import { LIKELIHOODS, likelihoodScore } from "./analysis/scales.js";
import { AssessmentStatus, type Likelihood } from "./entities/enums.js";
import { FactorRating } from "./entities/factor-rating.js";
import { Finding } from "./entities/finding.js";
import { Forecast } from "./entities/forecast.js";
import { ForecastQuestion } from "./entities/forecast-question.js";
import { Indicator } from "./entities/indicator.js";
import { Opinion } from "./entities/opinion.js";
import { ASSESSMENTS_DATA_VERSION, RiskAssessment } from "./entities/risk-assessment.js";
import { RiskFactor } from "./entities/risk-factor.js";
import { WATCHLISTS_DATA_VERSION, Watchlist } from "./entities/watchlist.js";
import { WatchlistEntry } from "./entities/watchlist-entry.js";

/** Per-request batched loads: one SQL statement per loader and query level, whatever the number of keys. */

const NEWEST_PERIOD_FIRST = { periodEnd: "DESC", createdAt: "DESC", id: "ASC" } as const;

export function assessmentLoader(ctx: SubgraphContext) {
  return readableByIdLoader(ctx, RISK_ASSESSMENT, RiskAssessment);
}

/** The revision of each assessment, where there is one you may see. */
export function revisionLoader(ctx: SubgraphContext) {
  return readableByKeyLoader(ctx, RISK_ASSESSMENT, RiskAssessment, "supersedesId");
}

/** Visible assessments per country (every author, every version), newest period first. */
export function assessmentsByCountryLoader(ctx: SubgraphContext) {
  return readableGroupedLoader<RiskAssessment, string>(ctx, RISK_ASSESSMENT, RiskAssessment, {
    name: "byCountry",
    where: (codes) => ({ countryCode: { $in: [...codes] } }),
    keysOf: (a) => a.countryCode,
    orderBy: NEWEST_PERIOD_FIRST,
  });
}

/** Visible assessments per author, newest period first. */
export function assessmentsByAuthorLoader(ctx: SubgraphContext) {
  return readableGroupedLoader<RiskAssessment, string>(ctx, RISK_ASSESSMENT, RiskAssessment, {
    name: "byAuthor",
    where: (codes) => ({ originator: { $in: [...codes] } }),
    keysOf: (a) => a.originator,
    orderBy: NEWEST_PERIOD_FIRST,
  });
}

/**
 * What an assessment's previous one is read as: what picks it and its likelihood, for `trend` (`Dated`), and what
 * its readability is checked and audited by. `previous` reads the whole row by id.
 */
export type PreviousRow = PlainRow<Pick<RiskAssessment, keyof Dated | "marking" | "releasableTo">>;

/** The previous assessment (`where`: readable and published) of each asked one, by a lateral join. */
const PREVIOUS_PUBLISHED = compiledQueryOf<string[]>((em, readable, [ids]) => {
  const newestEarlier = em
    .createQueryBuilder(RiskAssessment, "p")
    .select("p.id")
    .where(readable as never)
    .andWhere("p.country_code = asked.country_code and p.originator = asked.originator and p.period_end < asked.period_end")
    .orderBy(NEWEST_PERIOD_FIRST)
    .limit(1)
    .getKnexQuery();
  const knex = em.getKnex();
  const previous = knex
    .select("previous.id")
    .from({ asked: tableOf(em, RiskAssessment) })
    .joinRaw("cross join lateral :newestEarlier previous", { newestEarlier })
    .whereIn("asked.id", ids as string[]);
  return knex
    .select(columnsOf(em, RiskAssessment, RISK_ASSESSMENT, DATED_PROPERTIES))
    .from(tableOf(em, RiskAssessment))
    .whereIn("id", previous);
});

/**
 * Each assessment's previous one (see `previousOf`) that you may see, chosen in SQL by a lateral join:
 * one row per assessment asked rather than every version of each (country, author) pair, which
 * hydrated several times more rows than a shared watchlist shows. Only the columns `trend` needs are read (a shared
 * watchlist asks the trend of every latest assessment: their whole rows were a third of risk's CPU there).
 */
export function previousPublishedLoader(ctx: SubgraphContext) {
  const pairOf = (a: Dated) => `${a.countryCode}|${a.originator}`;
  return ctx.loaders.get<RiskAssessment, PreviousRow | null>("previousPublished", async (assessments) => {
    const asked = assessments.map((a) => a.id);
    const readable = readableFilter<never>(ctx, RISK_ASSESSMENT, { status: AssessmentStatus.PUBLISHED });
    const rows = (await queryPlain(
      ctx.em,
      RiskAssessment,
      PREVIOUS_PUBLISHED,
      readable,
      [asked],
      undefined,
      ASSESSMENTS_DATA_VERSION,
    )) as unknown as PreviousRow[];
    // Each row is the previous of some asked assessment of its pair; `previousOf` picks the right one.
    const candidates = groupByKey(assessments.map(pairOf), served(ctx, RISK_ASSESSMENT, rows), pairOf);
    return assessments.map((a, i) => previousOf(a, candidates[i]!));
  });
}

function ratingsByAssessmentLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, PlainRow<FactorRating>[]>("ratingsByAssessment", async (ids) => {
    const rows = await findPlain(ctx.em, FactorRating, { assessment: { $in: [...ids] } }, { orderBy: { factor: "ASC" } });
    return groupByKey(ids, rows, (r) => r.assessment.id);
  });
}

/**
 * The assessment each rating was served under in this request. A finding's evidence follows its assessment's evidence
 * marking, and the assessment may be a plain row (a shared watchlist's, a comparison's) that no identity map holds.
 */
const ratedUnder = new WeakMap<SubgraphContext, Map<string, RiskAssessment>>();

/** The ratings of a readable assessment, by factor number: one statement per batch. */
export async function ratingsOf(ctx: SubgraphContext, assessment: RiskAssessment): Promise<PlainRow<FactorRating>[]> {
  const ratings = await ratingsByAssessmentLoader(ctx).load(assessment.id);
  const parents = ratedUnder.get(ctx) ?? new Map<string, RiskAssessment>();
  ratedUnder.set(ctx, parents);
  for (const rating of ratings) parents.set(rating.id, assessment);
  return ratings;
}

/** The assessment a rating served in this request belongs to (see `ratingsOf`). */
export function assessmentOfRating(ctx: SubgraphContext, ratingId: string): RiskAssessment {
  const assessment = ratedUnder.get(ctx)?.get(ratingId);
  if (!assessment) throw new Error(`rating ${ratingId} was not served through ratingsOf`);
  return assessment;
}

export function findingsByRatingLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, PlainRow<Finding>[]>("findingsByRating", async (ids) => {
    const rows = await findPlain(ctx.em, Finding, { rating: { $in: [...ids] } }, { orderBy: { observedOn: "ASC", id: "ASC" } });
    return groupByKey(ids, rows, (f) => f.rating.id);
  });
}

/** The Framework's 14 risk factors, by number: immutable, read once per process. */
export const RISK_FACTORS = referenceCache(RiskFactor, "number", { orderBy: { number: "ASC" } });

/** The Framework's indicators by code, in the Framework's order: immutable, read once per process. */
export const INDICATORS = referenceCache(Indicator, "code", { orderBy: { factor: "ASC", code: "ASC" } });

/** Indicators of a risk factor, by number ("7.10" after "7.9"). */
export async function indicatorsOf(ctx: SubgraphContext, factor: number): Promise<Indicator[]> {
  const all = await INDICATORS.all(ctx);
  return all.filter((i) => i.factor.number === factor).sort((a, b) => compareIndicatorCodes(a.code, b.code));
}

/** "7.10" comes after "7.9". */
export function compareIndicatorCodes(a: string, b: string): number {
  const [fa, na] = a.split(".").map(Number);
  const [fb, nb] = b.split(".").map(Number);
  return fa! - fb! || na! - nb!;
}

export function watchlistLoader(ctx: SubgraphContext) {
  return readableByIdLoader(ctx, WATCHLIST, Watchlist);
}

/** A partner's watchlist, where you may see it. */
export function watchlistByPartnerLoader(ctx: SubgraphContext) {
  return readableByKeyLoader(ctx, WATCHLIST, Watchlist, "originator");
}

/** What an entry's read selects of its watchlist beside the entry: its owner and marking. */
interface OfWatchlist {
  w_originator: string;
  w_marking: Watchlist["marking"];
  w_releasable_to: string[];
}

/** A watchlist entry as read for display, with the partner that owns its watchlist. */
export type EntryRow = PlainRow<WatchlistEntry, { partner: string }>;

const ENTRIES_WITH_WATCHLIST = compiledQueryOf((em, w) =>
  em
    .createQueryBuilder(WatchlistEntry, "e")
    .select(["e.*", "w.originator as w_originator", "w.marking as w_marking", "w.releasable_to as w_releasable_to"])
    .join("e.watchlist", "w")
    .where(w as never)
    .orderBy([{ rank: "ASC" }, { watchlist: { originator: "ASC" } }])
    .getKnexQuery(),
);

/** Entries with their watchlist's owner and marking, in one statement (the watchlist joined), by rank then owner. */
async function entryRows(ctx: SubgraphContext, where: Record<string, unknown>): Promise<EntryRow[]> {
  const rows = await queryPlain<WatchlistEntry, OfWatchlist>(
    ctx.em,
    WatchlistEntry,
    ENTRIES_WITH_WATCHLIST,
    where,
    [],
    undefined,
    WATCHLISTS_DATA_VERSION,
  );
  for (const r of rows as (EntryRow & OfWatchlist)[]) {
    // what the policy's check and the audit trail read of the watchlist
    const watchlist = { id: r.watchlist.id, originator: r.w_originator, marking: r.w_marking, releasableTo: r.w_releasable_to };
    Object.assign(r, { partner: r.w_originator, watchlist });
  }
  return rows as unknown as EntryRow[];
}

/** Entries per watchlist, by rank (the watchlist itself was checked by whoever reached it). */
export function entriesByWatchlistLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, EntryRow[]>("entriesByWatchlist", async (ids) => {
    const rows = await entryRows(ctx, { watchlist: { $in: [...ids] } });
    return groupByKey(ids, rows, (e) => e.watchlist.id);
  });
}

/** Entries of the watchlists you may see that list each country. */
export function entriesByCountryLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, EntryRow[]>("entriesByCountry", async (codes) => {
    const rows = await visibleEntries(ctx, { countryCode: { $in: [...codes] } });
    return groupByKey(codes, rows, (e) => e.countryCode);
  });
}

/** Entries of the watchlists you may see, in one statement, by rank then owner; the watchlists' reads noted. */
export async function visibleEntries(ctx: SubgraphContext, where: Record<string, unknown> = {}): Promise<EntryRow[]> {
  const rows = await entryRows(ctx, { $and: [where, { watchlist: readableFilter(ctx, WATCHLIST) }] });
  const byId = new Map(rows.map((e) => [e.watchlist.id, e.watchlist]));
  const readable = new Set(served(ctx, WATCHLIST, [...byId.values()]).map((w) => w.id));
  return rows.filter((e) => readable.has(e.watchlist.id));
}

/** Each author's latest assessment per country among `where`; with a list in `extra`, of the countries some rates that likely. */
const LATEST_PUBLISHED = compiledQueryOf<string[], { columns: string[] | null }>((em, readable, [likelyEnough], { columns }) => {
  const latest = em
    .createQueryBuilder(RiskAssessment, "a")
    .select(raw("distinct on (a.country_code, a.originator) a.id, a.country_code, a.likelihood"))
    .where(readable as never)
    .orderBy([{ countryCode: "ASC" }, { originator: "ASC" }, NEWEST_PERIOD_FIRST])
    .getKnexQuery();
  const knex = em.getKnex();
  const ids = knex.with("latest", latest).select("id").from("latest");
  if (likelyEnough)
    ids.whereIn(
      "country_code",
      knex
        .select("country_code")
        .from("latest")
        .whereIn("likelihood", likelyEnough as string[]),
    );
  // rows for the latest assessments kept only, not for every flagged one
  return knex
    .select(columns ?? "*")
    .from(tableOf(em, RiskAssessment))
    .whereIn("id", ids);
});

/**
 * Each author's latest published assessment per country that the caller may read, as plain rows. "Latest" orders
 * as `newestFirst` does: later period end, then later creation, then id. Only the rows flagged `latestOfClass` are
 * read (a few per country and author, whatever the number of versions and periods), and DISTINCT ON picks the
 * newest readable one among them: the caller's latest readable assessment is always the latest of its marking
 * class, which is flagged. With `minLikelihood`, only the countries that some latest assessment rates that likely
 * or more are kept, also in SQL.
 */
export async function latestPublishedAssessments(
  ctx: SubgraphContext,
  where: Record<string, unknown>,
  options: {
    minLikelihood?: Likelihood;
    /** The fields asked of the assessments (`selectedAt`): their large columns are read only when asked. */
    selected?: ReadonlySet<string> | null;
  } = {},
): Promise<PlainRow<RiskAssessment>[]> {
  const { minLikelihood, selected = null } = options;
  const likely = minLikelihood ? LIKELIHOODS.filter((l) => likelihoodScore(l) >= likelihoodScore(minLikelihood)) : undefined;
  const readable = readableFilter<never>(ctx, RISK_ASSESSMENT, {
    $and: [where, { status: AssessmentStatus.PUBLISHED, latestOfClass: true }],
  });
  return served(
    ctx,
    RISK_ASSESSMENT,
    await queryPlain(
      ctx.em,
      RiskAssessment,
      LATEST_PUBLISHED,
      readable,
      likely ? [likely] : [],
      { columns: columnsFor(ctx.em, RiskAssessment, RISK_ASSESSMENT, selected) },
      ASSESSMENTS_DATA_VERSION,
    ),
  );
}

function tableOf(em: EntityManager, entity: { name: string }): string {
  return em.getMetadata().get(entity.name).tableName;
}

export function questionLoader(ctx: SubgraphContext) {
  return readableByIdLoader(ctx, FORECAST_QUESTION, ForecastQuestion);
}

export function forecastLoader(ctx: SubgraphContext) {
  return readableByIdLoader(ctx, FORECAST, Forecast);
}

export function opinionLoader(ctx: SubgraphContext) {
  return readableByIdLoader(ctx, OPINION, Opinion);
}

/** Readable forecasts per question (their own marking and their question's), oldest first: each partner's history is a series. */
export function forecastsByQuestionLoader(ctx: SubgraphContext) {
  return readableGroupedLoader<Forecast, string>(ctx, FORECAST, Forecast, {
    name: "byQuestion",
    where: (ids) => ({ question: { $in: [...ids] } }),
    keysOf: (f) => f.question.id,
    orderBy: { madeAt: "ASC", id: "ASC" },
  });
}

/** Readable opinions per assessment (their own marking and the assessment's), oldest first. */
export function opinionsByAssessmentLoader(ctx: SubgraphContext) {
  return readableGroupedLoader<Opinion, string>(ctx, OPINION, Opinion, {
    name: "byAssessment",
    where: (ids) => ({ assessment: { $in: [...ids] } }),
    keysOf: (o) => o.assessment.id,
    orderBy: { createdAt: "ASC", id: "ASC" },
  });
}

/** Questions settled with an outcome, which scores are computed on. */
const SCORED_STATUSES = ["RESOLVED_YES", "RESOLVED_NO"];

/**
 * What scores are computed from, as the caller may read it: the resolved questions it may read and, on them,
 * the forecasts it may read (their own marking and their question's), two statements whatever the number.
 */
export async function scoringData(
  ctx: SubgraphContext,
): Promise<{ questions: PlainRow<ForecastQuestion>[]; forecasts: PlainRow<Forecast>[] }> {
  const questions = served(
    ctx,
    FORECAST_QUESTION,
    await findPlain(
      ctx.em,
      ForecastQuestion,
      readableFilter<ForecastQuestion>(ctx, FORECAST_QUESTION, { status: { $in: SCORED_STATUSES } }),
      {
        orderBy: { windowEnd: "ASC", id: "ASC" },
      },
    ),
  );
  if (questions.length === 0) return { questions, forecasts: [] };
  const forecasts = await findPlain(
    ctx.em,
    Forecast,
    readableFilter<Forecast>(ctx, FORECAST, { question: { $in: questions.map((q) => q.id) } }),
    { orderBy: { madeAt: "ASC", id: "ASC" } },
  );
  // each forecast's question is one of `questions`, read and checked above: the forecast's check reads it
  return { questions, forecasts: served(ctx, FORECAST, forecasts, new Map(questions.map((q) => [q.id, q]))) };
}
