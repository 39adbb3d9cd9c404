import { useQuery } from "urql";
import {
  type FactorRatingInput,
  type InformationCredibility,
  type RatingDraftFragment,
  type RatingLevel,
  type Reliability,
  RiskFactorNamesDocument,
  type SourceReliability,
} from "../gql/graphql";
import { useT } from "../i18n/t";
import { Field } from "./Field";
import { Options } from "./Form";
import { RATINGS } from "./levels";

const RELIABILITY: Reliability[] = ["CONFIRMED", "PROBABLY_TRUE", "POSSIBLY_TRUE", "DOUBTFUL", "IMPROBABLE", "CANNOT_BE_JUDGED"];
const SOURCE_GRADES: SourceReliability[] = ["A", "B", "C", "D", "E", "F"];
const CREDIBILITY: InformationCredibility[] = RELIABILITY;

export interface FindingDraft {
  key: number;
  indicator: string;
  evidence: string;
  source: string;
  observedOn: string;
  reliability: Reliability;
  /** "" when not graded. */
  sourceReliability: string;
  informationCredibility: string;
}

export interface RatingDraft {
  key: number;
  factor: number;
  level: RatingLevel;
  rationale: string;
  findings: FindingDraft[];
}

// Keys keep React's rows apart when one in the middle is removed.
let nextKey = 0;

function newFinding(): FindingDraft {
  return {
    key: nextKey++,
    indicator: "",
    evidence: "",
    source: "",
    observedOn: "",
    reliability: "PROBABLY_TRUE",
    sourceReliability: "",
    informationCredibility: "",
  };
}

function newRating(taken: RatingDraft[]): RatingDraft {
  const factor = Array.from({ length: 14 }, (_, i) => i + 1).find((n) => !taken.some((r) => r.factor === n)) ?? 1;
  return { key: nextKey++, factor, level: "MODERATE", rationale: "", findings: [] };
}

/** An assessment's current ratings and findings, to revise (grades the author did not give stay ungraded). */
export function ratingDrafts(ratings: readonly RatingDraftFragment[]): RatingDraft[] {
  return ratings.map((r) => ({
    key: nextKey++,
    factor: r.factor.number,
    level: r.level,
    rationale: r.rationale,
    findings: r.findings.map((f) => ({
      key: nextKey++,
      indicator: f.indicator?.code ?? "",
      evidence: f.evidence ?? "",
      source: f.source ?? "",
      observedOn: f.observedOn,
      reliability: f.reliability,
      sourceReliability: f.sourceReliability === "NOT_GRADED" ? "" : f.sourceReliability,
      informationCredibility: f.informationCredibility === "NOT_GRADED" ? "" : f.informationCredibility,
    })),
  }));
}

/** The ratings as the API takes them, in the editor's order (so `input.factorRatings[N]` errors find their rating). */
export function ratingInputs(ratings: readonly RatingDraft[]): FactorRatingInput[] {
  return ratings.map((r) => ({
    factor: r.factor,
    level: r.level,
    rationale: r.rationale.trim(),
    findings: r.findings.map((f) => ({
      indicator: f.indicator.trim() || null,
      evidence: f.evidence.trim(),
      source: f.source.trim(),
      observedOn: f.observedOn,
      reliability: f.reliability,
      sourceReliability: (f.sourceReliability || null) as SourceReliability | null,
      informationCredibility: (f.informationCredibility || null) as InformationCredibility | null,
    })),
  }));
}

interface FindingProps {
  id: string;
  at: string;
  /** The finding's number in its rating, and its rating's. */
  n: number;
  rating: number;
  finding: FindingDraft;
  errors: Record<string, string>;
  change: (f: FindingDraft) => void;
  remove: () => void;
}

function FindingFields({ id, at, n, rating, finding, errors, change, remove }: FindingProps) {
  const t = useT();
  const set = (k: keyof FindingDraft) => (e: { target: { value: string } }) => change({ ...finding, [k]: e.target.value });
  const text = (k: "evidence" | "source" | "indicator", max: number) => (
    <Field name={`${id}-${k}`} label={t(`ratings.${k}`)} error={errors[`${at}.${k}`]}>
      {(p) => <input {...p} value={finding[k]} onChange={set(k)} maxLength={max} />}
    </Field>
  );
  return (
    <fieldset className="finding" data-finding={n}>
      <legend>{t("ratings.finding", { n, rating })}</legend>
      {text("evidence", 5000)}
      {text("source", 500)}
      <Field name={`${id}-observedOn`} label={t("ratings.observedOn")} error={errors[`${at}.observedOn`]}>
        {(p) => <input {...p} type="date" value={finding.observedOn} onChange={set("observedOn")} />}
      </Field>
      <Field name={`${id}-reliability`} label={t("ratings.reliability")} error={errors[`${at}.reliability`]}>
        {(p) => (
          <select {...p} value={finding.reliability} onChange={set("reliability")}>
            <Options values={RELIABILITY} />
          </select>
        )}
      </Field>
      <Field name={`${id}-sourceReliability`} label={t("ratings.sourceReliability")} error={errors[`${at}.sourceReliability`]}>
        {(p) => (
          <select {...p} value={finding.sourceReliability} onChange={set("sourceReliability")}>
            <Options values={SOURCE_GRADES} label={(v) => v} empty={t("ratings.notGraded")} />
          </select>
        )}
      </Field>
      <Field
        name={`${id}-informationCredibility`}
        label={t("ratings.informationCredibility")}
        error={errors[`${at}.informationCredibility`]}
      >
        {(p) => (
          <select {...p} value={finding.informationCredibility} onChange={set("informationCredibility")}>
            <Options
              values={CREDIBILITY}
              label={(v) => `${CREDIBILITY.indexOf(v as InformationCredibility) + 1}`}
              empty={t("ratings.notGraded")}
            />
          </select>
        )}
      </Field>
      {text("indicator", 10)}
      <div className="actions">
        <button type="button" onClick={remove}>
          {t("ratings.removeFinding", { n, rating })}
        </button>
      </div>
    </fieldset>
  );
}

