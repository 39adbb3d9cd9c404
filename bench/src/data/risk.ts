import { riskSubgraph as module } from "@concert/risk";
import type { EntityManager } from "@mikro-orm/postgresql";
import { JOURNEYS } from "../journeys.js";
import type { BenchOptions } from "../options.js";
import { benchId, Random } from "../random.js";
import type { EngagementsData } from "./engagements.js";
import { existingRows, insertRows, marked, type Row } from "./insert.js";

const LIKELIHOODS = ["LOW", "MODERATE", "HIGH", "VERY_HIGH"];
const LEVELS = ["NOT_PRESENT", "LOW", "MODERATE", "HIGH", "SEVERE"];
const MARKINGS = ["PARTNERS", "GOVERNMENTS", "PARTNERS", "PUBLIC"];

/** The lowest likelihood the shared watchlist journey lists (its `min`), as an index into `LIKELIHOODS`. */
const WATCHLIST_MIN = (() => {
  const journey = JOURNEYS.find((j) => j.name === "shared-watchlist")!.operations[0]!;
  const mins = [journey.variables.min, journey.smaller.min].map((m) => LIKELIHOODS.indexOf(String(m ?? "LOW")));
  if (mins.some((m) => m < 0)) throw new Error("shared-watchlist: unknown minimum likelihood");
  return Math.min(...mins);
})();

/** Partners assessing each country; the rest of the assessments are their earlier periods. */
const AUTHORS_PER_COUNTRY = 10;
/** Countries some partner rates VERY_HIGH: the shared watchlist's top (`minLikelihood: VERY_HIGH`) holds exactly these. */
export const HOT_COUNTRIES = 50;

/** What the assessments of the base data set were drawn from, for the older ones `--scale` adds (growth.ts). */
export interface RiskContext {
  countries: string[];
  /** Each country's ten authors. */
  authors: Map<string, string[]>;
  /** Each country's underlying risk. */
  risk: Map<string, number>;
  /** The countries some partner rates VERY_HIGH. */
  hot: Set<string>;
  /**
   * Every country the shared watchlist journey can list: the hot ones, and any that an assessment of the base data
   * set or of the seed (whose own assessments rate a few more countries VERY_HIGH) rates at the journey's minimum or
   * above, whichever period. Practices `--scale` adds are about none of them (growth.ts).
   */
  watched: Set<string>;
  indicators: { code: string; factor: number }[];
  factors: number[];
}

export interface AssessmentRows {
  assessments: Row[];
  ratings: Row[];
  findings: Row[];
}

/**
 * Assessment `i` of the series, with its factor ratings and findings: country `i` mod the number of countries, its
 * authors in turn, one year further back every `AUTHORS_PER_COUNTRY` rounds.
 */
export function addAssessment(
  out: AssessmentRows,
  i: number,
  ctx: RiskContext,
  options: BenchOptions,
  rng: Random,
  at: { country: string; author: string; year: number } = seriesPlace(i, ctx),
): void {
  const { risk, indicators, factors } = ctx;
  const { assessments, ratings, findings } = out;
  const { country, author, year } = at;
  const score = Math.max(0, Math.min(0.999, risk.get(country)! + (rng.next() - 0.5) * 0.3));
  const id = benchId("assessment", i);
  assessments.push({
    ...marked(author, rng.pick(MARKINGS)),
    id,
    countryCode: country,
    periodStart: `${year}-01-01`,
    periodEnd: `${year}-12-31`,
    likelihood: LIKELIHOODS[Math.floor(score * 4)],
    probability: rng.next() < 0.5 ? Math.round(score * 100) / 100 : null,
    confidence: rng.pick(["LOW", "MEDIUM", "HIGH"]),
    stage: rng.pick(["PREVENTION", "MITIGATION", "RESPONSE"]),
    status: "PUBLISHED",
    summary: `[DEMO] Generated assessment ${i} of ${country} by ${author}.`,
    scenarios: ["[DEMO] Contested elections turn violent."],
    recommendedActions: ["[DEMO] Support local mediation."],
    evidenceMarking: "ORIGINATOR",
  });
  for (const factor of rng.sample(factors, options.ratingsPerAssessment)) {
    const ratingId = benchId(`rating:${factor}`, i);
    ratings.push({ id: ratingId, assessment: id, factor, level: rng.pick(LEVELS), rationale: `[DEMO] Rationale for factor ${factor}.` });
    findings.push({
      id: benchId(`finding:${factor}`, i),
      rating: ratingId,
      indicator: rng.pick(indicators.filter((x) => x.factor === factor)).code,
      evidence: "[DEMO] Reported by field monitors.",
      source: "[DEMO] Field report",
      observedOn: `${year}-06-01`,
      reliability: rng.pick(["CONFIRMED", "PROBABLY_TRUE", "POSSIBLY_TRUE"]),
    });
  }
}

