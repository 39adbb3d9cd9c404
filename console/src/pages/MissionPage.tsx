import { Link, useParams } from "react-router";
import { useQuery } from "urql";
import { ChartFigure } from "../components/ChartFigure";
import { type Column, DataTable } from "../components/DataTable";
import { DemoNote } from "../components/Demo";
import { Download } from "../components/Download";
import { humanize, READINESS } from "../components/levels";
import { Loading, Panel } from "../components/Panel";
import { Figure, figureColumn, SuppressionReason } from "../components/Suppressed";
import { type GapFragment, MissionDocument, type MissionQuery, MissionRostersDocument, type PledgeRowFragment } from "../gql/graphql";
import { useT } from "../i18n/t";
import { ReadinessPanels } from "./Readiness";

interface CapabilityRow {
  code: string;
  name: string;
  required: number;
  deployed: number;
  gap: number;
  neededBy: string | null;
  /** Pledged at exactly each readiness level, lowest first. */
  pledgedByLevel: number[];
  pledged: number;
  /** Whether the API left pledges out of `pledged` (the aggregate exception), and so out of `gap`. */
  suppressed: boolean;
  /** The same for each of `pledgedByLevel`: a difference of two figures is suppressed where either is. */
  suppressedByLevel: boolean[];
}

/** Pledged at exactly level k = pledged at k or above minus pledged at the next level or above. */
export function capabilityRows(levels: GapFragment[][]): CapabilityRow[] {
  const [base] = levels;
  return base.map((g) => {
    const found = levels.map((l) => l.find((x) => x.capabilityType.code === g.capabilityType.code));
    const atLeast = found.map((x) => x?.pledged ?? 0);
    const pledgedByLevel = atLeast.map((v, i) => v - (atLeast[i + 1] ?? 0));
    return {
      code: g.capabilityType.code,
      name: g.capabilityType.name,
      required: g.required,
      deployed: g.deployed,
      gap: g.gap,
      neededBy: g.neededBy ?? null,
      pledgedByLevel,
      pledged: g.pledged,
      suppressed: g.pledgedSuppressed,
      suppressedByLevel: found.map((x, i) => !!x?.pledgedSuppressed || !!found[i + 1]?.pledgedSuppressed),
    };
  });
}

/** How a cell of the readiness pipeline says its figures are suppressed, and names them for tests. */
type PipelineCell = NonNullable<MissionQuery["mission"]>["readinessPipeline"][number];
const pipelineCell = {
  suppressed: (c: PipelineCell) => c.suppressed,
  name: (c: PipelineCell) => `${c.readiness}-${c.status}`,
};

const BAR_H = 14;
const ROW_H = 3 * BAR_H + 18;
const LABEL_W = 200;
const CHART_W = 860;

