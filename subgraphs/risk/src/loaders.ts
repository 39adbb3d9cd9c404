import { readableWhere } from "@concert/policy";
import { byKey, groupByKey, isUuid, served, type SubgraphContext } from "@concert/subgraph-kit";
import { Indicator } from "./entities/indicator.js";
import { RiskAssessment } from "./entities/risk-assessment.js";

/** Per-request batched loads: one SQL statement per loader and query level, whatever the number of keys. */

export function assessmentLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, RiskAssessment | null>("assessment", async (ids) => {
    const rows = await ctx.em.find(RiskAssessment, { $and: [{ id: { $in: ids.filter(isUuid) } }, readableWhere(ctx.viewer)] });
    return byKey(ids, served(ctx, "RiskAssessment", rows), (a) => a.id, null);
  });
}

/** Readable assessments per country, newest period first. */
export function assessmentsByCountryLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, RiskAssessment[]>("assessmentsByCountry", async (codes) => {
    const rows = await ctx.em.find(
      RiskAssessment,
      { $and: [{ countryCode: { $in: [...codes] } }, readableWhere(ctx.viewer)] },
      { orderBy: { periodEnd: "DESC", id: "ASC" } },
    );
    return groupByKey(codes, served(ctx, "RiskAssessment", rows), (a) => a.countryCode);
  });
}

/** Readable assessments per author, newest period first. */
export function assessmentsByAuthorLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<string, RiskAssessment[]>("assessmentsByAuthor", async (codes) => {
    const rows = await ctx.em.find(
      RiskAssessment,
      { $and: [{ originator: { $in: [...codes] } }, readableWhere(ctx.viewer)] },
      { orderBy: { periodEnd: "DESC", id: "ASC" } },
    );
    return groupByKey(codes, served(ctx, "RiskAssessment", rows), (a) => a.originator);
  });
}

/** Indicators per risk factor number. */
export function indicatorsByFactorLoader(ctx: SubgraphContext) {
  return ctx.loaders.get<number, Indicator[]>("indicatorsByFactor", async (numbers) => {
    const rows = await ctx.em.find(Indicator, { factor: { $in: [...numbers] } }, { orderBy: { code: "ASC" } });
    return groupByKey(numbers, rows, (i) => i.factor.number);
  });
}