/** Where assessment `i` of the base series falls: its country, author and year. */
function seriesPlace(i: number, ctx: RiskContext): { country: string; author: string; year: number } {
  const country = ctx.countries[i % ctx.countries.length]!;
  const round = Math.floor(i / ctx.countries.length);
  return { country, author: ctx.authors.get(country)![round % AUTHORS_PER_COUNTRY]!, year: 2025 - Math.floor(round / AUTHORS_PER_COUNTRY) };
}

/** How many periods the base series of `baseCount` assessments gives each (country, author) pair, keyed `country|author`. */
export function basePeriods(baseCount: number, ctx: RiskContext): Map<string, number> {
  const periods = new Map<string, number>();
  for (let i = 0; i < baseCount; i++) {
    const { country, author } = seriesPlace(i, ctx);
    periods.set(`${country}|${author}`, (periods.get(`${country}|${author}`) ?? 0) + 1);
  }
  return periods;
}

/**
 * Where the `k`th assessment `--scale` adds falls: each country's authors that the base series has (all ten but in
 * quick runs) in turn, one year further back every round of them, every year before the base series' oldest, so
 * that each author's latest assessment stays the one of the base series.
 */
export function olderPlace(k: number, baseCount: number, ctx: RiskContext): { country: string; author: string; year: number } {
  const n = ctx.countries.length;
  const baseRounds = Math.ceil(baseCount / n);
  const authorsPresent = Math.min(AUTHORS_PER_COUNTRY, Math.floor(baseCount / n) || 1);
  const oldest = 2025 - Math.floor((baseRounds - 1) / AUTHORS_PER_COUNTRY);
  const country = ctx.countries[k % n]!;
  const round = Math.floor(k / n);
  return {
    country,
    author: ctx.authors.get(country)![round % authorsPresent]!,
    year: oldest - 1 - Math.floor(round / authorsPresent),
  };
}

export async function insertAssessments(em: EntityManager, rows: AssessmentRows, insert = insertRows): Promise<Record<string, number>> {
  return {
    assessments: await insert(em, module, "RiskAssessment", rows.assessments),
    factorRatings: await insert(em, module, "FactorRating", rows.ratings),
    findings: await insert(em, module, "Finding", rows.findings),
  };
}

/**
 * Assessments of every country by ten partners, one per year back from 2025, with factor ratings and findings,
 * and one watchlist per partner. Each country has a fixed underlying risk so that partners mostly agree:
 * the 50 hottest (the hosts of current missions among them) lie in [0.8, 1), the others below 0.59, and each
 * author adds at most ±0.15.
 */
export async function generateRisk(
  em: EntityManager,
  options: BenchOptions,
  rng: Random,
  base: EngagementsData,
  hosts: string[],
): Promise<{ counts: Record<string, number>; context: RiskContext }> {
  const { countries, partners } = base;
  const hot = new Set([
    ...hosts,
    ...rng.sample(
      countries.filter((c) => !hosts.includes(c)),
      HOT_COUNTRIES - hosts.length,
    ),
  ]);
  const risk = new Map(countries.map((c) => [c, hot.has(c) ? 0.8 + rng.next() * 0.2 : rng.next() * 0.59]));
  const authors = new Map(countries.map((c) => [c, rng.sample(partners, AUTHORS_PER_COUNTRY)]));
  const indicators = (await existingRows(em, module, "Indicator")).map((i) => ({ code: String(i.code), factor: Number(i.factor) }));
  const factors = [...new Set(indicators.map((i) => i.factor))];

  const ctx: RiskContext = { countries, authors, risk, hot, watched: new Set(hot), indicators, factors };
  const rows: AssessmentRows = { assessments: [], ratings: [], findings: [] };
  for (let i = 0; i < options.assessments; i++) addAssessment(rows, i, ctx, options, rng);
  const seeded = await existingRows(em, module, "RiskAssessment");
  for (const a of [...seeded, ...rows.assessments])
    if (LIKELIHOODS.indexOf(String(a.likelihood)) >= WATCHLIST_MIN) ctx.watched.add(String(a.countryCode));

  const watchlists: Row[] = [];
  const entries: Row[] = [];
  // A partner has at most one watchlist: those the seed gave one keep it.
  const listed = new Set((await existingRows(em, module, "Watchlist")).map((w) => String(w.originator)));
  for (const [p, partner] of partners.entries()) {
    if (listed.has(partner)) continue;
    const id = benchId("watchlist", p);
    watchlists.push({ ...marked(partner, rng.pick(MARKINGS)), id, title: `[DEMO] ${partner} countries of concern` });
    const ranked = [...countries].sort((a, b) => risk.get(b)! + rng.next() * 0.2 - (risk.get(a)! + rng.next() * 0.2));
    ranked.slice(0, 60).forEach((country, rank) => {
      entries.push({
        id: benchId(`entry:${p}`, rank),
        watchlist: id,
        countryCode: country,
        rank: rank + 1,
        rationale: "[DEMO] Rising tensions.",
        since: rng.date(),
      });
    });
  }
  return {
    counts: {
      ...(await insertAssessments(em, rows)),
      watchlists: await insertRows(em, module, "Watchlist", watchlists),
      watchlistEntries: await insertRows(em, module, "WatchlistEntry", entries),
    },
    context: ctx,
  };
}
