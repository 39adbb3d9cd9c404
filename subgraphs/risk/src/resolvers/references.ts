import type { ReferenceResolvers, SubgraphContext } from "@concert/subgraph-kit/server";
import { assessmentLoader, forecastLoader, opinionLoader, questionLoader, watchlistLoader } from "../loaders.js";

type Ref = Record<string, unknown>;

/** Entity resolution, batched per request; invisible records resolve to null. */
export const referenceResolvers: ReferenceResolvers = {
  Country: { __resolveReference: (ref: Ref) => ({ code: String(ref.code) }) },
  Partner: { __resolveReference: (ref: Ref) => ({ code: String(ref.code) }) },
  RiskAssessment: { __resolveReference: (ref: Ref, ctx: SubgraphContext) => assessmentLoader(ctx).load(String(ref.id)) },
  ForecastQuestion: { __resolveReference: (ref: Ref, ctx: SubgraphContext) => questionLoader(ctx).load(String(ref.id)) },
  Forecast: { __resolveReference: (ref: Ref, ctx: SubgraphContext) => forecastLoader(ctx).load(String(ref.id)) },
  Opinion: { __resolveReference: (ref: Ref, ctx: SubgraphContext) => opinionLoader(ctx).load(String(ref.id)) },
  Watchlist: { __resolveReference: (ref: Ref, ctx: SubgraphContext) => watchlistLoader(ctx).load(String(ref.id)) },
};
