/**
 * Brier scores, the crowd forecast and calibration, from the forecasts a caller may read (see docs/api/risk.md,
 * "Scores"). Days are UTC calendar days written YYYY-MM-DD.
 *
 * - The forecast that stands on a day is the partner's last forecast made on or before that day.
 * - A partner's Brier score on a resolved question is the mean of (p − o)² over every day from the day of its
 *   first forecast to the scoring end (the earlier of the window's last day and the resolution day), both
 *   included; p is the forecast standing that day, o is 1 for RESOLVED_YES and 0 for RESOLVED_NO. A partner whose
 *   first forecast comes after the scoring end has no score on the question.
 * - The crowd forecast of a day is the median of the forecasts standing that day, one per partner.
 * - The crowd's score against a partner is the crowd's Brier score over the same days as the partner's.
 * - Calibration counts every forecast (each update) on resolved questions, made on or before the scoring end,
 *   in ten bins of 10 points ([0, 0.1), [0.1, 0.2) … [0.9, 1]).
 */

export interface ScoredForecast {
  partner: string;
  probability: number;
  madeAt: Date;
}

export interface ResolvedQuestion {
  id: string;
  /** Last day scored: the earlier of the window's end and the resolution day. */
  scoringEnd: string;
  /** 1 when the event happened, 0 when it did not. */
  outcome: 0 | 1;
}

/** A record rests on this many resolved questions at least, or it is provisional. */
export const MIN_QUESTIONS_FOR_A_FIRM_SCORE = 3;

const DAY_MS = 86_400_000;

export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Every day from `first` to `last`, both included (none when `last` is earlier). */
export function daysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`), end = Date.parse(`${last}T00:00:00Z`); t <= end; t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
}

function byTime(a: ScoredForecast, b: ScoredForecast): number {
  return a.madeAt.getTime() - b.madeAt.getTime();
}

/**
 * The forecast standing on each of `days` for one partner (null before its first), given its forecasts.
 * One pass over days and forecasts, both in order.
 */
function standingSeries(forecasts: readonly ScoredForecast[], days: readonly string[]): (number | null)[] {
  const sorted = [...forecasts].sort(byTime);
  const series: (number | null)[] = [];
  let i = 0;
  let current: number | null = null;
  for (const day of days) {
    while (i < sorted.length && dayOf(sorted[i]!.madeAt) <= day) current = sorted[i++]!.probability;
    series.push(current);
  }
  return series;
}

/** The crowd forecast of each day in `days`: the median of the forecasts standing that day (null when none). */
export function crowdSeries(forecasts: readonly ScoredForecast[], days: readonly string[]): (number | null)[] {
  const byPartner = groupByPartner(forecasts);
  const series = [...byPartner.values()].map((f) => standingSeries(f, days));
  return days.map((_, d) => median(series.map((s) => s[d]).filter((p): p is number => p !== null)));
}

function groupByPartner(forecasts: readonly ScoredForecast[]): Map<string, ScoredForecast[]> {
  const byPartner = new Map<string, ScoredForecast[]>();
  for (const f of forecasts) byPartner.set(f.partner, [...(byPartner.get(f.partner) ?? []), f]);
  return byPartner;
}

/** One partner's score on one resolved question, and the crowd's over the same days. */
export interface QuestionScore {
  questionId: string;
  partner: string;
  brier: number;
  crowdBrier: number;
  /** How many days were scored. */
  days: number;
  outcome: 0 | 1;
}

/** The score of each partner with a forecast standing before the question's scoring end. */
export function scoreQuestion(question: ResolvedQuestion, forecasts: readonly ScoredForecast[]): QuestionScore[] {
  if (forecasts.length === 0) return [];
  const firstDay = dayOf(new Date(Math.min(...forecasts.map((f) => f.madeAt.getTime()))));
  const days = daysBetween(firstDay, question.scoringEnd);
  const crowd = crowdSeries(forecasts, days);
  const o = question.outcome;
  const scores: QuestionScore[] = [];
  for (const [partner, own] of groupByPartner(forecasts)) {
    const series = standingSeries(own, days);
    const scored = series.flatMap((p, d) => (p === null ? [] : [{ p, c: crowd[d]! }]));
    if (scored.length === 0) continue;
    scores.push({
      questionId: question.id,
      partner,
      brier: mean(scored.map(({ p }) => (p - o) ** 2))!,
      crowdBrier: mean(scored.map(({ c }) => (c - o) ** 2))!,
      days: scored.length,
      outcome: o,
    });
  }
  return scores.sort((a, b) => (a.partner < b.partner ? -1 : a.partner > b.partner ? 1 : 0));
}

export interface CalibrationBin {
  /** Lower bound of the bin (0, 0.1 … 0.9), included. */
  from: number;
  /** Upper bound (0.1 … 1), excluded except for the last bin. */
  to: number;
  forecasts: number;
  /** How many of them were on questions whose event happened. */
  happened: number;
  /** happened / forecasts; null for an empty bin. */
  frequency: number | null;
}

export function binOf(probability: number): number {
  return Math.min(9, Math.floor(Math.round(probability * 100) / 10));
}

export function calibration(entries: readonly { probability: number; outcome: 0 | 1 }[]): CalibrationBin[] {
  const bins = Array.from({ length: 10 }, (_, i) => ({ from: i / 10, to: (i + 1) / 10, forecasts: 0, happened: 0 }));
  for (const e of entries) {
    const bin = bins[binOf(e.probability)]!;
    bin.forecasts += 1;
    bin.happened += e.outcome;
  }
  return bins.map((b) => ({ ...b, frequency: b.forecasts === 0 ? null : b.happened / b.forecasts }));
}

/** A partner's track record over the resolved questions given. */
export interface TrackRecord {
  partner: string;
  questions: number;
  meanBrier: number | null;
  crowdBrier: number | null;
  /** meanBrier − crowdBrier: below 0, the partner did better than the crowd. */
  versusCrowd: number | null;
  provisional: boolean;
  calibration: CalibrationBin[];
  scores: QuestionScore[];
}

/** Track records of `partners`, from the forecasts on each resolved question (all of them readable by the caller). */
export function trackRecords(
  partners: readonly string[],
  questions: readonly ResolvedQuestion[],
  forecastsByQuestion: ReadonlyMap<string, readonly ScoredForecast[]>,
): TrackRecord[] {
  const scores = questions.flatMap((q) => scoreQuestion(q, forecastsByQuestion.get(q.id) ?? []));
  return partners.map((partner) => {
    const own = scores.filter((s) => s.partner === partner);
    const meanBrier = mean(own.map((s) => s.brier));
    const crowdBrier = mean(own.map((s) => s.crowdBrier));
    const entries = questions.flatMap((q) =>
      (forecastsByQuestion.get(q.id) ?? [])
        .filter((f) => f.partner === partner && dayOf(f.madeAt) <= q.scoringEnd)
        .map((f) => ({ probability: f.probability, outcome: q.outcome })),
    );
    return {
      partner,
      questions: own.length,
      meanBrier,
      crowdBrier,
      versusCrowd: meanBrier === null || crowdBrier === null ? null : meanBrier - crowdBrier,
      provisional: own.length < MIN_QUESTIONS_FOR_A_FIRM_SCORE,
      calibration: calibration(entries),
      scores: own,
    };
  });
}
