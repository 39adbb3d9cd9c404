import { findCountry } from "@concert/countries";
import { type Marking, tlpOf } from "@concert/policy";
import type {
  AssessmentRecord,
  ConcertRecord,
  EngagementRecord,
  ForecastQuestionRecord,
  ForecastRecord,
  MissionRecord,
  OpinionRecord,
  PartnerRecord,
  PledgeRecord,
  PracticeRecord,
  WatchlistRecord,
} from "../records.js";
import { CONCERT_EXTENSION_ID } from "./extension.js";
import { stixId } from "./ids.js";
import { markingDefinitionsOf, type StixObject } from "./markings.js";

/**
 * Concert's records as STIX 2.1 objects (docs/integrators.md, "STIX 2.1"). Every object's id is UUIDv5 of the record's
 * id, `modified` follows the record's version (its `updatedAt`), and its markings are the OASIS TLP 2.0 definitions
 * plus a statement where TLP alone does not say who may receive it. A field the reader may not read is absent, and
 * the Concert extension lists it in `withheld`.
 */

export const identityId = (partner: string) => stixId("identity", "Partner", partner);
export const locationId = (country: string) => stixId("location", "Country", country);
export const missionId = (acronym: string) => stixId("concert-mission", "Mission", acronym);

/** A mapped record: its objects, and the marking definitions they refer to (sent before them). */
export interface Mapped {
  objects: StixObject[];
  markings: StixObject[];
}

interface MarkedFields {
  id: string;
  marking: Marking;
  releasableTo: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
  originator: { code: string };
}

const iso = (value: string) => new Date(value).toISOString();

/** The properties every object from a marked record has, and its markings. */
function common(type: string, recordType: string, record: MarkedFields): { base: StixObject; markings: StixObject[] } {
  const markings = markingDefinitionsOf(record.marking, record.releasableTo);
  return {
    base: {
      type,
      spec_version: "2.1",
      id: stixId(type, recordType, record.id),
      created: iso(record.createdAt),
      modified: iso(record.updatedAt),
      created_by_ref: identityId(record.originator.code),
      object_marking_refs: markings.map((m) => m.id),
    },
    markings,
  };
}

/** Concert's property extension on a standard object. */
function concertProperties(
  recordType: string,
  record: { id: string; version?: number; marking?: Marking; releasableTo?: string[] },
  withheld: string[],
  attributes?: Record<string, unknown>,
): Record<string, unknown> {
  return {
    [CONCERT_EXTENSION_ID]: {
      extension_type: "property-extension",
      concert_type: recordType,
      concert_id: record.id,
      ...(record.version === undefined ? {} : { concert_version: record.version }),
      ...(record.marking ? { marking: record.marking, releasable_to: record.releasableTo ?? [], tlp: tlpOf(record.marking) } : {}),
      withheld,
      ...(attributes ? { attributes: dropNulls(attributes) } : {}),
    },
  };
}

const newSdo = { [CONCERT_EXTENSION_ID]: { extension_type: "new-sdo" } };

function dropNulls<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as T;
}

/** A part with its own marking is withheld when it came back empty while marked more strictly than its record. */
const withheldPart = (value: unknown, partMarking: Marking, recordMarking: Marking) =>
  (value === null || value === undefined) && partMarking !== recordMarking;

export function partnerIdentity(partner: PartnerRecord): StixObject {
  const at = iso(partner.updatedAt);
  return {
    type: "identity",
    spec_version: "2.1",
    id: identityId(partner.code),
    created: at,
    modified: at,
    name: partner.name,
    identity_class: "organization",
    sectors: [partner.kind === "CIVIL_SOCIETY" ? "non-profit" : partner.kind === "GOVERNMENT" ? "government-national" : "government"],
    extensions: concertProperties("Partner", { id: partner.code, version: partner.version }, [], { kind: partner.kind }),
  };
}

/** When Concert's country list was fixed: a country never changes. */
const COUNTRIES_PUBLISHED = "2026-01-01T00:00:00.000Z";

export function countryLocation(code: string, name?: string): StixObject | null {
  const country = findCountry(code);
  if (!country) return null;
  return clean({
    type: "location",
    spec_version: "2.1",
    id: locationId(code),
    created: COUNTRIES_PUBLISHED,
    modified: COUNTRIES_PUBLISHED,
    name: name ?? country.name,
    country: country.alpha2,
    extensions: concertProperties("Country", { id: code }, []),
  });
}

