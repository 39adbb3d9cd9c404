import { Link, useParams } from "react-router";
import { useQuery } from "urql";
import { ChartFigure } from "../components/ChartFigure";
import { DataTable } from "../components/DataTable";
import { DemoNote } from "../components/Demo";
import { humanize, LIKELIHOODS, likelihoodIndex, RATINGS, ratingIndex } from "../components/levels";
import { Panel } from "../components/Panel";
import { CountryMissionsDocument, CountryPracticesDocument, CountryRiskDocument, type CountryRiskQuery } from "../gql/graphql";
import { useT } from "../i18n/t";
import { useSession } from "../session";
import { ForecastsPanel } from "./Forecasts";

type Assessment = NonNullable<NonNullable<CountryRiskQuery["country"]>["latestRiskAssessments"]>[number];
type History = NonNullable<NonNullable<CountryRiskQuery["country"]>["riskHistory"]>;
type Factors = NonNullable<CountryRiskQuery["riskFactors"]>;

/** Highest minus lowest rating of one factor across the latest assessments that rate it; null under two ratings. */
export function factorDivergence(assessments: Assessment[], factor: number): number | null {
  const levels = assessments.flatMap((a) => a.factorRatings.filter((r) => r.factor.number === factor).map((r) => ratingIndex(r.level)));
  return levels.length < 2 ? null : Math.max(...levels) - Math.min(...levels);
}

