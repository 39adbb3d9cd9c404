import { FORECAST_QUESTION } from "@concert/policy";
import { badUserInput, isUuid, notFound, optionalDate, requireDate, requireText, type SubgraphContext, today } from "@concert/subgraph-kit";
import { LockMode } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { QuestionStatus } from "../entities/enums.js";
import { ForecastQuestion } from "../entities/forecast-question.js";

/** A question's window is at most this long. */
export const MAX_WINDOW_MONTHS = 24;

/** The first day after `months` months from `day` (YYYY-MM-DD): a window starting on `day` must end before it. */
function monthsAfter(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1 + months, d!)).toISOString().slice(0, 10);
}

export function validateWindow(start: string, end: string): void {
  requireDate("input.windowStart", start);
  requireDate("input.windowEnd", end);
  if (end < start) throw badUserInput("input.windowEnd", "the window must not end before it starts");
  if (end >= monthsAfter(start, MAX_WINDOW_MONTHS)) {
    throw badUserInput("input.windowEnd", `a window lasts at most ${MAX_WINDOW_MONTHS} months`);
  }
}

/** 0–1 with at most two decimals (a percentage point is the finest step a forecast states). */
export function validateProbability(field: string, p: number): void {
  if (!(p >= 0 && p <= 1)) throw badUserInput(field, "must be between 0 and 1");
  if (Math.abs(p * 100 - Math.round(p * 100)) > 1e-9) throw badUserInput(field, "at most two decimals (e.g. 0.15)");
}

/** The settled states; once settled, a question does not change again. */
const SETTLED: readonly QuestionStatus[] = [QuestionStatus.RESOLVED_YES, QuestionStatus.RESOLVED_NO, QuestionStatus.ANNULLED];

/** Checks a resolution against the question and returns the day it takes effect. */
export function checkResolution(
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
export async function questionToForecast(ctx: SubgraphContext, em: EntityManager, id: string): Promise<ForecastQuestion> {
  const q = isUuid(id) ? await em.findOne(ForecastQuestion, { id }, { lockMode: LockMode.PESSIMISTIC_READ }) : null;
  if (!q || !FORECAST_QUESTION.canRead(ctx.viewer, q)) throw notFound(`ForecastQuestion ${id}`);
  if (q.status !== QuestionStatus.OPEN) throw badUserInput("input.question", `the question is ${q.status}: no more forecasts`);
  if (today() > q.windowEnd) throw badUserInput("input.question", "the question's window has ended: no more forecasts");
  return q;
}
