import { decideExchangeKeys } from "@concert/policy";
import { enforce } from "@concert/subgraph-kit/access";
import { findPlain } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { Arg, Ctx, Directive, Field, ID, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import { ExchangeKey } from "../entities/exchange-key.js";
import { createExchangeKey, grantExchangeKey, revokeExchangeKey } from "../writes/exchange-key.js";

@ObjectType({ description: "A new exchange key, with its secret: shown this once, never again." })
class CreatedExchangeKey {
  @Field(() => ExchangeKey, { description: "The key as it will be listed." })
  key!: ExchangeKey;

  @Field({ description: "The secret: the HTTP Basic password of the exchange service (the user name is the key's id). Store it now." })
  secret!: string;
}

@ObjectType({ description: "Whom a valid exchange key speaks for (the exchange service only)." })
class ExchangeKeyGrant {
  @Field({ description: "The partner's code." })
  partner!: string;

  @Field(() => ID, { description: "The key's id." })
  keyId!: string;
}

/** A partner's exchange keys: created, listed and revoked by its admin; redeemed by the exchange service. */
@Resolver(() => ExchangeKey)
export class ExchangeKeyResolver {
  @Query(() => [ExchangeKey], {
    nullable: true,
    description: "Your partner's exchange keys, newest first, revoked and expired ones included (role admin).",
  })
  async exchangeKeys(@Ctx() ctx: SubgraphContext): Promise<readonly ExchangeKey[] | null> {
    enforce(ctx, decideExchangeKeys(ctx.viewer));
    return findPlain(ctx.em, ExchangeKey, { partnerCode: ctx.viewer.partner! }, { orderBy: { createdAt: "DESC", id: "ASC" }, limit: 200 });
  }

  @Mutation(() => CreatedExchangeKey, {
    description:
      "Creates a read-only exchange key for your partner's TAXII clients (role admin); it expires at the end of `expiresOn`, at most a year from today. The secret is in this answer only.",
  })
  async createExchangeKey(
    @Ctx() ctx: SubgraphContext,
    @Arg("name", { description: 'What the key is for, e.g. "OpenCTI production" (1–100 characters).' }) name: string,
    @Arg("expiresOn", { description: "Last day the key works (YYYY-MM-DD), from tomorrow to a year from today." }) expiresOn: string,
  ): Promise<CreatedExchangeKey> {
    return createExchangeKey(ctx, name, expiresOn);
  }

  @Mutation(() => ExchangeKey, {
    description: "Revokes one of your partner's exchange keys at once (role admin); NOT_FOUND for another partner's key.",
  })
  async revokeExchangeKey(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "The key's id." }) id: string,
  ): Promise<ExchangeKey> {
    return revokeExchangeKey(ctx, id);
  }

  // For the exchange service only (a service token straight at this subgraph); @inaccessible keeps it off the gateway.
  @Directive("@inaccessible")
  @Mutation(() => ExchangeKeyGrant, {
    nullable: true,
    description:
      "The partner a key speaks for, when the key is valid, unexpired, unrevoked and its partner active; null otherwise. Every use is audited.",
  })
  async grantExchangeKey(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "The key's id (the HTTP Basic user name)." }) id: string,
    @Arg("secret", { description: "The key's secret (the HTTP Basic password)." }) secret: string,
  ): Promise<ExchangeKeyGrant | null> {
    return grantExchangeKey(ctx, id, secret);
  }
}
