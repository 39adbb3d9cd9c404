import { authorizeWrite, recordToChange, type SubgraphContext } from "@concert/subgraph-kit";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { ActorRole } from "../entities/enums.js";
import { FactorRating } from "../entities/factor-rating.js";
import { Finding } from "../entities/finding.js";
import { Indicator } from "../entities/indicator.js";
import { RiskAssessment } from "../entities/risk-assessment.js";
import type { FactorRatingInput } from "../inputs/assessment-inputs.js";

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

/** An assessment you may see, of your own partner, at the version you read. */
export function ownAssessment(ctx: SubgraphContext, em: EntityManager, id: string, expectedVersion: number): Promise<RiskAssessment> {
  return recordToChange(ctx, em, RiskAssessment, {
    type: "RiskAssessment",
    id,
    expectedVersion,
    allow: (a) => authorizeWrite(ctx, "assessment.write", a.originator),
  });
}
