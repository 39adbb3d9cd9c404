import { Link } from "react-router";
import { useQuery } from "urql";
import { DataTable } from "../components/DataTable";
import { humanize } from "../components/levels";
import { Panel } from "../components/Panel";
import { MissionsDocument } from "../gql/graphql";
import { useT } from "../i18n/t";

export default function MissionsPage() {
  const t = useT();
  const [missions] = useQuery({ query: MissionsDocument });
  return (
    <>
      <h1>{t("missions.title")}</h1>
      <Panel
        title={t("missions.title")}
        fetching={missions.fetching}
        error={missions.error}
        ready={!!missions.data?.missions}
        id="missions"
      >
        <DataTable
          caption={t("missions.title")}
          sortable
          rows={missions.data?.missions ?? []}
          rowKey={(m) => m.acronym}
          columns={[
            {
              key: "acronym",
              label: "Mission",
              value: (m) => m.acronym,
              render: (m) => <Link to={`/missions/${m.acronym}`}>{m.acronym}</Link>,
            },
            { key: "name", label: t("partner.ruleName"), value: (m) => m.name },
            { key: "hosts", label: t("mission.hosts"), value: (m) => m.hostCountries.map((c) => c.name).join(", ") },
            { key: "status", label: t("mission.status"), value: (m) => humanize(m.status) },
          ]}
        />
      </Panel>
    </>
  );
}
