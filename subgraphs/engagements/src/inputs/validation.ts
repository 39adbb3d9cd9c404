import type { Marking } from "@concert/policy";
import { validateMarking } from "@concert/subgraph-kit/access";
import { badUserInput } from "@concert/subgraph-kit/errors";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { countryLoader, forumLoader, partnerLoader, themeLoader } from "../loaders.js";

/** Checks of user input that raise BAD_USER_INPUT naming the offending field. Lookups go through the request's loaders. */

/** Anything that batches lookups by code and answers null for unknown codes. */
interface CodeLoader {
  loadMany(codes: readonly string[]): Promise<unknown[]>;
}

async function known(loader: CodeLoader, field: string, what: string, codes: readonly string[]): Promise<string[]> {
  const upper = codes.map((c) => c.trim().toUpperCase());
  const found = await loader.loadMany(upper);
  const unknown = upper.filter((_, i) => found[i] === null || found[i] instanceof Error);
  if (unknown.length > 0) throw badUserInput(field, `unknown ${what}: ${unknown.join(", ")}`);
  return [...new Set(upper)];
}

export const knownCountries = (ctx: SubgraphContext, field: string, codes: readonly string[]) =>
  known(countryLoader(ctx), field, "country", codes);
export const knownPartners = (ctx: SubgraphContext, field: string, codes: readonly string[]) =>
  known(partnerLoader(ctx), field, "partner", codes);
export const knownForum = async (ctx: SubgraphContext, field: string, code: string) =>
  (await known(forumLoader(ctx), field, "forum", [code]))[0]!;
export const knownTheme = async (ctx: SubgraphContext, field: string, code: string) =>
  (await known(themeLoader(ctx), field, "theme", [code]))[0]!;

/** A marking whose RESTRICTED audience names only registered partners and forums. */
export async function validAudience(
  ctx: SubgraphContext,
  field: string,
  marking: Marking,
  releasableTo: readonly string[],
): Promise<string[]> {
  validateMarking(field, marking, releasableTo);
  const [partners, forums] = await Promise.all([partnerLoader(ctx).loadMany(releasableTo), forumLoader(ctx).loadMany(releasableTo)]);
  const unknown = releasableTo.filter((_, i) => !partners[i] && !forums[i]);
  if (unknown.length > 0) throw badUserInput(`${field}.releasableTo`, `unknown partner or forum: ${unknown.join(", ")}`);
  return [...new Set(releasableTo)];
}
