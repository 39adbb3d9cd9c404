import { useQuery } from "urql";
import { ChartFigure } from "../components/ChartFigure";
import { DataTable } from "../components/DataTable";
import { humanize } from "../components/levels";
import { Panel } from "../components/Panel";
import { MissionReadinessDocument, type MissionReadinessQuery, PledgingEventFunnelDocument } from "../gql/graphql";
import { useT } from "../i18n/t";
import { percent } from "./Forecasts";

type Pledge = NonNullable<MissionReadinessQuery["pledges"]>["nodes"][number];
type Share = NonNullable<Pledge["contributor"]["womenShare"]>[number];

const Restricted = ({ marking }: { marking: string }) => {
  const t = useT();
  return marking === "PUBLIC" ? null : <em className="restricted"> ({t("app.restricted")})</em>;
};

/** One row per contributor and personnel category with deployed personnel: its share of women against the target. */
export function shareRows(pledges: Pledge[]): (Share & { contributor: string })[] {
  const seen = new Map<string, Pledge["contributor"]>();
  for (const p of pledges) seen.set(p.contributor.code, p.contributor);
  return [...seen.values()]
    .sort((a, b) => a.code.localeCompare(b.code))
    .flatMap((c) => (c.womenShare ?? []).filter((s) => s.deployedPersonnel > 0).map((s) => ({ contributor: c.code, ...s })));
}

