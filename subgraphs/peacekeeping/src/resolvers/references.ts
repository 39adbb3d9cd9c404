import type { ReferenceResolvers, SubgraphContext } from "@concert/subgraph-kit/server";
import { missionLoader, pledgeLoader } from "../loaders.js";

type Ref = Record<string, unknown>;

/** Entity resolution, batched per request; invisible pledges resolve to null. */
export const referenceResolvers: ReferenceResolvers = {
  Country: { __resolveReference: (ref: Ref) => ({ code: String(ref.code) }) },
  Partner: { __resolveReference: (ref: Ref) => ({ code: String(ref.code) }) },
  Mission: { __resolveReference: (ref: Ref, ctx: SubgraphContext) => missionLoader(ctx).load(String(ref.acronym)) },
  Pledge: { __resolveReference: (ref: Ref, ctx: SubgraphContext) => pledgeLoader(ctx).load(String(ref.id)) },
};
