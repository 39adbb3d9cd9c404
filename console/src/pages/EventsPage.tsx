import { Link, useParams } from "react-router";
import { useQuery } from "urql";
import { ChartFigure } from "../components/ChartFigure";
import { DataTable } from "../components/DataTable";
import { Download } from "../components/Download";
import { humanize } from "../components/levels";
import { Panel } from "../components/Panel";
import { figureColumn, SuppressionReason } from "../components/Suppressed";
import { PledgingEventsDocument, type PledgingEventsQuery } from "../gql/graphql";
import { useT } from "../i18n/t";
import { EventFunnel } from "./Readiness";

type Event = NonNullable<PledgingEventsQuery["pledgingEvents"]>[number];

/** How an event's row and a status's row of its delivery say their figures are suppressed, and name them for tests. */
const delivery = { suppressed: (e: Event) => e.delivery.suppressed, name: (e: Event) => e.code };
const byStatus = {
  suppressed: (s: Event["delivery"]["byStatus"][number]) => s.suppressed,
  name: (s: Event["delivery"]["byStatus"][number]) => s.status,
};

/** Every pledging event, or one (events/:code): what was pledged there and how much of it was delivered. */
export default function EventsPage() {
  const t = useT();
  const { code } = useParams();
  const [events] = useQuery({ query: PledgingEventsDocument });
  const all = events.data?.pledgingEvents ?? [];
  const shown = code ? all.filter((e) => e.code === code) : all;
  const one = code ? shown[0] : undefined;
  const max = Math.max(1, ...shown.map((e) => e.delivery.units));
  return (
    <>
      <h1>{one ? one.name : t("events.title")}</h1>
      <Panel title={t("events.title")} fetching={events.fetching} error={events.error} ready={!!events.data?.pledgingEvents} id="events">
        {code && !one ? <p>{t("app.notFound")}</p> : null}
        <ChartFigure
          id="events-chart"
          caption={`${t("event.pledged")} / ${t("event.delivered")} (${t("mission.units")})`}
          chart={
            <svg viewBox={`0 0 760 ${shown.length * 40 + 10}`} className="bars" role="img" aria-label={t("events.title")}>
              {shown.map((e, i) => (
                <g key={e.code} data-event={e.code}>
                  <text x={0} y={i * 40 + 18} className="label">
                    {e.code}
                  </text>
                  <rect x={200} y={i * 40 + 4} width={(e.delivery.units / max) * 480} height={14} className="bar-required" />
                  <rect x={200} y={i * 40 + 20} width={(e.delivery.deliveredUnits / max) * 480} height={14} className="bar-deployed" />
                  <text x={204 + (e.delivery.units / max) * 480} y={i * 40 + 15} className="value">
                    {e.delivery.units}
                  </text>
                  <text x={204 + (e.delivery.deliveredUnits / max) * 480} y={i * 40 + 31} className="value">
                    {e.delivery.deliveredUnits}
                  </text>
                </g>
              ))}
            </svg>
          }
          table={
            <DataTable
              caption={t("events.title")}
              rows={shown}
              rowKey={(e) => e.code}
              columns={[
                { key: "code", label: "Code", value: (e) => e.code },
                { key: "units", label: `${t("event.pledged")} (${t("mission.units")})`, value: (e) => e.delivery.units, numeric: true },
                {
                  key: "delivered",
                  label: `${t("event.delivered")} (${t("mission.units")})`,
                  value: (e) => e.delivery.deliveredUnits,
                  numeric: true,
                },
              ]}
            />
          }
        />
        <DataTable
          id="events-table"
          caption={t("events.title")}
          sortable
          rows={shown}
          rowKey={(e) => e.code}
          columns={[
            { key: "name", label: t("events.title"), value: (e) => e.name, render: (e) => <Link to={`/events/${e.code}`}>{e.name}</Link> },
            { key: "place", label: t("event.place"), value: (e) => e.place },
            { key: "date", label: t("event.date"), value: (e) => e.date },
            figureColumn("pledges", `${t("event.pledged")}: ${t("mission.pledges")}`, (e) => e.delivery.pledges, delivery),
            figureColumn("units", `${t("event.pledged")}: ${t("mission.units")}`, (e) => e.delivery.units, delivery),
            figureColumn("personnel", `${t("event.pledged")}: ${t("mission.personnel")}`, (e) => e.delivery.personnel, delivery),
            figureColumn("dunits", `${t("event.delivered")}: ${t("mission.units")}`, (e) => e.delivery.deliveredUnits, delivery),
            {
              key: "share",
              label: t("event.share"),
              value: (e) => (e.delivery.units ? Math.round((100 * e.delivery.deliveredUnits) / e.delivery.units) : null),
              render: (e) => (e.delivery.units ? `${Math.round((100 * e.delivery.deliveredUnits) / e.delivery.units)} %` : "—"),
              numeric: true,
            },
          ]}
        />
        <SuppressionReason show={shown.some((e) => e.delivery.suppressed)} />
        {one ? (
          <DataTable
            caption={t("mission.status")}
            rows={one.delivery.byStatus}
            rowKey={(s) => s.status}
            columns={[
              { key: "status", label: t("mission.status"), value: (s) => humanize(s.status) },
              figureColumn("pledges", t("mission.pledges"), (s) => s.pledges, byStatus),
              figureColumn("units", t("mission.units"), (s) => s.units, byStatus),
              figureColumn("personnel", t("mission.personnel"), (s) => s.personnel, byStatus),
            ]}
          />
        ) : null}
        {one ? <Download path={`events/${encodeURIComponent(one.code)}/delivery`} label={t("download.delivery")} /> : null}
      </Panel>
      {code ? <EventFunnel code={code} /> : null}
    </>
  );
}
