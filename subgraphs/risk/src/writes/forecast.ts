import { decideForecastQuestionChange, FORECAST, FORECAST_QUESTION } from "@concert/policy";
import { validateMarking } from "@concert/subgraph-kit/access";
import { badUserInput, notFound } from "@concert/subgraph-kit/errors";
import { isUuid } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import {
  changeRecord,
  createRecord,
  optionalDate,
  requireCountry,
  requireDate,
  requireText,
  today,
  type WrittenKind,
} from "@concert/subgraph-kit/writes";
import { LockMode } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { QuestionStatus } from "../entities/enums.js";
import { Forecast } from "../entities/forecast.js";
import { ForecastQuestion } from "../entities/forecast-question.js";
import type { ForecastInput, ForecastQuestionInput, QuestionResolutionInput } from "../inputs/forecast-inputs.js";

/** The operator's questions: its admins alone open and settle them. */
export const QUESTIONS: WrittenKind<ForecastQuestion> = {
  entity: ForecastQuestion,
  declaration: FORECAST_QUESTION,
  action: (viewer) => decideForecastQuestionChange(viewer),
};

export const FORECASTS: WrittenKind<Forecast> = { entity: Forecast, declaration: FORECAST, action: "forecast.write" };

/** A question's window is at most this long. */
export const MAX_WINDOW_MONTHS = 24;

/** The first day after `months` months from `day` (YYYY-MM-DD): a window starting on `day` must end before it. */
function monthsAfter(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1 + months, d!)).toISOString().slice(0, 10);
}

function validateWindow(start: string, end: string): void {
  requireDate("input.windowStart", start);
  requireDate("input.windowEnd", end);
  if (end < start) throw badUserInput("input.windowEnd", "the window must not end before it starts");
  if (end >= monthsAfter(start, MAX_WINDOW_MONTHS)) {
    throw badUserInput("input.windowEnd", `a window lasts at most ${MAX_WINDOW_MONTHS} months`);
  }
}

/** 0–1 with at most two decimals (a percentage point is the finest step a forecast states). */
function validateProbability(field: string, p: number): void {
  if (!(p >= 0 && p <= 1)) throw badUserInput(field, "must be between 0 and 1");
  if (Math.abs(p * 100 - Math.round(p * 100)) > 1e-9) throw badUserInput(field, "at most two decimals (e.g. 0.15)");
}

/** The settled states; once settled, a question does not change again. */
const SETTLED: readonly QuestionStatus[] = [QuestionStatus.RESOLVED_YES, QuestionStatus.RESOLVED_NO, QuestionStatus.ANNULLED];

/** Checks a resolution against the question and returns the day it takes effect. */
function checkResolution(
  q: ForecastQuestion,
  r: { status: QuestionStatus; resolutionSource?: string | null; resolvedOn?: string | null },
): { resolvedOn: string | null; resolutionSource: string | null } {
  if (SETTLED.includes(q.status)) throw badUserInput("input.status", `the question is already ${q.status}`);
  if (r.status === QuestionStatus.OPEN) throw badUserInput("input.status", "a question cannot be reopened");
  if (r.status === QuestionStatus.CLOSED) {
    if (q.status === QuestionStatus.CLOSED) throw badUserInput("input.status", "the question is already CLOSED");
    optionalDate("input.resolvedOn", r.resolvedOn);
    return { resolvedOn: null, resolutionSource: null };
  }
  if (r.resolutionSource === null || r.resolutionSource === undefined) {
    throw badUserInput("input.resolutionSource", "say what the resolution rests on");
  }
  const source = requireText("input.resolutionSource", r.resolutionSource);
  const on = r.resolvedOn ?? today();
  requireDate("input.resolvedOn", on, { notAfterToday: true });
  if (on < q.windowStart) throw badUserInput("input.resolvedOn", "must not be before the window's first day");
  return { resolvedOn: on, resolutionSource: source };
}

/**
 * The question a forecast is made on, inside the write's transaction, locked against a concurrent close (FOR
 * SHARE): one the caller may not read is NOT_FOUND exactly like a missing one; one that is not OPEN, or whose
 * window has ended, is BAD_USER_INPUT.
 */
async function questionToForecast(ctx: SubgraphContext, em: EntityManager, id: string): Promise<ForecastQuestion> {
  const q = isUuid(id) ? await em.findOne(ForecastQuestion, { id }, { lockMode: LockMode.PESSIMISTIC_READ }) : null;
  if (!q || !FORECAST_QUESTION.canRead(ctx.viewer, q)) throw notFound(`ForecastQuestion ${id}`);
  if (q.status !== QuestionStatus.OPEN) throw badUserInput("input.question", `the question is ${q.status}: no more forecasts`);
  if (today() > q.windowEnd) throw badUserInput("input.question", "the question's window has ended: no more forecasts");
  return q;
}

/** Opens a question (the operator's admins only). */
export function openQuestion(ctx: SubgraphContext, input: ForecastQuestionInput): Promise<ForecastQuestion> {
  return createRecord(ctx, QUESTIONS, {
    owned: false,
    audit: "open",
    check: () => {
      requireCountry("input.country", input.country);
      validateWindow(input.windowStart, input.windowEnd);
      requireText("input.resolutionCriteria", input.resolutionCriteria);
      validateMarking("input", input.marking, input.releasableTo);
    },
    values: () => ({
      countryCode: input.country,
      event: input.event,
      windowStart: input.windowStart,
      windowEnd: input.windowEnd,
      resolutionCriteria: requireText("input.resolutionCriteria", input.resolutionCriteria),
      status: QuestionStatus.OPEN,
      originator: ctx.viewer.partner!,
      marking: input.marking,
      releasableTo: input.releasableTo,
    }),
  });
}

/** Closes a question to new forecasts, or settles it (the operator's admins only). */
export function resolveQuestion(ctx: SubgraphContext, id: string, expectedVersion: number, input: QuestionResolutionInput) {
  const audit = input.status === QuestionStatus.CLOSED ? "close" : "resolve";
  return changeRecord(ctx, QUESTIONS, { id, expectedVersion, audit, allow: "any" }, (q) => {
    const settled = checkResolution(q, input);
    Object.assign(q, { status: input.status, ...settled });
    return q;
  });
}

/** Records the caller's partner's forecast on an OPEN question it may read. */
export function submitForecast(ctx: SubgraphContext, input: ForecastInput): Promise<Forecast> {
  return createRecord(ctx, FORECASTS, {
    check: () => {
      validateProbability("input.probability", input.probability);
      requireText("input.rationale", input.rationale);
      validateMarking("input", input.marking, input.releasableTo);
    },
    values: async (em) => ({
      question: await questionToForecast(ctx, em, input.question),
      probability: input.probability,
      rationale: requireText("input.rationale", input.rationale),
      originator: ctx.viewer.partner!,
      marking: input.marking,
      releasableTo: input.releasableTo,
      madeAt: new Date(),
    }),
  });
}
