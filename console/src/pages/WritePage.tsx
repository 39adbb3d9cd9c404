import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { DataTable } from "../components/DataTable";
import { fieldErrors } from "../components/errors";
import { Field } from "../components/Field";
import { FormEnd, FormErrors, Options } from "../components/Form";
import { humanize, LIKELIHOODS, READINESS, STAGES } from "../components/levels";
import { Panel } from "../components/Panel";
import { type RatingDraft, RatingsEditor, ratingDrafts, ratingInputs } from "../components/RatingsEditor";
import {
  AssessmentRatingsDocument,
  ChangePledgeStatusDocument,
  ContributePracticeDocument,
  CreateAssessmentDocument,
  CreatePledgeDocument,
  type Marking,
  MyAssessmentsDocument,
  MyDraftsDocument,
  PledgeFormDocument,
  PreviewAudienceDocument,
  PublishAssessmentDocument,
  type RatingDraftFragment,
  type RevisableFragment,
  ReviseAssessmentDocument,
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

interface MarkingState {
  marking: Marking;
  setMarking: (m: Marking) => void;
  releasable: string;
  setReleasable: (v: string) => void;
  /** The codes a RESTRICTED marking releases to; none for any other marking. */
  releasableTo: string[];
}

/** A form's marking and the codes it releases to. */
function useMarking(initial: Marking, initialReleasable = ""): MarkingState {
  const [marking, setMarking] = useState<Marking>(initial);
  const [releasable, setReleasable] = useState(initialReleasable);
  return { marking, setMarking, releasable, setReleasable, releasableTo: marking === "RESTRICTED" ? codes(releasable) : [] };
}

/**
 * How a record is shared, then "who will see this?" for it. `form` keeps the controls' ids apart when several forms
 * share the page (the assessment form's keep the plain names).
 */
function SharedWith({ form, state, errors }: { form: string; state: MarkingState; errors: Record<string, string> }) {
  const t = useT();
  const prefix = form === "assessment" ? "" : `${form}-`;
  return (
    <>
      <Field name={`${prefix}marking`} label={t("write.marking")} error={errors.marking}>
        {(p) => (
          <select {...p} value={state.marking} onChange={(e) => state.setMarking(e.target.value as Marking)}>
            <Options values={MARKINGS} />
          </select>
        )}
      </Field>
      {state.marking === "RESTRICTED" ? (
        <Field name={`${prefix}releasableTo`} label={t("write.releasableTo")} error={errors.releasableTo}>
          {(p) => <input {...p} value={state.releasable} onChange={(e) => state.setReleasable(e.target.value)} maxLength={300} />}
        </Field>
      ) : null}
      <Audience form={form} marking={state.marking} releasableTo={state.releasableTo} />
    </>
  );
}

function AssessmentForm() {
  const t = useT();
  const { session } = useSession();
  const sharing = useMarking("PARTNERS");
  const [created, createAssessment] = useMutation(CreateAssessmentDocument);
  const [published, publish] = useMutation(PublishAssessmentDocument);
  const [drafts, reloadDrafts] = useQuery({ query: MyDraftsDocument, variables: { author: session.partner ?? "" } });
  const [draft, setDraft] = useState<{ id: string; version: number } | null>(null);
  const [ratings, setRatings] = useState<RatingDraft[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const createErrors = fieldErrors(created.error);
  const publishErrors = fieldErrors(published.error);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(null);
    const f = new FormData(event.currentTarget);
    const s = (k: string) => String(f.get(k) ?? "").trim();
    const result = await createAssessment({
      input: {
        country: s("country").toUpperCase(),
        periodStart: s("periodStart"),
        periodEnd: s("periodEnd"),
        likelihood: s("likelihood") as never,
        confidence: s("confidence") as never,
        stage: s("stage") as never,
        summary: s("summary"),
        marking: sharing.marking,
        releasableTo: sharing.releasableTo,
        factorRatings: ratingInputs(ratings),
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
              <Options values={LIKELIHOODS} />
            </select>
          )}
        </Field>
        <Field name="confidence" label={t("write.confidence")} error={errors.confidence}>
          {(p) => (
            <select {...p}>
              <Options values={["LOW", "MEDIUM", "HIGH"]} />
            </select>
          )}
        </Field>
        <Field name="stage" label={t("write.stage")} error={errors.stage}>
          {(p) => (
            <select {...p}>
              <Options values={STAGES} />
            </select>
          )}
        </Field>
        <Field name="summary" label={t("write.summary")} error={errors.summary}>
          {(p) => <textarea {...p} rows={3} maxLength={5000} />}
        </Field>
        <RatingsEditor form="draft" ratings={ratings} onChange={setRatings} errors={createErrors.byPath} />
        <SharedWith form="assessment" state={sharing} errors={errors} />
        <FormEnd errors={createErrors} submit={t("write.saveDraft")}>
          <button type="button" onClick={doPublish} disabled={!draft || published.fetching} data-testid="publish">
            {t("write.publish")}
          </button>
        </FormEnd>
      </form>
      {done ? (
        <p className="ok" role="status">
          {done}
        </p>
      ) : null}
      <FormErrors errors={publishErrors} onReload={reload} />
    </section>
  );
}

function PledgeForm() {
  const t = useT();
  const { session } = useSession();
  const [form, refetch] = useQuery({ query: PledgeFormDocument, variables: { contributor: session.partner ?? "" } });
  const [created, createPledge] = useMutation(CreatePledgeDocument);
  const [moved, move] = useMutation(ChangePledgeStatusDocument);
  // A pledge is RESTRICTED to the UN by default (the API's default too): planners read it, other partners count it.
  const sharing = useMarking("RESTRICTED", "UN");
  const errors = fieldErrors(created.error);
  const moveErrors = fieldErrors(moved.error);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const s = (k: string) => String(f.get(k) ?? "").trim();
    const result = await createPledge({
      input: {
        mission: s("mission"),
        capabilityType: s("capabilityType"),
        quantity: Number(s("quantity")),
        personnel: Number(s("personnel")),
        readiness: s("readiness") as never,
        event: s("event") || null,
        renewalDue: s("renewalDue") || null,
      },
      marking: { marking: sharing.marking, releasableTo: sharing.releasableTo },
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
      <form onSubmit={submit} className="form-grid" noValidate data-testid="pledge-form">
        <Field name="mission" label={t("write.mission")} error={errors.byField.mission}>
          {(p) => (
            <select {...p}>
              <Options values={(form.data?.missions ?? []).map((m) => m.acronym)} label={(v) => v} />
            </select>
          )}
        </Field>
        <Field name="capabilityType" label={t("write.capabilityType")} error={errors.byField.capabilityType}>
          {(p) => (
            <select {...p}>
              <Options
                values={(form.data?.capabilityTypes ?? []).map((c) => c.code)}
                label={(v) => form.data?.capabilityTypes?.find((c) => c.code === v)?.name ?? v}
              />
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
              <Options values={READINESS} />
            </select>
          )}
        </Field>
        <Field name="event" label={t("write.event")} error={errors.byField.event}>
          {(p) => (
            <select {...p}>
              <Options
                values={(form.data?.pledgingEvents ?? []).map((e) => e.code)}
                label={(v) => form.data?.pledgingEvents?.find((e) => e.code === v)?.name ?? v}
                empty="—"
              />
            </select>
          )}
        </Field>
        <Field name="renewalDue" label={t("write.renewalDue")} error={errors.byField.renewalDue}>
          {(p) => <input {...p} type="date" />}
        </Field>
        <SharedWith form="pledge" state={sharing} errors={errors.byField} />
        <FormEnd errors={errors} submit={t("write.createPledge")} />
      </form>
      <DataTable
        caption={t("write.myPledges")}
        rows={form.data?.pledges?.nodes ?? []}
        rowKey={(p) => p.id}
        columns={[
          { key: "mission", label: t("write.mission"), value: (p) => p.mission?.acronym ?? "—" },
          { key: "capability", label: t("write.capabilityType"), value: (p) => p.capabilityType.name },
          { key: "quantity", label: t("write.quantity"), value: (p) => p.quantity, numeric: true },
          { key: "event", label: t("write.event"), value: (p) => p.event?.code ?? "—" },
          { key: "renewal", label: t("write.renewalDue"), value: (p) => p.renewalDue ?? "—" },
          { key: "marking", label: t("write.marking"), value: (p) => humanize(p.marking) },
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
                <Options values={["VERIFIED", "DEPLOYED", "WITHDRAWN", "EXPIRED"]} empty="—" />
              </select>
            ),
          },
        ]}
      />
      <FormErrors
        errors={{ ...moveErrors, general: [...moveErrors.general, ...Object.values(moveErrors.byField)] }}
        onReload={() => refetch({ requestPolicy: "network-only" })}
      />
    </Panel>
  );
}

/**
 * Revise one of the caller's assessments (a draft or a published one): the API makes its next version from what changes,
 * refused with CONFLICT when someone revised it since this page read it; the page then offers to reload the latest.
 */
function ReviseForm() {
  const t = useT();
  const { session } = useSession();
  const [mine, reloadMine] = useQuery({ query: MyAssessmentsDocument, variables: { author: session.partner ?? "" } });
  const [chosen, setChosen] = useState<{ id: string; country: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const all: RevisableFragment[] = [...(mine.data?.drafts?.nodes ?? []), ...(mine.data?.published?.nodes ?? [])];
  // The one chosen, or after a reload the latest version of the same country's assessment.
  const current = all.find((a) => a.id === chosen?.id) ?? all.find((a) => a.country.code === chosen?.country) ?? all[0];
  const [rated] = useQuery({ query: AssessmentRatingsDocument, variables: { id: current?.id ?? "" }, pause: !current });
  const ratings = rated.data?.riskAssessment?.id === current?.id ? rated.data?.riskAssessment?.factorRatings : undefined;
  return (
    <Panel title={t("write.revise")} fetching={mine.fetching} error={mine.error} ready={!!mine.data} id="revise">
      {!current ? (
        <p>{t("write.none")}</p>
      ) : !ratings ? (
        <p className="loading">{t("write.loadingRatings")}</p>
      ) : (
        <Revision
          key={`${current.id}-${current.version}`}
          all={all}
          current={current}
          ratings={ratings}
          choose={(a) => setChosen({ id: a.id, country: a.country.code })}
          revised={(version) => {
            setDone(version === null ? null : t("write.revised", { version }));
            if (version !== null) reloadMine({ requestPolicy: "network-only" });
          }}
          reload={() => reloadMine({ requestPolicy: "network-only" })}
        />
      )}
      {done ? (
        <p className="ok" role="status">
          {done}
        </p>
      ) : null}
    </Panel>
  );
}

/** The revise form for one version of an assessment, pre-filled with it (its ratings and findings too). */
function Revision({
  all,
  current,
  ratings: initial,
  choose,
  revised,
  reload,
}: {
  all: RevisableFragment[];
  current: RevisableFragment;
  ratings: readonly RatingDraftFragment[];
  choose: (a: RevisableFragment) => void;
  /** The new version once saved; null when a new attempt starts. */
  revised: (version: number | null) => void;
  reload: () => void;
}) {
  const t = useT();
  const [result, revise] = useMutation(ReviseAssessmentDocument);
  const [ratings, setRatings] = useState(() => ratingDrafts(initial));
  const errors = fieldErrors(result.error);
  const label = (a: RevisableFragment) =>
    `${a.country.name} (${a.country.code}), ${humanize(a.status)}, ${a.periodEnd}: ${humanize(a.likelihood)}`;
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    revised(null);
    const f = new FormData(event.currentTarget);
    const s = (k: string) => String(f.get(k) ?? "").trim();
    const r = await revise({
      id: current.id,
      expectedVersion: current.version,
      input: {
        likelihood: s("reviseLikelihood") as never,
        confidence: s("reviseConfidence") as never,
        stage: s("reviseStage") as never,
        summary: s("reviseSummary"),
        // The whole list: it replaces the assessment's earlier ratings and findings.
        factorRatings: ratingInputs(ratings),
      },
    });
    const next = r.data?.reviseRiskAssessment;
    if (next) {
      choose({ ...current, id: next.id });
      revised(next.version);
    }
  };
  return (
    <form onSubmit={submit} className="form-grid" noValidate data-testid="revise-form">
      <Field name="revise" label={t("write.reviseWhich")} error={errors.byField.id}>
        {(p) => (
          <select
            {...p}
            value={current.id}
            onChange={(e) => {
              const a = all.find((x) => x.id === e.target.value);
              if (a) choose(a);
            }}
          >
            <Options values={all.map((a) => a.id)} label={(id) => label(all.find((a) => a.id === id)!)} />
          </select>
        )}
      </Field>
      <Field name="reviseLikelihood" label={t("write.likelihood")} error={errors.byField.likelihood}>
        {(p) => (
          <select {...p} defaultValue={current.likelihood}>
            <Options values={LIKELIHOODS} />
          </select>
        )}
      </Field>
      <Field name="reviseConfidence" label={t("write.confidence")} error={errors.byField.confidence}>
        {(p) => (
          <select {...p} defaultValue={current.confidence}>
            <Options values={["LOW", "MEDIUM", "HIGH"]} />
          </select>
        )}
      </Field>
      <Field name="reviseStage" label={t("write.stage")} error={errors.byField.stage}>
        {(p) => (
          <select {...p} defaultValue={current.stage}>
            <Options values={STAGES} />
          </select>
        )}
      </Field>
      <Field name="reviseSummary" label={t("write.summary")} error={errors.byField.summary}>
        {(p) => <textarea {...p} rows={3} maxLength={5000} defaultValue={current.summary} />}
      </Field>
      <RatingsEditor form="revise" ratings={ratings} onChange={setRatings} errors={errors.byPath} />
      <FormErrors errors={errors} onReload={reload} />
      <div className="actions">
        <button type="submit" disabled={result.fetching}>
          {t("write.reviseSave")}
        </button>
      </div>
    </form>
  );
}

function PracticeForm() {
  const t = useT();
  const [themes] = useQuery({ query: ThemesDocument });
  const sharing = useMarking("PUBLIC");
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
        marking: sharing.marking,
        releasableTo: sharing.releasableTo,
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
        <SharedWith form="practice" state={sharing} errors={errors.byField} />
        <FormEnd errors={errors} submit={t("write.contribute")} />
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
      <ReviseForm />
      <PledgeForm />
      <PracticeForm />
    </>
  );
}
