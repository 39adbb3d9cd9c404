import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { DataTable } from "../components/DataTable";
import { fieldErrors } from "../components/errors";
import { Field } from "../components/Field";
import { humanize, LIKELIHOODS, RATINGS, READINESS, STAGES } from "../components/levels";
import { Panel } from "../components/Panel";
import {
  ChangePledgeStatusDocument,
  ContributePracticeDocument,
  CreateAssessmentDocument,
  CreatePledgeDocument,
  type Marking,
  MyDraftsDocument,
  PledgeFormDocument,
  PreviewAudienceDocument,
  PublishAssessmentDocument,
  ThemesDocument,
} from "../gql/graphql";
import { useT } from "../i18n/t";
import { useSession } from "../session";

const MARKINGS: Marking[] = ["PUBLIC", "PARTNERS", "GOVERNMENTS", "RESTRICTED", "ORIGINATOR"];

function codes(value: string): string[] {
  return value
    .split(",")
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
}

/** "Who will see this?": previewAudience for the marking chosen, partner by partner, with the reason. */
function Audience({ form, marking, releasableTo }: { form: string; marking: Marking; releasableTo: string[] }) {
  const t = useT();
  const [preview] = useQuery({ query: PreviewAudienceDocument, variables: { marking, releasableTo } });
  return (
    <Panel
      title={t("write.audience")}
      headingLevel={3}
      fetching={preview.fetching}
      error={preview.error}
      ready={!!preview.data?.previewAudience}
      id={`audience-${form}`}
    >
      <DataTable
        caption={t("write.audience")}
        rows={preview.data?.previewAudience ?? []}
        rowKey={(e) => e.partner.code}
        columns={[
          { key: "partner", label: t("write.partner"), value: (e) => `${e.partner.name} (${e.partner.code})` },
          { key: "reason", label: t("write.audienceReason"), value: (e) => `${humanize(e.reason)}${e.via ? ` (${e.via})` : ""}` },
        ]}
      />
    </Panel>
  );
}