function CapabilityBars({ rows }: { rows: CapabilityRow[] }) {
  const t = useT();
  const max = Math.max(1, ...rows.flatMap((r) => [r.required, r.deployed, r.pledged]));
  const scale = (v: number) => (v / max) * (CHART_W - LABEL_W - 120);
  const height = rows.length * ROW_H + 30;
  return (
    <svg viewBox={`0 0 ${CHART_W} ${height}`} className="bars" role="img" aria-label={t("mission.capabilities")}>
      {rows.map((r, i) => {
        const y0 = i * ROW_H + 4;
        let x = LABEL_W;
        return (
          <g key={r.code} data-capability={r.code}>
            <text x={0} y={y0 + BAR_H * 1.5 + 4} className="label">
              {r.name}
            </text>
            <rect x={LABEL_W} y={y0} width={scale(r.required)} height={BAR_H - 2} className="bar-required" />
            <text x={LABEL_W + scale(r.required) + 4} y={y0 + BAR_H - 4} className="value">
              {t("mission.required")} {r.required}
            </text>
            <rect x={LABEL_W} y={y0 + BAR_H} width={scale(r.deployed)} height={BAR_H - 2} className="bar-deployed" />
            <text x={LABEL_W + scale(r.deployed) + 4} y={y0 + 2 * BAR_H - 4} className="value">
              {t("mission.deployed")} {r.deployed}
            </text>
            {r.pledgedByLevel.map((v, level) => {
              const rect = (
                <rect
                  key={READINESS[level]}
                  x={x}
                  y={y0 + 2 * BAR_H}
                  width={scale(v)}
                  height={BAR_H - 2}
                  className={`bar-pledged rd-${READINESS[level]}`}
                />
              );
              x += scale(v);
              return rect;
            })}
            <text x={x + 4} y={y0 + 3 * BAR_H - 4} className="value">
              {t("mission.pledged")} {r.pledged}
              {r.suppressed ? ` (${t("suppression.mark")})` : ""}
            </text>
          </g>
        );
      })}
      <g transform={`translate(${LABEL_W}, ${rows.length * ROW_H + 12})`} className="legend-svg">
        {READINESS.map((level, i) => (
          <g key={level} transform={`translate(${i * 130}, 0)`}>
            <rect width={12} height={12} className={`bar-pledged rd-${level}`} />
            <text x={16} y={10} className="value">
              {humanize(level)}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}

function Funnel({ cells }: { cells: { readiness: string; pledges: number }[] }) {
  const t = useT();
  const totals = READINESS.map((level) => cells.filter((c) => c.readiness === level).reduce((n, c) => n + c.pledges, 0));
  const max = Math.max(1, ...totals);
  const W = 520;
  return (
    <svg viewBox={`0 0 ${W} ${READINESS.length * 34}`} className="funnel" role="img" aria-label={t("mission.pipeline")}>
      {READINESS.map((level, i) => {
        const w = Math.max(2, (totals[i] / max) * (W - 220));
        return (
          <g key={level} data-level={level} data-pledges={totals[i]}>
            <rect x={(W - 220 - w) / 2 + 200} y={i * 34 + 4} width={w} height={26} className={`bar-pledged rd-${level}`} />
            <text x={0} y={i * 34 + 22} className="label">
              {humanize(level)}: {totals[i]}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function PledgeTable({ caption, rows }: { caption: string; rows: PledgeRowFragment[] }) {
  const t = useT();
  const columns: Column<PledgeRowFragment>[] = [
    { key: "contributor", label: t("mission.contributor"), value: (p) => `${p.contributor.name} (${p.contributor.code})` },
    { key: "capability", label: t("mission.capability"), value: (p) => p.capabilityType.name },
    { key: "quantity", label: t("mission.units"), value: (p) => p.quantity, numeric: true },
    { key: "personnel", label: t("mission.personnel"), value: (p) => p.personnel, numeric: true },
    { key: "readiness", label: t("write.readiness"), value: (p) => humanize(p.readiness) },
    { key: "status", label: t("mission.status"), value: (p) => humanize(p.status) },
    { key: "renewal", label: t("mission.renewalDue"), value: (p) => p.renewalDue ?? null },
  ];
  return <DataTable caption={caption} rows={rows} rowKey={(p) => p.id} columns={columns} sortable />;
}

/** The mission's host countries, each a link to its country page. */
function HostCountries({ countries }: { countries: readonly { code: string; name?: string | null }[] }) {
  const t = useT();
  return (
    <p>
      {t("mission.hosts")}:{" "}
      {countries.map((c, i) => (
        <span key={c.code}>
          {i > 0 ? ", " : ""}
          <Link to={`/countries/${c.code}`}>{c.name}</Link>
        </span>
      ))}
    </p>
  );
}

/** The mission's capabilities, gaps and pledge pipeline: each figure marked where the aggregate exception suppressed it. */
function MissionFigures({ m, rows }: { m: NonNullable<MissionQuery["mission"]>; rows: CapabilityRow[] }) {
  const t = useT();
  return (
    <>
      <HostCountries countries={m.hostCountries} />
      <ChartFigure
        id="capability-bars"
        caption={t("mission.capabilities")}
        chart={<CapabilityBars rows={rows} />}
        table={
          <DataTable
            caption={t("mission.capabilities")}
            rows={rows}
            rowKey={(r) => r.code}
            columns={[
              { key: "name", label: t("mission.capability"), value: (r) => r.name },
              { key: "required", label: t("mission.required"), value: (r) => r.required, numeric: true },
              { key: "deployed", label: t("mission.deployed"), value: (r) => r.deployed, numeric: true },
              ...READINESS.map((level, i) => ({
                key: level,
                label: `${t("mission.pledged")}: ${humanize(level)}`,
                value: (r: CapabilityRow) => r.pledgedByLevel[i],
                render: (r: CapabilityRow) => (
                  <Figure value={r.pledgedByLevel[i]} suppressed={r.suppressedByLevel[i]} name={`${r.code}-${level}`} />
                ),
                numeric: true,
              })),
            ]}
          />
        }
      />
      <SuppressionReason
        show={rows.some((r) => r.suppressed || r.suppressedByLevel.includes(true)) || m.readinessPipeline.some((c) => c.suppressed)}
      />
      <DataTable
        id="gaps"
        caption={t("mission.gaps")}
        rows={rows.filter((r) => r.gap > 0)}
        rowKey={(r) => r.code}
        sortable
        initialSort={{ key: "gap", descending: true }}
        columns={[
          { key: "name", label: t("mission.capability"), value: (r) => r.name },
          { key: "required", label: t("mission.required"), value: (r) => r.required, numeric: true },
          { key: "deployed", label: t("mission.deployed"), value: (r) => r.deployed, numeric: true },
          {
            key: "pledged",
            label: t("mission.pledged"),
            value: (r) => r.pledged,
            numeric: true,
            render: (r) => <Figure value={r.pledged} suppressed={r.suppressed} name={r.code} />,
          },
          {
            key: "gap",
            label: t("mission.gap"),
            value: (r) => r.gap,
            numeric: true,
            render: (r) => (
              <span data-gap={r.code}>
                <Figure value={r.gap} suppressed={r.suppressed} name={`${r.code}-gap`} />
              </span>
            ),
          },
        ]}
      />
      <Download path={`missions/${encodeURIComponent(m.acronym)}/gaps`} label={t("download.gaps")} />
      <ChartFigure
        id="pipeline"
        caption={t("mission.pipeline")}
        chart={<Funnel cells={m.readinessPipeline} />}
        table={
          <DataTable
            caption={t("mission.pipeline")}
            rows={m.readinessPipeline}
            rowKey={(c) => `${c.readiness}-${c.status}`}
            columns={[
              { key: "readiness", label: t("write.readiness"), value: (c) => humanize(c.readiness) },
              { key: "status", label: t("mission.status"), value: (c) => humanize(c.status) },
              figureColumn("pledges", t("mission.pledges"), (c) => c.pledges, pipelineCell),
              figureColumn("units", t("mission.units"), (c) => c.units, pipelineCell),
              figureColumn("personnel", t("mission.personnel"), (c) => c.personnel, pipelineCell),
            ]}
          />
        }
      />
    </>
  );
}

export default function MissionPage() {
  const t = useT();
  const { acronym = "" } = useParams();
  const [mission] = useQuery({ query: MissionDocument, variables: { acronym } });
  const [rosters] = useQuery({ query: MissionRostersDocument, variables: { acronym } });
  const m = mission.data?.mission;
  const rows = m?.level1 && m.level2 && m.level3 && m.rapid ? capabilityRows([m.level1, m.level2, m.level3, m.rapid]) : [];
  const overdue = rosters.data?.overdueRenewals?.nodes ?? [];
  const rapid = rosters.data?.rapidDeploymentRoster?.nodes ?? [];
  const demo = [...overdue, ...rapid].some((p) => p.demo);
  // Until the mission's first answer, nothing but progress: the page then appears whole instead of shifting down.
  if (!mission.data && !mission.error) return <Loading />;
  return (
    <>
      <h1>{m ? t("mission.title", { acronym: m.acronym, name: m.name }) : acronym}</h1>
      <DemoNote show={demo || rows.length > 0} />
      <Panel
        title={t("mission.capabilities")}
        fetching={mission.fetching}
        error={mission.error}
        ready={mission.data !== undefined}
        id="capabilities"
      >
        {!m ? <p>{t("app.notFound")}</p> : <MissionFigures m={m} rows={rows} />}
      </Panel>
      <ReadinessPanels acronym={acronym} />
      <Panel
        title={t("mission.overdue")}
        fetching={rosters.fetching}
        error={rosters.error}
        ready={!!rosters.data?.overdueRenewals}
        id="overdue"
      >
        <PledgeTable caption={t("mission.overdue")} rows={overdue} />
      </Panel>
      <Panel
        title={t("mission.rapid")}
        fetching={rosters.fetching}
        error={rosters.error}
        ready={!!rosters.data?.rapidDeploymentRoster}
        id="rapid"
      >
        <PledgeTable caption={t("mission.rapid")} rows={rapid} />
      </Panel>
    </>
  );
}
