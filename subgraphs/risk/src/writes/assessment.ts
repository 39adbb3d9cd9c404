import { RISK_ASSESSMENT } from "@concert/policy";
import { validateMarking, validatePartMarking } from "@concert/subgraph-kit/access";
import { badUserInput, conflict } from "@concert/subgraph-kit/errors";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { changeRecord, createRecord, newRecord, requireCountry, type WrittenKind } from "@concert/subgraph-kit/writes";
import type { EntityManager } from "@mikro-orm/postgresql";
import { type ActorRole, AssessmentStatus } from "../entities/enums.js";
import { FactorRating } from "../entities/factor-rating.js";
import { Finding } from "../entities/finding.js";
import { Indicator } from "../entities/indicator.js";
import { RiskAssessment } from "../entities/risk-assessment.js";
import type { AssessmentInput, AssessmentMarkingInput, AssessmentRevisionInput, FactorRatingInput } from "../inputs/assessment-inputs.js";
import { indicatorCodes, validateAssessment } from "../inputs/validation.js";

const TYPE = RISK_ASSESSMENT.type;

export const ASSESSMENTS: WrittenKind<RiskAssessment> = {
  entity: RiskAssessment,
  declaration: RISK_ASSESSMENT,
  action: "assessment.write",
};

/** Indicator code → factor number, for the codes given that exist. */
export async function indicatorFactors(em: EntityManager, codes: string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await em.find(Indicator, { code: { $in: codes } });
  return new Map(rows.map((i) => [i.code, i.factor.number]));
}

/** NOT_GRADED, as input, is the same as no grade. */
function gradeOrNull<G extends string>(grade: G | null | undefined): G | null {
  return grade === undefined || grade === null || grade === "NOT_GRADED" ? null : grade;
}

/** The structure of an assessment as stored, from input (text trimmed, empty optional values as null). */
export function structureOf(input: {
  actors?: { name: string; role: ActorRole }[];
  targetGroups?: string[];
  resilienceFactors?: string[];
  triggers?: { event: string; expectedOn?: string | null; indicator?: string | null }[];
}): Pick<RiskAssessment, "actors" | "targetGroups" | "resilienceFactors" | "triggers"> {
  return {
    actors: (input.actors ?? []).map((a) => ({ name: a.name.trim(), role: a.role })),
    targetGroups: (input.targetGroups ?? []).map((g) => g.trim()),
    resilienceFactors: (input.resilienceFactors ?? []).map((r) => r.trim()),
    triggers: (input.triggers ?? []).map((t) => ({
      event: t.event.trim(),
      expectedOn: t.expectedOn ?? null,
      indicator: t.indicator ?? null,
    })),
  };
}

/** Creates the ratings and findings of `assessment` from input. */
export function persistRatings(em: EntityManager, assessment: RiskAssessment, ratings: readonly FactorRatingInput[]): void {
  for (const r of ratings) {
    const rating = em.create(FactorRating, { assessment, factor: r.factor, level: r.level, rationale: r.rationale });
    for (const f of r.findings) {
      em.create(Finding, {
        rating,
        indicator: f.indicator ?? null,
        evidence: f.evidence,
        source: f.source,
        observedOn: f.observedOn,
        reliability: f.reliability,
        sourceReliability: gradeOrNull(f.sourceReliability),
        informationCredibility: gradeOrNull(f.informationCredibility),
      });
    }
  }
}

/** The ratings and findings of a stored assessment, as input for its revision. */
export async function ratingsAsInput(em: EntityManager, assessment: RiskAssessment): Promise<FactorRatingInput[]> {
  const ratings = await em.find(FactorRating, { assessment }, { orderBy: { factor: "ASC" } });
  const findings = await em.find(Finding, { rating: { $in: ratings } }, { orderBy: { observedOn: "ASC", id: "ASC" } });
  return ratings.map((r) => ({
    factor: r.factor.number,
    level: r.level,
    rationale: r.rationale,
    findings: findings
      .filter((f) => f.rating.id === r.id)
      .map((f) => ({
        indicator: f.indicator?.code ?? null,
        evidence: f.evidence,
        source: f.source,
        observedOn: f.observedOn,
        reliability: f.reliability,
        sourceReliability: f.sourceReliability,
        informationCredibility: f.informationCredibility,
      })),
  }));
}

