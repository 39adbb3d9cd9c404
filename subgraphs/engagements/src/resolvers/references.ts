import type { ReferenceResolvers, SubgraphContext } from "@concert/subgraph-kit/server";
import { countryLoader, engagementLoader, forumLoader, partnerLoader, practiceLoader } from "../loaders.js";

type Ref = Record<string, unknown>;

/** Entity resolution for the gateway, batched per request; invisible records resolve to null. */
export const referenceResolvers: ReferenceResolvers = {
  Country: { __resolveReference: (ref: Ref, ctx: SubgraphContext) => countryLoader(ctx).load(String(ref.code)) },
  Partner: { __resolveReference: (ref: Ref, ctx: SubgraphContext) => partnerLoader(ctx).load(String(ref.code)) },
  Forum: { __resolveReference: (ref: Ref, ctx: SubgraphContext) => forumLoader(ctx).load(String(ref.code)) },
  Engagement: { __resolveReference: (ref: Ref, ctx: SubgraphContext) => engagementLoader(ctx).load(String(ref.id)) },
  Practice: { __resolveReference: (ref: Ref, ctx: SubgraphContext) => practiceLoader(ctx).load(String(ref.id)) },
};