function assessmentObjects(a: AssessmentRecord): Mapped {
  const { base, markings } = common("report", "RiskAssessment", a);
  const findings = a.factorRatings.flatMap((rating) => rating.findings.map((finding) => ({ rating, finding })));
  const evidenceWithheld = findings.some(({ finding }) => withheldPart(finding.evidence, a.evidenceMarking, a.marking));
  const report: StixObject = {
    ...base,
    name: `Risk assessment of ${a.country.name} (${a.periodStart} to ${a.periodEnd}), revision ${a.revision}`,
    description: a.summary,
    report_types: ["threat-report"],
    published: iso(a.updatedAt),
    object_refs: [locationId(a.country.code)],
    confidence: { LOW: 15, MEDIUM: 50, HIGH: 85 }[a.confidence] ?? undefined,
    extensions: concertProperties("RiskAssessment", a, [], {
      country: a.country.code,
      periodStart: a.periodStart,
      periodEnd: a.periodEnd,
      revision: a.revision,
      likelihood: a.likelihood,
      probability: a.probability,
      confidence: a.confidence,
      stage: a.stage,
      status: a.status,
      trend: a.trend,
      scenarios: a.scenarios,
      recommendedActions: a.recommendedActions,
      factorRatings: a.factorRatings.map((r) => ({
        factor: r.factor.number,
        title: r.factor.title,
        level: r.level,
        rationale: r.rationale,
      })),
    }),
  };
  if (report.confidence === undefined) delete report.confidence;
  const notes = findings.map(({ rating, finding }): StixObject => {
    const withheld = withheldPart(finding.evidence, a.evidenceMarking, a.marking) ? ["evidence", "source"] : [];
    return {
      ...base,
      type: "note",
      id: stixId("note", "Finding", finding.id),
      abstract: `Factor ${rating.factor.number} (${rating.factor.title}): ${finding.indicator ? finding.indicator.text : "finding"}`,
      content:
        finding.evidence ??
        `Finding observed on ${finding.observedOn}, reliability ${finding.reliability}${withheld.length ? "; its evidence is withheld from you" : ""}.`,
      object_refs: [base.id],
      extensions: concertProperties("Finding", { id: finding.id }, withheld, {
        observedOn: finding.observedOn,
        reliability: finding.reliability,
        indicator: finding.indicator?.code,
        source: finding.source,
      }),
    };
  });
  if (evidenceWithheld) {
    (report.extensions as Record<string, { withheld: string[] }>)[CONCERT_EXTENSION_ID].withheld = ["findings.evidence", "findings.source"];
  }
  return { objects: [report, ...notes], markings };
}

function watchlistObjects(w: WatchlistRecord): Mapped {
  const { base, markings } = common("grouping", "Watchlist", w);
  const refs = w.entries.map((e) => locationId(e.country.code));
  return {
    markings,
    objects: [
      {
        ...base,
        name: w.title,
        context: "unspecified",
        object_refs: refs.length > 0 ? refs : [identityId(w.originator.code)],
        extensions: concertProperties("Watchlist", w, [], {
          entries: w.entries.map((e) => ({ rank: e.rank, country: e.country.code, rationale: e.rationale, since: e.since })),
        }),
      },
    ],
  };
}

/** A forecast question (issue 26) → a `note` about the country, which its forecasts' notes refer to. */
function forecastQuestionObjects(q: ForecastQuestionRecord): Mapped {
  const { base, markings } = common("note", "ForecastQuestion", q);
  const event = q.event === "MASS_KILLING_ONSET" ? "the onset of a new mass killing" : q.event;
  return {
    markings,
    objects: [
      {
        ...base,
        abstract: `Forecast question: ${event} in ${q.country.name} between ${q.windowStart} and ${q.windowEnd}?`,
        content: q.resolutionCriteria,
        object_refs: [locationId(q.country.code)],
        extensions: concertProperties("ForecastQuestion", q, [], {
          event: q.event,
          country: q.country.code,
          windowStart: q.windowStart,
          windowEnd: q.windowEnd,
          status: q.questionStatus,
          resolutionSource: q.resolutionSource,
          resolvedOn: q.resolvedOn,
        }),
      },
    ],
  };
}

/**
 * A partner's forecast (issue 26) → a `note` on its question's note: STIX 2.1 has no probability object, so the
 * probability is in the abstract, in words, and in Concert's extension, as a number.
 */
function forecastObjects(f: ForecastRecord): Mapped {
  const { base, markings } = common("note", "Forecast", f);
  return {
    markings,
    objects: [
      {
        ...base,
        abstract: `Forecast: ${Math.round(f.forecastProbability * 100)}% (made ${iso(f.madeAt)})`,
        content: f.rationale,
        object_refs: [stixId("note", "ForecastQuestion", f.question.id)],
        extensions: concertProperties("Forecast", f, [], {
          probability: f.forecastProbability,
          madeAt: iso(f.madeAt),
          question: f.question.id,
        }),
      },
    ],
  };
}

/** STIX 2.1's opinion scale is Concert's `Stance`, in its own spelling. */
const OPINION_VALUE: Record<OpinionRecord["stance"], string> = {
  STRONGLY_DISAGREE: "strongly-disagree",
  DISAGREE: "disagree",
  NEUTRAL: "neutral",
  AGREE: "agree",
  STRONGLY_AGREE: "strongly-agree",
};

