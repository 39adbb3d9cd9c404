import { useState } from "react";
import { useQuery } from "urql";
import { ChartFigure } from "../components/ChartFigure";
import { DataTable } from "../components/DataTable";
import { humanize } from "../components/levels";
import { Panel } from "../components/Panel";
import { CountryForecastsDocument, type CountryForecastsQuery } from "../gql/graphql";
import { useT } from "../i18n/t";

type Question = NonNullable<CountryForecastsQuery["forecastQuestions"]>["nodes"][number];
type ForecastRecord = NonNullable<CountryForecastsQuery["forecastRecords"]>[number];

const W = 640;
const H = 220;
const PAD = 40;
const LINE_CLASSES = ["s0", "s1", "s2", "s3", "s4", "s5"];

/** Probabilities as people read them: 0.35 -> "35%". */
export const percent = (p: number | null | undefined) => (p === null || p === undefined ? "—" : `${Math.round(p * 1000) / 10}%`);
const fixed = (v: number | null | undefined) => (v === null || v === undefined ? "—" : v.toFixed(4));

/** The crowd's latest daily median, as the question's `crowd` series tells it. */
export function latestCrowd(q: Question): number | null {
  return q.crowd.length === 0 ? null : q.crowd[q.crowd.length - 1].probability;
}

function QuestionChart({ question }: { question: Question }) {
  const t = useT();
  const days = [...question.forecasts.map((f) => f.madeAt.slice(0, 10)), ...question.crowd.map((c) => c.day)].map((d) => Date.parse(d));
  const min = Math.min(...days);
  const max = Math.max(...days);
  const x = (d: string) => PAD + ((Date.parse(d.slice(0, 10)) - min) / Math.max(1, max - min)) * (W - 2 * PAD);
  const y = (p: number) => H - PAD - p * (H - 2 * PAD);
  const authors = [...new Set(question.forecasts.map((f) => f.author.code))].sort();
  const caption = t("forecast.chart", { window: `${question.windowStart} – ${question.windowEnd}`, status: humanize(question.status) });
  const rows = [
    ...question.crowd.map((c) => ({ key: `crowd-${c.day}`, who: t("forecast.crowd"), day: c.day, p: c.probability })),
    ...question.forecasts.map((f) => ({ key: f.id, who: f.author.code, day: f.madeAt.slice(0, 10), p: f.probability })),
  ];
  return (
    <ChartFigure
      id={`forecast-${question.id}`}
      caption={caption}
      chart={
        <svg viewBox={`0 0 ${W} ${H}`} className="line-chart" role="img" aria-label={caption}>
          {[0, 0.25, 0.5, 0.75, 1].map((p) => (
            <g key={p}>
              <line x1={PAD} x2={W - PAD} y1={y(p)} y2={y(p)} className="grid" />
              <text x={4} y={y(p) + 4} className="axis">
                {percent(p)}
              </text>
            </g>
          ))}
          {authors.map((code, i) => {
            const points = question.forecasts.filter((f) => f.author.code === code).sort((a, b) => a.madeAt.localeCompare(b.madeAt));
            const last = points[points.length - 1];
            return (
              <g key={code} className={`series ${LINE_CLASSES[i % LINE_CLASSES.length]}`}>
                <polyline points={points.map((f) => `${x(f.madeAt)},${y(f.probability)}`).join(" ")} />
                {points.map((f) => (
                  <circle key={f.id} cx={x(f.madeAt)} cy={y(f.probability)} r={3.5} />
                ))}
                <text x={x(last.madeAt) + 6} y={y(last.probability) - 6} className="label">
                  {code}
                </text>
              </g>
            );
          })}
          {question.crowd.length > 0 ? (
            <g className="series crowd">
              <polyline points={question.crowd.map((c) => `${x(c.day)},${y(c.probability)}`).join(" ")} />
              <text
                x={x(question.crowd[question.crowd.length - 1].day) + 6}
                y={y(question.crowd[question.crowd.length - 1].probability) + 14}
                className="label"
              >
                {t("forecast.crowd")}
              </text>
            </g>
          ) : null}
        </svg>
      }
      table={
        <DataTable
          caption={caption}
          rows={rows}
          rowKey={(r) => r.key}
          sortable
          columns={[
            { key: "who", label: t("forecast.who"), value: (r) => r.who },
            { key: "day", label: t("country.date"), value: (r) => r.day },
            { key: "p", label: t("forecast.probability"), value: (r) => r.p, render: (r) => percent(r.p), numeric: true },
          ]}
        />
      }
    />
  );
}

const C = 260;
const CP = 36;

