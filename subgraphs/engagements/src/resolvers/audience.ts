import { ENGAGEMENT, type Marking } from "@concert/policy";
import { type AudienceEntryValue, audienceEntryType, MarkingEnum, previewEntries, validateMarking } from "@concert/subgraph-kit/access";
import { badUserInput, unauthenticated } from "@concert/subgraph-kit/errors";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { ArgBounds, AUDIENCE } from "@concert/subgraph-kit/writes";
import { Arg, Ctx, Query, Resolver } from "type-graphql";
import { Partner } from "../entities/partner.js";
import { partnerLoader } from "../loaders.js";

const AudienceEntry = audienceEntryType(Partner);

@Resolver()
export class AudienceResolver {
  @ArgBounds({ releasableTo: AUDIENCE })
  @Query(() => [AudienceEntry], {
    nullable: true,
    description:
      "Who will see this? Every active partner who would read a record of yours marked so, and why, by partner code: " +
      "the same rule that enforces reads answers it. Signed-in callers only; the originator is your partner.",
  })
  async previewAudience(
    @Ctx() ctx: SubgraphContext,
    @Arg("marking", () => MarkingEnum, { description: "The marking the record would have." }) marking: Marking,
    @Arg("releasableTo", () => [String], {
      nullable: true,
      description: "For RESTRICTED: the partner and group (forum) codes it would be releasable to.",
    })
    releasableTo?: string[],
  ): Promise<AudienceEntryValue[]> {
    const originator = ctx.viewer.partner;
    if (originator === null) throw unauthenticated("previewAudience requires a signed-in caller");
    const codes = (releasableTo ?? []).map((code) => code.trim().toUpperCase());
    validateMarking("", marking, codes);
    const unknown = await ctx.directory.unknownAudience(codes);
    if (unknown.length > 0) throw badUserInput("releasableTo", `unknown partner or forum: ${unknown.join(", ")}`);
    // A published record of any declared type without a parent reads by its marking alone: an engagement's is the same.
    return previewEntries(ctx, ENGAGEMENT, { marking, releasableTo: codes, originator }, (code, c) => partnerLoader(c).load(code));
  }
}