/** A new draft of the caller's partner; nobody else sees it until published. */
export async function createAssessment(ctx: SubgraphContext, input: AssessmentInput): Promise<RiskAssessment> {
  const content = { ...input, probability: input.probability ?? null };
  const evidence = input.evidence ?? { marking: "ORIGINATOR" as const, releasableTo: [] };
  return createRecord(ctx, ASSESSMENTS, {
    check: async () => {
      requireCountry("input.country", input.country);
      validateAssessment(content, await indicatorFactors(ctx.em, indicatorCodes(input.factorRatings, input.triggers)));
      validateMarking("input", input.marking, input.releasableTo);
      validatePartMarking(RISK_ASSESSMENT, "input.evidence", evidence, input);
    },
    values: () => ({
      countryCode: input.country,
      originator: ctx.viewer.partner!,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      likelihood: input.likelihood,
      probability: content.probability,
      confidence: input.confidence,
      stage: input.stage,
      status: AssessmentStatus.DRAFT,
      summary: input.summary,
      scenarios: input.scenarios,
      recommendedActions: input.recommendedActions,
      marking: input.marking,
      releasableTo: input.releasableTo,
      evidenceMarking: evidence.marking,
      evidenceReleasableTo: evidence.releasableTo,
      ...structureOf(input),
    }),
    complete: (a, em) => persistRatings(em, a, input.factorRatings),
  });
}

/** The next version of the caller's assessment (what is left out carried over); the revised one becomes SUPERSEDED. */
export async function reviseAssessment(
  ctx: SubgraphContext,
  id: string,
  expectedVersion: number,
  input: AssessmentRevisionInput,
): Promise<RiskAssessment> {
  return changeRecord(ctx, ASSESSMENTS, { id, expectedVersion, audit: "supersede" }, async (old, em) => {
    if (old.status === AssessmentStatus.SUPERSEDED) throw conflict(`${TYPE} ${id} is already superseded; revise its latest version`);
    const { factorRatings, ...changed } = Object.fromEntries(
      Object.entries(input).filter(([, v]) => v !== undefined),
    ) as AssessmentRevisionInput;
    const content = {
      periodStart: old.periodStart,
      periodEnd: old.periodEnd,
      likelihood: old.likelihood,
      probability: old.probability,
      confidence: old.confidence,
      stage: old.stage,
      summary: old.summary,
      scenarios: old.scenarios,
      recommendedActions: old.recommendedActions,
      actors: old.actors,
      targetGroups: old.targetGroups,
      resilienceFactors: old.resilienceFactors,
      triggers: old.triggers,
      ...changed,
    };
    validateAssessment({ ...content, factorRatings }, await indicatorFactors(em, indicatorCodes(factorRatings, content.triggers)));
    const ratings = factorRatings ?? (await ratingsAsInput(em, old));
    const next = newRecord(
      ctx,
      em,
      ASSESSMENTS,
      {
        ...content,
        ...structureOf(content),
        probability: content.probability ?? null,
        countryCode: old.countryCode,
        originator: old.originator,
        status: old.status,
        revision: old.revision + 1,
        supersedesId: old.id,
        demo: old.demo,
        marking: old.marking,
        releasableTo: old.releasableTo,
        evidenceMarking: old.evidenceMarking,
        evidenceReleasableTo: old.evidenceReleasableTo,
      },
      "revise",
    );
    persistRatings(em, next, ratings);
    old.status = AssessmentStatus.SUPERSEDED;
    return next;
  });
}

/** Publishes the caller's draft: from now on everyone its marking reaches sees it. */
export function publishAssessment(ctx: SubgraphContext, id: string, expectedVersion: number): Promise<RiskAssessment> {
  return changeRecord(ctx, ASSESSMENTS, { id, expectedVersion, audit: "publish" }, (a) => {
    if (a.status !== AssessmentStatus.DRAFT) throw badUserInput("id", `only a draft can be published; this one is ${a.status}`);
    a.status = AssessmentStatus.PUBLISHED;
    return a;
  });
}

/** Changes who may read an assessment and its evidence; only its originator may. */
export function changeAssessmentMarking(
  ctx: SubgraphContext,
  id: string,
  expectedVersion: number,
  input: AssessmentMarkingInput,
): Promise<RiskAssessment> {
  const target = {
    id,
    expectedVersion,
    audit: "change-marking",
    allow: "originator" as const,
    check: () => validateMarking("input", input.marking, input.releasableTo),
  };
  return changeRecord(ctx, ASSESSMENTS, target, (a) => {
    const evidence = input.evidence ?? { marking: a.evidenceMarking, releasableTo: a.evidenceReleasableTo };
    validatePartMarking(RISK_ASSESSMENT, "input.evidence", evidence, input);
    Object.assign(a, {
      marking: input.marking,
      releasableTo: input.releasableTo,
      evidenceMarking: evidence.marking,
      evidenceReleasableTo: evidence.releasableTo,
    });
    return a;
  });
}