/** A partner's opinion (issue 26) on another's assessment → an `opinion` on the assessment's report. */
function opinionObjects(o: OpinionRecord): Mapped {
  const { base, markings } = common("opinion", "Opinion", o);
  return {
    markings,
    objects: [
      {
        ...base,
        opinion: OPINION_VALUE[o.stance],
        explanation: o.explanation,
        object_refs: [stixId("report", "RiskAssessment", o.assessment.id)],
        extensions: concertProperties("Opinion", o, [], { assessment: o.assessment.id, factor: o.factor?.number }),
      },
    ],
  };
}

function pledgeObjects(p: PledgeRecord): Mapped {
  const { base, markings } = common("concert-pledge", "Pledge", p);
  const withheld = withheldPart(p.unitDetails, p.unitDetailsMarking, p.marking) ? ["unit_details"] : [];
  return {
    markings,
    objects: [
      dropNulls({
        ...base,
        concert_id: p.id,
        quantity: p.quantity,
        personnel: p.personnel,
        women_personnel: p.womenPersonnel,
        readiness: p.readiness,
        status: p.status,
        renewal_due: p.renewalDue,
        capability_type: p.capabilityType.code,
        mission_ref: p.mission ? missionId(p.mission.acronym) : null,
        pledging_event: p.event?.code ?? null,
        unit_details: p.unitDetails,
        withheld,
        extensions: newSdo,
      }),
    ],
  };
}

function missionObjects(m: MissionRecord): Mapped {
  const at = iso(m.updatedAt);
  return {
    markings: [],
    objects: [
      dropNulls({
        type: "concert-mission",
        spec_version: "2.1" as const,
        id: missionId(m.acronym),
        created: at,
        modified: at,
        concert_id: m.acronym,
        name: m.name,
        acronym: m.acronym,
        status: m.missionStatus,
        start_date: m.startDate,
        end_date: m.endDate,
        protection_of_civilians: m.protectionOfCivilians,
        chapter_vii: m.chapterVII,
        location_refs: m.hostCountries.map((c) => locationId(c.code)),
        extensions: newSdo,
      }),
    ],
  };
}

function practiceObjects(p: PracticeRecord): Mapped {
  const { base, markings } = common("note", "Practice", p);
  const refs = p.countries.map((c) => locationId(c.code));
  return {
    markings,
    objects: [
      {
        ...base,
        abstract: p.title,
        content: p.summary,
        object_refs: refs.length > 0 ? refs : [identityId(p.originator.code)],
        extensions: concertProperties("Practice", p, [], {
          kind: p.kind,
          date: p.date,
          theme: p.theme.code,
          evidenceOfEffect: p.evidenceOfEffect,
        }),
      },
    ],
  };
}

function engagementObjects(e: EngagementRecord): Mapped {
  const { base, markings } = common("concert-engagement", "Engagement", e);
  return {
    markings,
    objects: [
      dropNulls({
        ...base,
        concert_id: e.id,
        name: e.title,
        kind: e.engagementKind,
        date: e.date,
        description: e.summary,
        outcomes: e.outcomes,
        forum: e.forum?.code ?? null,
        participant_refs: e.participants.map((p) => identityId(p.code)),
        location_refs: e.countries.map((c) => locationId(c.code)),
        withheld: [],
        extensions: newSdo,
      }),
    ],
  };
}

/** STIX forbids empty lists, and Concert leaves out what has no value: both go before an object is served. */
function clean<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clean) as T;
  if (value === null || typeof value !== "object") return value;
  const kept = Object.entries(value).flatMap(([key, v]) =>
    v === null || v === undefined || (Array.isArray(v) && v.length === 0) ? [] : [[key, clean(v)] as const],
  );
  return Object.fromEntries(kept) as T;
}

/** The STIX objects of one Concert record, as the gateway answered it for the caller. */
export function toStix(record: ConcertRecord): Mapped {
  const mapped = mapRecord(record);
  return { objects: mapped.objects.map(clean), markings: mapped.markings };
}

function mapRecord(record: ConcertRecord): Mapped {
  switch (record.__typename) {
    case "RiskAssessment":
      return assessmentObjects(record);
    case "Watchlist":
      return watchlistObjects(record);
    case "ForecastQuestion":
      return forecastQuestionObjects(record);
    case "Forecast":
      return forecastObjects(record);
    case "Opinion":
      return opinionObjects(record);
    case "Pledge":
      return pledgeObjects(record);
    case "Mission":
      return missionObjects(record);
    case "Practice":
      return practiceObjects(record);
    case "Engagement":
      return engagementObjects(record);
    case "Partner":
      return { objects: [partnerIdentity(record)], markings: [] };
  }
}

/** A STIX 2.1 bundle of objects (MISP's import reads bundles). */
export function bundle(objects: StixObject[], id: string): StixObject & { objects: StixObject[] } {
  return { type: "bundle", id: stixId("bundle", "Bundle", id), spec_version: "2.1", objects } as never;
}
