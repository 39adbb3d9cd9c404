import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { DataTable } from "../components/DataTable";
import { fieldErrors } from "../components/errors";
import { Field } from "../components/Field";
import { FormEnd, Options } from "../components/Form";
import { humanize, LIKELIHOODS } from "../components/levels";
import { Panel } from "../components/Panel";
import {
  type AccessFragment,
  AccessLogDocument,
  type AccessLogQuery,
  AlertDeliveriesDocument,
  AlertRulesDocument,
  CreateAlertRuleDocument,
  DeleteAlertRuleDocument,
  RotateAlertSecretDocument,
} from "../gql/graphql";
import { useT } from "../i18n/t";
import { useSession } from "../session";

/** The alert rule the form describes. */
function ruleInput(f: FormData) {
  return {
    name: String(f.get("name")).trim(),
    url: String(f.get("url")).trim(),
    condition: {
      kind: "ASSESSMENT_LEVEL" as const,
      country: String(f.get("ruleCountry")).trim().toUpperCase() || null,
      level: String(f.get("ruleLevel")) as never,
    },
  };
}

/** The access log of every subgraph, newest first, each entry naming its service. */
function accessEntries(data: AccessLogQuery | undefined): (AccessFragment & { service: string })[] {
  return [
    ...(data?.riskAccessLog?.nodes ?? []).map((e) => ({ ...e, service: "risk" })),
    ...(data?.peacekeepingAccessLog?.nodes ?? []).map((e) => ({ ...e, service: "peacekeeping" })),
    ...(data?.engagementsAccessLog?.nodes ?? []).map((e) => ({ ...e, service: "engagements" })),
  ].sort((a, b) => b.at.localeCompare(a.at));
}

export default function PartnerPage() {
  const t = useT();
  const { session } = useSession();
  const [rules, refetchRules] = useQuery({ query: AlertRulesDocument, pause: !session.signedIn });
  const [deliveries] = useQuery({ query: AlertDeliveriesDocument, pause: !session.signedIn });
  const [log] = useQuery({ query: AccessLogDocument, pause: !session.signedIn });
  const [created, create] = useMutation(CreateAlertRuleDocument);
  const [, rotate] = useMutation(RotateAlertSecretDocument);
  const [deleted, remove] = useMutation(DeleteAlertRuleDocument);
  const [secret, setSecret] = useState<string | null>(null);
  const errors = fieldErrors(created.error ?? deleted.error);
  if (!session.signedIn) {
    return (
      <>
        <h1>{t("partner.title")}</h1>
        <p>{t("write.signIn")}</p>
      </>
    );
  }
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const r = await create({ input: ruleInput(new FormData(event.currentTarget)) });
    if (r.data?.createAlertRule.secret) setSecret(r.data.createAlertRule.secret);
    refetchRules({ requestPolicy: "network-only" });
  };
  const access = accessEntries(log.data);
  return (
    <>
      <h1>
        {t("partner.title")}: {session.partnerName ?? session.partner}
      </h1>
      <Panel title={t("partner.rules")} fetching={rules.fetching} error={rules.error} ready={!!rules.data?.alertRules} id="rules">
        {secret ? (
          <p className="ok" role="status" data-testid="secret">
            {t("partner.secret", { secret })}
          </p>
        ) : null}
        <DataTable
          caption={t("partner.rules")}
          rows={rules.data?.alertRules?.nodes ?? []}
          rowKey={(r) => r.id}
          columns={[
            { key: "name", label: t("partner.ruleName"), value: (r) => r.name },
            { key: "url", label: t("partner.ruleUrl"), value: (r) => r.url },
            {
              key: "condition",
              label: t("partner.event"),
              value: (r) => `${humanize(r.condition.kind)} ${r.condition.country ?? ""} ${humanize(r.condition.level)}`,
            },
            {
              key: "actions",
              label: "",
              value: () => null,
              render: (r) => (
                <>
                  <button
                    type="button"
                    onClick={async () => {
                      const result = await rotate({ id: r.id, expectedVersion: r.version });
                      setSecret(result.data?.updateAlertRule.secret ?? null);
                      refetchRules({ requestPolicy: "network-only" });
                    }}
                  >
                    {t("partner.rotate")} <span className="sr-only">{r.name}</span>
                  </button>{" "}
                  <button
                    type="button"
                    onClick={async () => {
                      await remove({ id: r.id });
                      refetchRules({ requestPolicy: "network-only" });
                    }}
                  >
                    {t("partner.delete")} <span className="sr-only">{r.name}</span>
                  </button>
                </>
              ),
            },
          ]}
        />
        <form onSubmit={submit} className="form-grid" noValidate>
          <Field name="name" label={t("partner.ruleName")} error={errors.byField.name}>
            {(p) => <input {...p} maxLength={200} />}
          </Field>
          <Field name="url" label={t("partner.ruleUrl")} error={errors.byField.url}>
            {(p) => <input {...p} type="url" maxLength={2000} />}
          </Field>
          <Field name="ruleCountry" label={t("partner.ruleCountry")} error={errors.byField.country}>
            {(p) => <input {...p} maxLength={3} />}
          </Field>
          <Field name="ruleLevel" label={t("map.minLikelihood")} error={errors.byField.level}>
            {(p) => (
              <select {...p}>
                <Options values={LIKELIHOODS} />
              </select>
            )}
          </Field>
          <FormEnd errors={errors} submit={t("partner.create")} />
        </form>
      </Panel>
      <Panel
        title={t("partner.deliveries")}
        fetching={deliveries.fetching}
        error={deliveries.error}
        ready={!!deliveries.data?.alertDeliveries}
        id="deliveries"
      >
        <DataTable
          caption={t("partner.deliveries")}
          rows={deliveries.data?.alertDeliveries?.nodes ?? []}
          rowKey={(d) => d.id}
          columns={[
            { key: "at", label: t("partner.at"), value: (d) => d.createdAt },
            { key: "event", label: t("partner.event"), value: (d) => d.event },
            { key: "status", label: t("mission.status"), value: (d) => humanize(d.status) },
            { key: "attempts", label: t("partner.attempts"), value: (d) => d.attempts, numeric: true },
            { key: "error", label: t("partner.lastError"), value: (d) => d.lastError ?? "" },
          ]}
        />
      </Panel>
      <Panel title={t("partner.accessLog")} fetching={log.fetching} error={log.error} ready={!!log.data} id="access">
        <DataTable
          caption={t("partner.accessLog")}
          rows={access}
          rowKey={(e) => `${e.service}-${e.id}`}
          sortable
          columns={[
            { key: "at", label: t("partner.at"), value: (e) => e.at },
            { key: "who", label: t("partner.who"), value: (e) => `${e.partner ?? "—"} ${e.subject ?? ""}` },
            { key: "action", label: t("partner.action"), value: (e) => e.action },
            { key: "record", label: t("partner.record"), value: (e) => `${e.entityType} ${e.entityId}` },
            { key: "decision", label: t("partner.decision"), value: (e) => e.decision },
          ]}
        />
      </Panel>
    </>
  );
}