function HeatStrip({ assessments, factors }: { assessments: Assessment[]; factors: Factors }) {
  const t = useT();
  return (
    <div className="table-scroll">
      <table className="heat" data-testid="heat-strip">
        <caption>{t("country.factors")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("country.author")}</th>
            {factors.map((f) => {
              const divergence = factorDivergence(assessments, f.number);
              return (
                <th key={f.number} scope="col" title={f.title} className={divergence !== null && divergence >= 2 ? "diverge" : undefined}>
                  <abbr title={f.title}>{f.number}</abbr>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {assessments.map((a) => (
            <tr key={a.id}>
              <th scope="row">{a.author.code}</th>
              {factors.map((f) => {
                const rating = a.factorRatings.find((r) => r.factor.number === f.number);
                const divergence = factorDivergence(assessments, f.number);
                const opinions = a.opinions.filter((o) => o.factor?.number === f.number);
                return (
                  <td
                    key={f.number}
                    className={`rt rt-${rating?.level ?? "none"}${divergence !== null && divergence >= 2 ? " diverge" : ""}`}
                    data-factor={f.number}
                    data-author={a.author.code}
                    data-level={rating?.level ?? ""}
                  >
                    {rating ? humanize(rating.level) : "—"}
                    {opinions.length > 0 ? (
                      <abbr
                        className="opinion-mark"
                        data-opinions={`${a.author.code}-${f.number}`}
                        title={opinions.map((o) => `${o.author.code}: ${humanize(o.stance)}`).join("; ")}
                      >
                        {" "}
                        ◆{opinions.length}
                      </abbr>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
          <tr>
            <th scope="row">{t("country.divergence")}</th>
            {factors.map((f) => {
              const divergence = factorDivergence(assessments, f.number);
              return (
                <td key={f.number} className={divergence !== null && divergence >= 2 ? "diverge num" : "num"} data-divergence={f.number}>
                  {divergence ?? "—"}
                </td>
              );
            })}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

const W = 640;
const H = 220;
const PAD = 40;
const LINE_CLASSES = ["s0", "s1", "s2", "s3", "s4", "s5"];

function HistoryChart({ history }: { history: History }) {
  const t = useT();
  const dates = history.flatMap((h) => h.assessments.map((a) => Date.parse(a.periodEnd)));
  const min = Math.min(...dates);
  const max = Math.max(...dates);
  const x = (d: string) => PAD + ((Date.parse(d) - min) / Math.max(1, max - min)) * (W - 2 * PAD);
  const y = (l: string) => H - PAD - (likelihoodIndex(l) / (LIKELIHOODS.length - 1)) * (H - 2 * PAD);
  const rows = history.flatMap((h) => h.assessments.map((a) => ({ author: h.author.code, ...a })));
  return (
    <ChartFigure
      id="history"
      caption={t("country.history")}
      chart={
        <svg viewBox={`0 0 ${W} ${H}`} className="line-chart" role="img" aria-label={t("country.history")}>
          {LIKELIHOODS.map((l) => (
            <g key={l}>
              <line x1={PAD} x2={W - PAD} y1={y(l)} y2={y(l)} className="grid" />
              <text x={4} y={y(l) + 4} className="axis">
                {humanize(l)}
              </text>
            </g>
          ))}
          {history.map((h, i) => {
            const points = [...h.assessments].sort((a, b) => a.periodEnd.localeCompare(b.periodEnd));
            const cls = LINE_CLASSES[i % LINE_CLASSES.length];
            return (
              <g key={h.author.code} className={`series ${cls}`}>
                <polyline points={points.map((a) => `${x(a.periodEnd)},${y(a.likelihood)}`).join(" ")} fill="none" />
                {points.map((a) => (
                  <circle key={a.id} cx={x(a.periodEnd)} cy={y(a.likelihood)} r={4} />
                ))}
                {points.length > 0 ? (
                  <text x={x(points[points.length - 1].periodEnd) + 6} y={y(points[points.length - 1].likelihood) - 6} className="label">
                    {h.author.code}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
      }
      table={
        <DataTable
          caption={t("country.history")}
          rows={rows}
          rowKey={(r) => r.id}
          sortable
          columns={[
            { key: "author", label: t("country.author"), value: (r) => r.author },
            { key: "date", label: t("country.date"), value: (r) => r.periodEnd },
            { key: "likelihood", label: t("country.likelihood"), value: (r) => humanize(r.likelihood) },
          ]}
        />
      }
    />
  );
}

export default function CountryPage() {
  const t = useT();
  const { code = "" } = useParams();
  const { session } = useSession();
  const [risk] = useQuery({ query: CountryRiskDocument, variables: { code } });
  const [missions] = useQuery({ query: CountryMissionsDocument, variables: { code } });
  const [practices] = useQuery({ query: CountryPracticesDocument, variables: { code } });
  const country = risk.data?.country;
  const assessments = country?.latestRiskAssessments ?? [];
  const name = country?.name ?? practices.data?.country?.name ?? code;
  const demo = assessments.some((a) => a.demo) || (practices.data?.country?.practices ?? []).some((p) => p.demo);
  return (
    <>
      <h1>{t("country.title", { name })}</h1>
      <DemoNote show={demo} />
      <Panel
        title={t("country.assessments")}
        fetching={risk.fetching}
        error={risk.error}
        ready={!!risk.data?.riskFactors && risk.data.country !== undefined}
        id="assessments"
      >
        {!country ? (
          <p>{t("app.notFound")}</p>
        ) : assessments.length === 0 ? (
          <p>{t("country.none")}</p>
        ) : (
          <>
            <DataTable
              caption={t("country.assessments")}
              rows={assessments}
              rowKey={(a) => a.id}
              columns={[
                { key: "author", label: t("country.author"), value: (a) => `${a.author.name} (${a.author.code})` },
                { key: "likelihood", label: t("country.likelihood"), value: (a) => humanize(a.likelihood) },
                { key: "confidence", label: t("country.confidence"), value: (a) => humanize(a.confidence) },
                { key: "stage", label: t("country.stage"), value: (a) => humanize(a.stage) },
                { key: "trend", label: t("country.trend"), value: (a) => humanize(a.trend) },
                { key: "period", label: t("country.period"), value: (a) => `${a.periodStart} – ${a.periodEnd}` },
              ]}
            />
            <HeatStrip assessments={assessments} factors={risk.data?.riskFactors ?? []} />
            <p className="legend">
              {RATINGS.map((r) => (
                <span key={r} className={`rt rt-${r} chip`}>
                  {humanize(r)}
                </span>
              ))}
              <span className="chip diverge">{t("map.divergence")}</span>
            </p>
            <h3>{t("country.findings")}</h3>
            <DataTable
              caption={t("country.findings")}
              rows={assessments.flatMap((a) =>
                a.factorRatings.flatMap((r) => r.findings.map((f) => ({ author: a.author.code, factor: r.factor.number, ...f }))),
              )}
              rowKey={(f) => f.id}
              columns={[
                { key: "author", label: t("country.author"), value: (f) => f.author },
                { key: "factor", label: t("country.factor"), value: (f) => f.factor, numeric: true },
                { key: "date", label: t("country.date"), value: (f) => f.observedOn },
                {
                  key: "evidence",
                  label: t("country.evidence"),
                  value: (f) => f.evidence ?? null,
                  render: (f) => f.evidence ?? <em className="restricted">{t("app.restricted")}</em>,
                },
              ]}
            />
            <h3>{t("opinion.title")}</h3>
            <p className="legend">{t("opinion.legend")}</p>
            <DataTable
              id="opinions"
              caption={t("opinion.title")}
              rows={assessments.flatMap((a) => a.opinions.map((o) => ({ on: a.author.code, ...o })))}
              rowKey={(o) => o.id}
              columns={[
                { key: "on", label: t("opinion.on"), value: (o) => o.on },
                { key: "by", label: t("opinion.by"), value: (o) => o.author.code },
                { key: "factor", label: t("country.factor"), value: (o) => o.factor?.number ?? t("opinion.whole") },
                {
                  key: "stance",
                  label: t("opinion.stance"),
                  value: (o) => humanize(o.stance),
                  render: (o) => <span data-stance={o.id}>{humanize(o.stance)}</span>,
                },
                { key: "explanation", label: t("opinion.explanation"), value: (o) => o.explanation },
              ]}
            />
            {country.riskHistory && country.riskHistory.length > 0 ? <HistoryChart history={country.riskHistory} /> : null}
          </>
        )}
      </Panel>
      <ForecastsPanel code={code} partner={session.signedIn ? (session.partner ?? null) : null} />
      <Panel
        title={t("country.missions")}
        fetching={missions.fetching}
        error={missions.error}
        ready={!!missions.data?.country?.missions}
        id="missions"
      >
        {(missions.data?.country?.missions ?? []).length === 0 ? (
          <p>{t("app.none")}</p>
        ) : (
          <ul>
            {missions.data?.country?.missions?.map((m) => (
              <li key={m.acronym}>
                <Link to={`/missions/${m.acronym}`}>
                  {m.acronym}: {m.name}
                </Link>{" "}
                ({humanize(m.status)})
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel
        title={t("country.practices", { name })}
        fetching={practices.fetching}
        error={practices.error}
        ready={!!practices.data?.country?.practices}
        id="practices"
      >
        {(practices.data?.country?.practices ?? []).length === 0 ? (
          <p>{t("app.none")}</p>
        ) : (
          <ul>
            {practices.data?.country?.practices?.map((p) => (
              <li key={p.id} data-practice={p.id}>
                {p.title} — {p.partner.code}, {p.theme.name}, {p.date}
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </>
  );
}