interface RatingProps {
  id: string;
  i: number;
  rating: RatingDraft;
  names: Map<number, string>;
  errors: Record<string, string>;
  change: (r: RatingDraft) => void;
  remove: () => void;
}

function RatingFields({ id, i, rating, names, errors, change, remove }: RatingProps) {
  const t = useT();
  const at = `input.factorRatings[${i}]`;
  const n = i + 1;
  const setFinding = (j: number, f: FindingDraft | null) =>
    change({ ...rating, findings: rating.findings.flatMap((x, k) => (k !== j ? [x] : f ? [f] : [])) });
  return (
    <fieldset className="rating" data-rating={n}>
      <legend>{t("ratings.rating", { n })}</legend>
      <Field name={`${id}-factor`} label={t("ratings.factor")} error={errors[`${at}.factor`]}>
        {(p) => (
          <select {...p} value={rating.factor} onChange={(e) => change({ ...rating, factor: Number(e.target.value) })}>
            <Options
              values={Array.from({ length: 14 }, (_, k) => String(k + 1))}
              label={(v) => (names.has(Number(v)) ? `${v}. ${names.get(Number(v))}` : v)}
            />
          </select>
        )}
      </Field>
      <Field name={`${id}-level`} label={t("ratings.level")} error={errors[`${at}.level`]}>
        {(p) => (
          <select {...p} value={rating.level} onChange={(e) => change({ ...rating, level: e.target.value as RatingLevel })}>
            <Options values={RATINGS} />
          </select>
        )}
      </Field>
      <Field name={`${id}-rationale`} label={t("ratings.rationale")} error={errors[`${at}.rationale`]}>
        {(p) => (
          <textarea
            {...p}
            rows={2}
            maxLength={2000}
            value={rating.rationale}
            onChange={(e) => change({ ...rating, rationale: e.target.value })}
          />
        )}
      </Field>
      {rating.findings.map((f, j) => (
        <FindingFields
          key={f.key}
          id={`${id}-f${f.key}`}
          at={`${at}.findings[${j}]`}
          n={j + 1}
          rating={n}
          finding={f}
          errors={errors}
          change={(x) => setFinding(j, x)}
          remove={() => setFinding(j, null)}
        />
      ))}
      <div className="actions">
        <button type="button" onClick={() => change({ ...rating, findings: [...rating.findings, newFinding()] })}>
          {t("ratings.addFinding", { n })}
        </button>
        <button type="button" onClick={remove}>
          {t("ratings.removeRating", { n })}
        </button>
      </div>
    </fieldset>
  );
}

/**
 * An assessment's factor ratings, each with its findings: the draft form's, and the revise form's (pre-filled with the
 * assessment's current ones, sent as the list that replaces them). `errors` are the API's by path
 * (`input.factorRatings[N]...`), shown next to their field.
 */
export function RatingsEditor({
  form,
  ratings,
  onChange,
  errors,
}: {
  form: string;
  ratings: RatingDraft[];
  onChange: (ratings: RatingDraft[]) => void;
  errors: Record<string, string>;
}) {
  const t = useT();
  const [factors] = useQuery({ query: RiskFactorNamesDocument });
  const names = new Map((factors.data?.riskFactors ?? []).map((f) => [f.number, f.title]));
  const set = (i: number, r: RatingDraft | null) => onChange(ratings.flatMap((x, k) => (k !== i ? [x] : r ? [r] : [])));
  return (
    <fieldset className="ratings" data-testid={`${form}-ratings`}>
      <legend>{t("ratings.title")}</legend>
      {ratings.length === 0 ? <p>{t("ratings.none")}</p> : null}
      {ratings.map((r, i) => (
        <RatingFields
          key={r.key}
          id={`${form}-r${r.key}`}
          i={i}
          rating={r}
          names={names}
          errors={errors}
          change={(x) => set(i, x)}
          remove={() => set(i, null)}
        />
      ))}
      <div className="actions">
        <button type="button" onClick={() => onChange([...ratings, newRating(ratings)])} disabled={ratings.length >= 14}>
          {t("ratings.add")}
        </button>
      </div>
    </fieldset>
  );
}