function CalibrationPlot({ record }: { record: ForecastRecord }) {
  const t = useT();
  const s = (v: number) => CP + v * (C - 2 * CP);
  const caption = t("forecast.calibration", { partner: record.partner.code });
  const filled = record.calibration.filter((b) => b.frequency !== null && b.frequency !== undefined);
  return (
    <ChartFigure
      id="calibration"
      caption={caption}
      chart={
        <svg viewBox={`0 0 ${C} ${C}`} className="calibration" role="img" aria-label={caption}>
          <line x1={s(0)} y1={C - s(0)} x2={s(1)} y2={C - s(1)} className="diagonal" />
          <line x1={s(0)} y1={C - s(0)} x2={s(1)} y2={C - s(0)} className="grid" />
          <line x1={s(0)} y1={C - s(0)} x2={s(0)} y2={C - s(1)} className="grid" />
          <text x={s(0.5)} y={C - 6} className="axis" textAnchor="middle">
            {t("forecast.said")}
          </text>
          <text x={4} y={CP - 10} className="axis">
            {t("forecast.happened")}
          </text>
          <g className="series s0">
            {filled.map((b) => (
              <circle key={b.from} cx={s((b.from + b.to) / 2)} cy={C - s(b.frequency ?? 0)} r={3 + Math.min(6, Math.sqrt(b.forecasts))} />
            ))}
          </g>
        </svg>
      }
      table={
        <DataTable
          caption={caption}
          rows={record.calibration}
          rowKey={(b) => String(b.from)}
          columns={[
            { key: "bin", label: t("forecast.said"), value: (b) => `${percent(b.from)} – ${percent(b.to)}` },
            { key: "forecasts", label: t("forecast.forecasts"), value: (b) => b.forecasts, numeric: true },
            { key: "happened", label: t("forecast.happenedCount"), value: (b) => b.happened, numeric: true },
            {
              key: "frequency",
              label: t("forecast.happened"),
              value: (b) => b.frequency ?? null,
              render: (b) => percent(b.frequency),
              numeric: true,
            },
          ]}
        />
      }
    />
  );
}

/** The country's forecast questions (each partner's forecasts over time and the crowd line) and the partners' track records. */
export function ForecastsPanel({ code, partner }: { code: string; partner: string | null }) {
  const t = useT();
  const [result] = useQuery({ query: CountryForecastsDocument, variables: { code } });
  const questions = result.data?.forecastQuestions?.nodes ?? [];
  const records = (result.data?.forecastRecords ?? []).filter((r) => r.questions > 0);
  const [chosen, setChosen] = useState<string | null>(null);
  const selected = records.find((r) => r.partner.code === chosen) ?? records.find((r) => r.partner.code === partner) ?? records[0];
  return (
    <Panel title={t("forecast.title")} fetching={result.fetching} error={result.error} ready={!!result.data} id="forecasts">
      {questions.length === 0 ? (
        <p>{t("forecast.none")}</p>
      ) : (
        <>
          <DataTable
            id="questions"
            caption={t("forecast.questions")}
            rows={questions}
            rowKey={(q) => q.id}
            columns={[
              { key: "window", label: t("forecast.window"), value: (q) => `${q.windowStart} – ${q.windowEnd}` },
              { key: "status", label: t("mission.status"), value: (q) => humanize(q.status) },
              {
                key: "crowd",
                label: t("forecast.latestCrowd"),
                value: (q) => latestCrowd(q),
                render: (q) => <span data-crowd={q.id}>{percent(latestCrowd(q))}</span>,
                numeric: true,
              },
            ]}
          />
          {questions.map((q) => (
            <QuestionChart key={q.id} question={q} />
          ))}
        </>
      )}
      <h3>{t("forecast.records")}</h3>
      {records.length === 0 ? (
        <p>{t("app.none")}</p>
      ) : (
        <>
          <DataTable
            id="records"
            caption={t("forecast.records")}
            rows={records}
            rowKey={(r) => r.partner.code}
            sortable
            columns={[
              { key: "partner", label: t("mission.contributor"), value: (r) => r.partner.code },
              { key: "questions", label: t("forecast.questionCount"), value: (r) => r.questions, numeric: true },
              {
                key: "brier",
                label: t("forecast.brier"),
                value: (r) => r.meanBrier ?? null,
                render: (r) => <span data-brier={r.partner.code}>{fixed(r.meanBrier)}</span>,
                numeric: true,
              },
              {
                key: "crowd",
                label: t("forecast.crowdBrier"),
                value: (r) => r.crowdBrier ?? null,
                render: (r) => fixed(r.crowdBrier),
                numeric: true,
              },
              {
                key: "versus",
                label: t("forecast.versus"),
                value: (r) => r.versusCrowd ?? null,
                render: (r) => fixed(r.versusCrowd),
                numeric: true,
              },
              {
                key: "provisional",
                label: t("forecast.provisional"),
                value: (r) => (r.provisional ? t("forecast.yes") : t("forecast.no")),
              },
            ]}
          />
          <p className="source">{t("forecast.brierNote")}</p>
          <label>
            {t("forecast.partner")}{" "}
            <select value={selected?.partner.code ?? ""} onChange={(e) => setChosen(e.target.value)}>
              {records.map((r) => (
                <option key={r.partner.code} value={r.partner.code}>
                  {r.partner.code}
                </option>
              ))}
            </select>
          </label>
          {selected ? <CalibrationPlot record={selected} /> : null}
        </>
      )}
    </Panel>
  );
}
