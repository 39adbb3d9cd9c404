import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { decideExchangeGrant, decideExchangeKeys, EXCHANGE_KEY_MAX_DAYS } from "@concert/policy";
import {
  badUserInput,
  boundedText,
  enforce,
  findPlain,
  isUuid,
  notFound,
  requireDate,
  type SubgraphContext,
  today,
  transaction,
} from "@concert/subgraph-kit";
import { Arg, Ctx, Directive, Field, ID, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import { ExchangeKey } from "../entities/exchange-key.js";

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

const digest = (secret: string) => createHash("sha256").update(secret).digest("hex");

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
    enforce(ctx, decideExchangeKeys(ctx.viewer));
    const label = boundedText("name", name, { max: 100 });
    requireDate("expiresOn", expiresOn);
    const latest = new Date(Date.parse(`${today()}T00:00:00Z`) + EXCHANGE_KEY_MAX_DAYS * 86_400_000).toISOString().slice(0, 10);
    if (expiresOn <= today() || expiresOn > latest) throw badUserInput("expiresOn", `must be after today and at most ${latest}`);
    const secret = `ck_${randomBytes(32).toString("base64url")}`;
    return transaction(ctx, async (em) => {
      const key = em.create(ExchangeKey, {
        partnerCode: ctx.viewer.partner!,
        name: label,
        secretHash: digest(secret),
        prefix: secret.slice(0, 10),
        createdBy: ctx.viewer.subject!,
        expiresAt: new Date(`${expiresOn}T23:59:59.999Z`),
      } as never);
      ctx.audit.write(em, "ExchangeKey", { id: key.id, originator: key.partnerCode, marking: "ORIGINATOR" }, "create");
      return { key, secret };
    });
  }

  @Mutation(() => ExchangeKey, {
    description: "Revokes one of your partner's exchange keys at once (role admin); NOT_FOUND for another partner's key.",
  })
  async revokeExchangeKey(
    @Ctx() ctx: SubgraphContext,
    @Arg("id", () => ID, { description: "The key's id." }) id: string,
  ): Promise<ExchangeKey> {
    enforce(ctx, decideExchangeKeys(ctx.viewer));
    if (!isUuid(id)) throw notFound("no such exchange key");
    return transaction(ctx, async (em) => {
      const key = await em.findOne(ExchangeKey, { id, partnerCode: ctx.viewer.partner! });
      if (!key) throw notFound("no such exchange key");
      key.revokedAt ??= new Date();
      ctx.audit.write(em, "ExchangeKey", { id: key.id, originator: key.partnerCode, marking: "ORIGINATOR" }, "revoke");
      return key;
    });
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
    enforce(ctx, decideExchangeGrant(ctx.viewer));
    if (!isUuid(id) || secret.length > 100) return null;
    return transaction(ctx, async (em) => {
      const key = await em.findOne(ExchangeKey, { id });
      const presented = Buffer.from(digest(secret));
      const valid =
        key !== null &&
        timingSafeEqual(presented, Buffer.from(key.secretHash)) &&
        key.revokedAt === null &&
        key.expiresAt.getTime() > Date.now();
      if (!key) return null;
      // The partner's registry entry (active or not) is checked where the identity is used: at the gateway and each part.
      ctx.audit.write(em, "ExchangeKey", { id: key.id, originator: key.partnerCode, marking: "ORIGINATOR" }, valid ? "use" : "refuse");
      if (!valid) return null;
      key.lastUsedAt = new Date();
      return { partner: key.partnerCode, keyId: key.id };
    });
  }
}
