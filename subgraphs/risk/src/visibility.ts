import { canRead, readableWhere, type Viewer } from "@concert/policy";
import { served, type SubgraphContext } from "@concert/subgraph-kit";
import { AssessmentStatus } from "./entities/enums.js";
import type { RiskAssessment } from "./entities/risk-assessment.js";

/**
 * A draft is not shared whatever its marking: only its author sees it until it is published.
 * These two apply that rule on top of the access policy, in SQL and on loaded rows.
 */
export function visibleAssessmentWhere(viewer: Viewer): Record<string, unknown> {
  const shared = { status: { $ne: AssessmentStatus.DRAFT } };
  return { $and: [readableWhere(viewer), viewer.partner === null ? shared : { $or: [shared, { originator: viewer.partner }] }] };
}

export function canSeeAssessment(viewer: Viewer, a: RiskAssessment): boolean {
  return (a.status !== AssessmentStatus.DRAFT || a.originator === viewer.partner) && canRead(viewer, a);
}

export function servedAssessments(ctx: SubgraphContext, rows: readonly RiskAssessment[]): RiskAssessment[] {
  return served(
    ctx,
    "RiskAssessment",
    rows.filter((a) => a.status !== AssessmentStatus.DRAFT || a.originator === ctx.viewer.partner),
  );
}
