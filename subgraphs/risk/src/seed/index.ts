import type { SeedOptions } from "@concert/subgraph-kit/server";
import { insertMissing, seedId } from "@concert/subgraph-kit/writes";
import type { EntityManager } from "@mikro-orm/postgresql";
import { ForecastEvent, RatingLevel } from "../entities/enums.js";
import { FactorRating } from "../entities/factor-rating.js";
import { Finding } from "../entities/finding.js";
import { Forecast } from "../entities/forecast.js";
import { ForecastQuestion } from "../entities/forecast-question.js";
import { Indicator } from "../entities/indicator.js";
import { Opinion } from "../entities/opinion.js";
import { RiskAssessment } from "../entities/risk-assessment.js";
import { RiskFactor } from "../entities/risk-factor.js";
import { Watchlist } from "../entities/watchlist.js";
import { WatchlistEntry } from "../entities/watchlist-entry.js";
import { DEMO_ASSESSMENTS, DEMO_WATCHLISTS, type DemoAssessment } from "./demo.js";
import { DEMO_FORECASTS, DEMO_OPERATOR, DEMO_OPINIONS, DEMO_QUESTIONS } from "./forecasts.js";
import { INDICATORS, RISK_FACTORS } from "./framework.js";

const DAY_MS = 86_400_000;

/** Demo records are dated from their period, a revision one day after the version it revises. */
function recordedAt(a: DemoAssessment): Date {
  return new Date(Date.parse(`${a.periodStart}T09:00:00Z`) + (a.supersedes ? DAY_MS : 0));
}

async function seedAssessments(em: EntityManager): Promise<void> {
  const id = (key: string) => seedId("assessment", key);
  await insertMissing(
    em,
    RiskAssessment,
    DEMO_ASSESSMENTS.map((demo) => {
      const { key, country, author, supersedes, ratings: _r, findings: _f, ...a } = demo;
      return {
        ...a,
        id: id(key),
        countryCode: country,
        originator: author,
        revision: supersedes ? 2 : 1,
        supersedesId: supersedes ? id(supersedes) : null,
        demo: true,
        version: 1,
        createdAt: recordedAt(demo),
        updatedAt: recordedAt(demo),
      };
    }),
  );
  const ratingId = (key: string, factor: number) => seedId("rating", key, String(factor));
  await insertMissing(
    em,
    FactorRating,
    DEMO_ASSESSMENTS.flatMap((a) =>
      Object.entries(a.ratings).map(([factor, level]) => ({
        id: ratingId(a.key, Number(factor)),
        assessment: id(a.key) as never,
        factor: Number(factor) as never,
        level: RatingLevel[level],
        rationale: `[DEMO] Rated ${level.toLowerCase().replace("_", " ")} for demonstration.`,
      })),
    ),
  );
  await insertMissing(
    em,
    Finding,
    DEMO_ASSESSMENTS.flatMap((a) =>
      a.findings.map(({ factor, indicator, ...f }, n) => ({
        ...f,
        id: seedId("finding", a.key, String(n)),
        rating: ratingId(a.key, factor) as never,
        indicator: indicator as never,
      })),
    ),
  );
}

async function seedWatchlists(em: EntityManager): Promise<void> {
  const now = new Date();
  const id = (partner: string) => seedId("watchlist", partner);
  await insertMissing(
    em,
    Watchlist,
    DEMO_WATCHLISTS.map(({ partner, title, marking, releasableTo }) => ({
      id: id(partner),
      originator: partner,
      title,
      marking,
      releasableTo,
      demo: true,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })),
  );
  await insertMissing(
    em,
    WatchlistEntry,
    DEMO_WATCHLISTS.flatMap((w) =>
      w.entries.map(([country, rationale, since], i) => ({
        id: seedId("watchlist-entry", w.partner, country),
        watchlist: id(w.partner) as never,
        countryCode: country,
        rank: i + 1,
        rationale,
        since,
      })),
    ),
  );
}

/** Demo questions are PUBLIC and the operator's; each forecast is made at noon UTC of its day. */
async function seedForecasts(em: EntityManager): Promise<void> {
  const questionId = (key: string) => seedId("forecast-question", key);
  const question = { marking: "PUBLIC" as const, releasableTo: [] as string[], originator: DEMO_OPERATOR };
  await insertMissing(
    em,
    ForecastQuestion,
    DEMO_QUESTIONS.map(({ key, country, criteria, ...q }) => ({
      ...q,
      ...question,
      id: questionId(key),
      countryCode: country,
      event: ForecastEvent.MASS_KILLING_ONSET,
      resolutionCriteria: criteria,
      demo: true,
      version: 1,
      createdAt: new Date(`${q.windowStart}T00:00:00Z`),
      updatedAt: new Date(`${q.resolvedOn ?? q.windowStart}T00:00:00Z`),
    })),
  );
  await insertMissing(
    em,
    Forecast,
    DEMO_FORECASTS.flatMap((h) =>
      h.history.map(([day, probability]) => {
        const at = new Date(`${day}T12:00:00Z`);
        return {
          id: seedId("forecast", h.question, h.partner, day),
          question: questionId(h.question) as never,
          probability,
          rationale: `[DEMO] ${h.partner}'s forecast of ${day}.`,
          originator: h.partner,
          marking: h.marking,
          releasableTo: h.releasableTo,
          madeAt: at,
          demo: true,
          version: 1,
          createdAt: at,
          updatedAt: at,
        };
      }),
    ),
  );
  const now = new Date();
  await insertMissing(
    em,
    Opinion,
    DEMO_OPINIONS.map((o) => {
      return {
        id: seedId("opinion", o.key),
        assessment: seedId("assessment", o.assessment) as never,
        factor: o.factor as never,
        stance: o.stance,
        explanation: o.explanation,
        originator: o.partner,
        marking: o.marking,
        releasableTo: o.releasableTo,
        demo: true,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
    }),
  );
}

/** The Framework of Analysis and, when asked, flagged demo assessments, watchlists, forecasts and opinions; records already there are left as they are. */
export async function seedRisk(em: EntityManager, options: SeedOptions): Promise<void> {
  await insertMissing(em, RiskFactor, RISK_FACTORS);
  await insertMissing(
    em,
    Indicator,
    INDICATORS.map(({ factor, ...i }) => ({ ...i, factor: factor as never })),
  );
  if (!options.demo) return;
  await seedAssessments(em);
  await seedWatchlists(em);
  await seedForecasts(em);
}
