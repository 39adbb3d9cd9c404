import { findPlain } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { Arg, Ctx, Directive, ID, Mutation, Query, Resolver } from "type-graphql";
import { TokenRevocation } from "../entities/token-revocation.js";
import { revokeSubject } from "../writes/revocation.js";

/** Revoking one person's tokens: the registry carries revocations to every part, within the registry freshness bound. */
@Resolver(() => TokenRevocation)
export class RevocationResolver {
  // For the parts only: @inaccessible keeps it out of the gateway's public schema (a digest of a guessable subject would
  // tell anyone whether that person was revoked).
  @Directive("@inaccessible")
  @Query(() => [TokenRevocation], {
    nullable: true,
    description: "Revocations in effect, as every part of Concert reads them with the registry. People are named by digest only.",
  })
  tokenRevocations(@Ctx() ctx: SubgraphContext) {
    return findPlain(ctx.em, TokenRevocation, {}, { orderBy: { revokedAt: "ASC" } });
  }

  @Mutation(() => TokenRevocation, {
    description:
      "Refuses every token of one person issued before now (the operator's admin, or the person's own partner's admin), within the registry freshness bound, everywhere. Revoking again moves the moment forward.",
  })
  revokeSubject(
    @Ctx() ctx: SubgraphContext,
    @Arg("partner", () => ID, { description: "Code of the partner the person speaks for." }) partner: string,
    @Arg("subject", { description: "The person's token subject (`sub`)." }) subject: string,
  ) {
    return revokeSubject(ctx, partner, subject);
  }
}