function MarkingFields({
  marking,
  setMarking,
  releasable,
  setReleasable,
  errors,
}: {
  marking: Marking;
  setMarking: (m: Marking) => void;
  releasable: string;
  setReleasable: (v: string) => void;
  errors: Record<string, string>;
}) {
  const t = useT();
  return (
    <>
      <Field name="marking" label={t("write.marking")} error={errors.marking}>
        {(p) => (
          <select {...p} value={marking} onChange={(e) => setMarking(e.target.value as Marking)}>
            {MARKINGS.map((m) => (
              <option key={m} value={m}>
                {humanize(m)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {marking === "RESTRICTED" ? (
        <Field name="releasableTo" label={t("write.releasableTo")} error={errors.releasableTo}>
          {(p) => <input {...p} value={releasable} onChange={(e) => setReleasable(e.target.value)} maxLength={300} />}
        </Field>
      ) : null}
    </>
  );
}

function AssessmentForm() {
  const t = useT();
  const { session } = useSession();
  const [marking, setMarking] = useState<Marking>("PARTNERS");
  const [releasable, setReleasable] = useState("");
  const [created, createAssessment] = useMutation(CreateAssessmentDocument);
  const [published, publish] = useMutation(PublishAssessmentDocument);
  const [drafts, reloadDrafts] = useQuery({ query: MyDraftsDocument, variables: { author: session.partner ?? "" } });
  const [draft, setDraft] = useState<{ id: string; version: number } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const createErrors = fieldErrors(created.error);
  const publishErrors = fieldErrors(published.error);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(null);
    const f = new FormData(event.currentTarget);
    const s = (k: string) => String(f.get(k) ?? "").trim();
    const factor = Number(s("factor"));
    const result = await createAssessment({
      input: {
        country: s("country").toUpperCase(),
        periodStart: s("periodStart"),
        periodEnd: s("periodEnd"),
        likelihood: s("likelihood") as never,
        confidence: s("confidence") as never,
        stage: s("stage") as never,
        summary: s("summary"),
        marking,
        releasableTo: marking === "RESTRICTED" ? codes(releasable) : [],
        factorRatings: factor ? [{ factor, level: s("level") as never, rationale: s("rationale") }] : [],
      },
    });
    const a = result.data?.createRiskAssessment;
    if (a) {
      setDraft({ id: a.id, version: a.version });
      setDone(t("write.saved", { version: a.version }));
      reloadDrafts({ requestPolicy: "network-only" });
    }
  };
  const doPublish = async () => {
    if (!draft) return;
    const result = await publish({ id: draft.id, expectedVersion: draft.version });
    if (result.data?.publishRiskAssessment) {
      setDraft(null);
      setDone(t("write.published"));
      reloadDrafts({ requestPolicy: "network-only" });
    }
  };
  const reload = () => {
    const latest = drafts.data?.riskAssessments?.nodes.find((d) => d.id === draft?.id);
    if (latest) setDraft({ id: latest.id, version: latest.version });
    reloadDrafts({ requestPolicy: "network-only" });
  };
  const errors = createErrors.byField;
  return (
    <section className="panel" aria-labelledby="assessment-title">
      <h2 id="assessment-title">{t("write.assessment")}</h2>
      <form onSubmit={submit} className="form-grid" data-testid="assessment-form" noValidate>
        <Field name="country" label={t("write.country")} error={errors.country}>
          {(p) => <input {...p} required maxLength={3} />}
        </Field>
        <Field name="periodStart" label={t("write.periodStart")} error={errors.periodStart}>
          {(p) => <input {...p} type="date" required />}
        </Field>
        <Field name="periodEnd" label={t("write.periodEnd")} error={errors.periodEnd}>
          {(p) => <input {...p} type="date" required />}
        </Field>
        <Field name="likelihood" label={t("write.likelihood")} error={errors.likelihood}>
          {(p) => (
            <select {...p}>
              {LIKELIHOODS.map((l) => (
                <option key={l} value={l}>
                  {humanize(l)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="confidence" label={t("write.confidence")} error={errors.confidence}>
          {(p) => (
            <select {...p}>
              {["LOW", "MEDIUM", "HIGH"].map((l) => (
                <option key={l} value={l}>
                  {humanize(l)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="stage" label={t("write.stage")} error={errors.stage}>
          {(p) => (
            <select {...p}>
              {STAGES.map((l) => (
                <option key={l} value={l}>
                  {humanize(l)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="summary" label={t("write.summary")} error={errors.summary}>
          {(p) => <textarea {...p} rows={3} maxLength={5000} />}
        </Field>
        <Field name="factor" label={t("write.factorNumber")} error={errors.factor}>
          {(p) => (
            <select {...p}>
              <option value="">—</option>
              {Array.from({ length: 14 }, (_, i) => i + 1).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="level" label={t("write.level")} error={errors.level}>
          {(p) => (
            <select {...p}>
              {RATINGS.map((l) => (
                <option key={l} value={l}>
                  {humanize(l)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="rationale" label={t("write.rationale")} error={errors.rationale}>
          {(p) => <input {...p} maxLength={2000} />}
        </Field>
        <MarkingFields marking={marking} setMarking={setMarking} releasable={releasable} setReleasable={setReleasable} errors={errors} />
        <Audience form="assessment" marking={marking} releasableTo={marking === "RESTRICTED" ? codes(releasable) : []} />
        {createErrors.general.map((m) => (
          <p key={m} className="error" role="alert">
            {m}
          </p>
        ))}
        <div className="actions">
          <button type="submit" disabled={created.fetching}>
            {t("write.saveDraft")}
          </button>
          <button type="button" onClick={doPublish} disabled={!draft || published.fetching} data-testid="publish">
            {t("write.publish")}
          </button>
        </div>
      </form>
      {done ? (
        <p className="ok" role="status">
          {done}
        </p>
      ) : null}
      {publishErrors.conflict ? (
        <p className="error" role="alert">
          {t("write.conflict")}{" "}
          <button type="button" onClick={reload}>
            {t("write.reload")}
          </button>
        </p>
      ) : (
        publishErrors.general.map((m) => (
          <p key={m} className="error" role="alert">
            {m}
          </p>
        ))
      )}
    </section>
  );
}

function PledgeForm() {
  const t = useT();
  const { session } = useSession();
  const [form, refetch] = useQuery({ query: PledgeFormDocument, variables: { contributor: session.partner ?? "" } });
  const [created, createPledge] = useMutation(CreatePledgeDocument);
  const [moved, move] = useMutation(ChangePledgeStatusDocument);
  const errors = fieldErrors(created.error);
  const moveErrors = fieldErrors(moved.error);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const result = await createPledge({
      input: {
        mission: String(f.get("mission")),
        capabilityType: String(f.get("capabilityType")),
        quantity: Number(f.get("quantity")),
        personnel: Number(f.get("personnel")),
        readiness: String(f.get("readiness")) as never,
      },
    });
    if (result.data) refetch({ requestPolicy: "network-only" });
  };
  return (
    <Panel
      title={t("write.pledge")}
      fetching={form.fetching}
      error={form.error}
      ready={!!form.data?.missions && !!form.data.capabilityTypes}
      id="pledge"
    >
      <form onSubmit={submit} className="form-grid" noValidate>
        <Field name="mission" label={t("write.mission")} error={errors.byField.mission}>
          {(p) => (
            <select {...p}>
              {(form.data?.missions ?? []).map((m) => (
                <option key={m.acronym} value={m.acronym}>
                  {m.acronym}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="capabilityType" label={t("write.capabilityType")} error={errors.byField.capabilityType}>
          {(p) => (
            <select {...p}>
              {(form.data?.capabilityTypes ?? []).map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="quantity" label={t("write.quantity")} error={errors.byField.quantity}>
          {(p) => <input {...p} type="number" min={0} defaultValue={1} />}
        </Field>
        <Field name="personnel" label={t("write.personnel")} error={errors.byField.personnel}>
          {(p) => <input {...p} type="number" min={0} defaultValue={0} />}
        </Field>
        <Field name="readiness" label={t("write.readiness")} error={errors.byField.readiness}>
          {(p) => (
            <select {...p}>
              {READINESS.map((r) => (
                <option key={r} value={r}>
                  {humanize(r)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {errors.general.map((m) => (
          <p key={m} className="error" role="alert">
            {m}
          </p>
        ))}
        <div className="actions">
          <button type="submit">{t("write.createPledge")}</button>
        </div>
      </form>
      <DataTable
        caption={t("write.myPledges")}
        rows={form.data?.pledges?.nodes ?? []}
        rowKey={(p) => p.id}
        columns={[
          { key: "mission", label: t("write.mission"), value: (p) => p.mission?.acronym ?? "—" },
          { key: "capability", label: t("write.capabilityType"), value: (p) => p.capabilityType.name },
          { key: "quantity", label: t("write.quantity"), value: (p) => p.quantity, numeric: true },
          { key: "status", label: t("mission.status"), value: (p) => humanize(p.status) },
          {
            key: "move",
            label: t("write.moveTo"),
            value: () => null,
            render: (p) => (
              <select
                aria-label={`${t("write.moveTo")} (${p.id})`}
                value=""
                onChange={async (e) => {
                  if (!e.target.value) return;
                  await move({ id: p.id, expectedVersion: p.version, status: e.target.value as never });
                  refetch({ requestPolicy: "network-only" });
                }}
              >
                <option value="">—</option>
                {["VERIFIED", "DEPLOYED", "WITHDRAWN", "EXPIRED"].map((s) => (
                  <option key={s} value={s}>
                    {humanize(s)}
                  </option>
                ))}
              </select>
            ),
          },
        ]}
      />
      {moveErrors.conflict ? (
        <p className="error" role="alert">
          {t("write.conflict")}{" "}
          <button type="button" onClick={() => refetch({ requestPolicy: "network-only" })}>
            {t("write.reload")}
          </button>
        </p>
      ) : (
        [...moveErrors.general, ...Object.values(moveErrors.byField)].map((m) => (
          <p key={m} className="error" role="alert">
            {m}
          </p>
        ))
      )}
    </Panel>
  );
}

function PracticeForm() {
  const t = useT();
  const [themes] = useQuery({ query: ThemesDocument });
  const [marking, setMarking] = useState<Marking>("PUBLIC");
  const [releasable, setReleasable] = useState("");
  const [result, contribute] = useMutation(ContributePracticeDocument);
  const [done, setDone] = useState(false);
  const errors = fieldErrors(result.error);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(false);
    const f = new FormData(event.currentTarget);
    const s = (k: string) => String(f.get(k) ?? "").trim();
    const r = await contribute({
      input: {
        kind: s("kind") as never,
        theme: s("theme"),
        title: s("title"),
        summary: s("practiceSummary"),
        countries: codes(s("countries")),
        date: s("date") || null,
        marking,
        releasableTo: marking === "RESTRICTED" ? codes(releasable) : [],
      },
    });
    if (r.data) setDone(true);
  };
  return (
    <section className="panel" aria-labelledby="practice-title">
      <h2 id="practice-title">{t("write.practice")}</h2>
      <form onSubmit={submit} className="form-grid" noValidate>
        <Field name="kind" label={t("write.kind")} error={errors.byField.kind}>
          {(p) => (
            <select {...p}>
              <option value="BEST_PRACTICE">{humanize("BEST_PRACTICE")}</option>
              <option value="LESSON_LEARNED">{humanize("LESSON_LEARNED")}</option>
            </select>
          )}
        </Field>
        <Field name="theme" label={t("write.theme")} error={errors.byField.theme}>
          {(p) => (
            <select {...p}>
              {(themes.data?.themes ?? []).map((th) => (
                <option key={th.code} value={th.code}>
                  {th.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="title" label={t("write.titleField")} error={errors.byField.title}>
          {(p) => <input {...p} maxLength={300} />}
        </Field>
        <Field name="practiceSummary" label={t("write.summary")} error={errors.byField.summary}>
          {(p) => <textarea {...p} rows={3} maxLength={5000} />}
        </Field>
        <Field name="countries" label={t("write.countries")} error={errors.byField.countries}>
          {(p) => <input {...p} maxLength={300} />}
        </Field>
        <Field name="date" label={t("write.date")} error={errors.byField.date}>
          {(p) => <input {...p} type="date" />}
        </Field>
        <MarkingFields
          marking={marking}
          setMarking={setMarking}
          releasable={releasable}
          setReleasable={setReleasable}
          errors={errors.byField}
        />
        <Audience form="practice" marking={marking} releasableTo={marking === "RESTRICTED" ? codes(releasable) : []} />
        {errors.general.map((m) => (
          <p key={m} className="error" role="alert">
            {m}
          </p>
        ))}
        <div className="actions">
          <button type="submit">{t("write.contribute")}</button>
        </div>
      </form>
      {done ? (
        <p className="ok" role="status">
          {t("write.contributed")}
        </p>
      ) : null}
    </section>
  );
}

export default function WritePage() {
  const t = useT();
  const { session } = useSession();
  if (!session.signedIn) {
    return (
      <>
        <h1>{t("write.title")}</h1>
        <p>{t("write.signIn")}</p>
      </>
    );
  }
  return (
    <>
      <h1>{t("write.title")}</h1>
      <AssessmentForm />
      <PledgeForm />
      <PracticeForm />
    </>
  );
}