function ShareChart({ rows }: { rows: ReturnType<typeof shareRows> }) {
  const t = useT();
  const x = (v: number) => 260 + v * 440;
  return (
    <svg viewBox={`0 0 760 ${rows.length * 24 + 30}`} className="bars" role="img" aria-label={t("women.title")}>
      {[0, 0.1, 0.2, 0.3, 0.4, 0.5].map((v) => (
        <g key={v}>
          <line x1={x(v)} x2={x(v)} y1={0} y2={rows.length * 24} className="grid" />
          <text x={x(v)} y={rows.length * 24 + 16} className="axis" textAnchor="middle">
            {percent(v)}
          </text>
        </g>
      ))}
      {rows.map((r, i) => (
        <g key={`${r.contributor}-${r.category}`}>
          <text x={0} y={i * 24 + 15} className="label">
            {r.contributor} — {humanize(r.category)}
          </text>
          <rect
            x={x(0)}
            y={i * 24 + 4}
            width={Math.min(1, r.deployedShare ?? 0) * 440}
            height={14}
            className={r.deployedMeetsTarget ? "bar-meets" : "bar-below"}
          />
          <line x1={x(r.target)} x2={x(r.target)} y1={i * 24 + 1} y2={i * 24 + 21} className="target" />
          <text x={x(Math.max(r.deployedShare ?? 0, r.target)) + 6} y={i * 24 + 15} className="value">
            {percent(r.deployedShare)}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** Why each pledge stands at its level (visits, caveats), rotations due within 90 days, and women's share against the 2028 targets. */
export function ReadinessPanels({ acronym }: { acronym: string }) {
  const t = useT();
  const [result] = useQuery({ query: MissionReadinessDocument, variables: { acronym } });
  const pledges = result.data?.pledges?.nodes ?? [];
  const rotations = result.data?.upcomingRotations?.nodes ?? [];
  const uncovered = rotations.filter((r) => r.rotationUncovered).length;
  const shares = shareRows(pledges);
  const targets = result.data?.genderParityTargets ?? [];
  const common = { fetching: result.fetching, error: result.error, ready: !!result.data };
  return (
    <>
      <Panel title={t("visits.title")} id="visits" {...common}>
        <DataTable
          caption={t("visits.title")}
          rows={pledges}
          rowKey={(p) => p.id}
          sortable
          columns={[
            { key: "contributor", label: t("mission.contributor"), value: (p) => p.contributor.code },
            { key: "capability", label: t("mission.capability"), value: (p) => p.capabilityType.name },
            { key: "readiness", label: t("write.readiness"), value: (p) => humanize(p.readiness) },
            { key: "status", label: t("mission.status"), value: (p) => humanize(p.status) },
            {
              key: "visits",
              label: t("visits.visits"),
              value: (p) => p.visits.length,
              render: (p) =>
                p.visits.length === 0 ? (
                  "—"
                ) : (
                  <ul className="plain" data-visits={p.id}>
                    {p.visits.map((v) => (
                      <li key={v.id}>
                        {v.kind.replace(/_/g, " ")} {v.date}: {v.passed ? t("visits.passed") : t("visits.failed")}
                        <Restricted marking={v.marking} />
                      </li>
                    ))}
                  </ul>
                ),
            },
            {
              key: "caveats",
              label: t("visits.caveats"),
              value: (p) => p.caveats.length,
              render: (p) =>
                p.caveats.length === 0 ? (
                  "—"
                ) : (
                  <ul className="plain" data-caveats={p.id}>
                    {p.caveats.map((c) => (
                      <li key={c.id}>
                        {humanize(c.kind)}: {c.text}
                        <Restricted marking={c.marking} />
                      </li>
                    ))}
                  </ul>
                ),
            },
          ]}
        />
        <p className="source">{t("visits.note")}</p>
      </Panel>
      <Panel title={t("rotations.title")} id="rotations" {...common}>
        <p>
          {t("rotations.summary", { count: rotations.length })}{" "}
          <strong data-testid="uncovered" data-count={uncovered} className={uncovered > 0 ? "flag" : undefined}>
            {t("rotations.uncovered", { count: uncovered })}
          </strong>
        </p>
        <DataTable
          caption={t("rotations.title")}
          rows={[...rotations].sort((a, b) => (a.rotationDue ?? "").localeCompare(b.rotationDue ?? ""))}
          rowKey={(r) => r.id}
          columns={[
            { key: "due", label: t("rotations.due"), value: (r) => r.rotationDue ?? null },
            { key: "contributor", label: t("mission.contributor"), value: (r) => r.contributor.code },
            { key: "capability", label: t("mission.capability"), value: (r) => r.capabilityType.name },
            { key: "personnel", label: t("mission.personnel"), value: (r) => r.personnel, numeric: true },
            {
              key: "replacement",
              label: t("rotations.replacement"),
              value: (r) => r.replacement?.contributor.code ?? null,
              render: (r) =>
                r.rotationUncovered ? <strong className="flag">{t("rotations.none")}</strong> : (r.replacement?.contributor.code ?? "—"),
            },
          ]}
        />
      </Panel>
      <Panel title={t("women.title")} id="women" {...common}>
        <ChartFigure
          id="women-chart"
          caption={t("women.title")}
          chart={<ShareChart rows={shares} />}
          table={
            <DataTable
              caption={t("women.title")}
              rows={shares}
              rowKey={(r) => `${r.contributor}-${r.category}`}
              columns={[
                { key: "contributor", label: t("mission.contributor"), value: (r) => r.contributor },
                { key: "category", label: t("women.category"), value: (r) => humanize(r.category) },
                { key: "deployed", label: t("mission.deployed"), value: (r) => r.deployedPersonnel, numeric: true },
                {
                  key: "share",
                  label: t("women.share"),
                  value: (r) => r.deployedShare ?? null,
                  render: (r) => <span data-share={`${r.contributor}-${r.category}`}>{percent(r.deployedShare)}</span>,
                  numeric: true,
                },
                { key: "target", label: t("women.target"), value: (r) => r.target, render: (r) => percent(r.target), numeric: true },
                {
                  key: "pledged",
                  label: t("women.pledged"),
                  value: (r) => r.pledgedShare ?? null,
                  render: (r) => percent(r.pledgedShare),
                  numeric: true,
                },
              ]}
            />
          }
        />
        <p className="legend">
          <span className="chip bar-meets">{t("women.meets")}</span> <span className="chip bar-below">{t("women.below")}</span>{" "}
          {t("women.targets", { targets: targets.map((g) => `${humanize(g.category)} ${percent(g.target)} (${g.year})`).join(", ") })}
        </p>
      </Panel>
    </>
  );
}

/** A pledging event's funnel from podium to ground: pledged, reaching each readiness level, deployed. */
export function EventFunnel({ code }: { code: string }) {
  const t = useT();
  const [result] = useQuery({ query: PledgingEventFunnelDocument, variables: { code } });
  const f = result.data?.pledgingEvent?.funnel;
  const steps = f
    ? [
        { key: "pledged", label: t("event.pledged"), pledges: f.pledges, units: f.units },
        ...f.reached.map((r) => ({ key: r.readiness, label: humanize(r.readiness), pledges: r.pledges, units: r.units })),
        { key: "deployed", label: t("mission.deployed"), pledges: f.deployedPledges, units: f.deployedUnits },
      ]
    : [];
  const max = Math.max(1, ...steps.map((s) => s.pledges));
  return (
    <Panel title={t("funnel.title")} id="funnel" fetching={result.fetching} error={result.error} ready={!!result.data}>
      {f ? (
        <>
          <ChartFigure
            id="funnel-chart"
            caption={t("funnel.title")}
            chart={
              <svg viewBox={`0 0 760 ${steps.length * 30 + 10}`} className="bars" role="img" aria-label={t("funnel.title")}>
                {steps.map((s, i) => (
                  <g key={s.key}>
                    <text x={0} y={i * 30 + 18} className="label">
                      {s.label}
                    </text>
                    <rect x={200} y={i * 30 + 5} width={(s.pledges / max) * 480} height={18} className="bar-deployed" />
                    <text x={206 + (s.pledges / max) * 480} y={i * 30 + 18} className="value">
                      {s.pledges}
                    </text>
                  </g>
                ))}
              </svg>
            }
            table={
              <DataTable
                caption={t("funnel.title")}
                rows={steps}
                rowKey={(s) => s.key}
                columns={[
                  { key: "step", label: t("funnel.step"), value: (s) => s.label },
                  { key: "pledges", label: t("mission.pledges"), value: (s) => s.pledges, numeric: true },
                  { key: "units", label: t("mission.units"), value: (s) => s.units, numeric: true },
                ]}
              />
            }
          />
          <p data-testid="median">
            {t("funnel.median", {
              days:
                f.medianDaysToDeployment === null || f.medianDaysToDeployment === undefined ? "—" : Math.round(f.medianDaysToDeployment),
            })}
          </p>
        </>
      ) : (
        <p>{t("app.notFound")}</p>
      )}
    </Panel>
  );
}
