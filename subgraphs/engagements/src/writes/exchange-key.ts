import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { decideExchangeGrant, decideExchangeKeys, EXCHANGE_KEY, EXCHANGE_KEY_MAX_DAYS } from "@concert/policy";
import { enforce } from "@concert/subgraph-kit/access";
import { badUserInput, notFound } from "@concert/subgraph-kit/errors";
import { isUuid } from "@concert/subgraph-kit/reads";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { auditWrite, boundedText, createRecord, requireDate, today, transaction, type WrittenKind } from "@concert/subgraph-kit/writes";
import { ExchangeKey } from "../entities/exchange-key.js";

/** A partner's exchange keys, made and revoked by its own admin (a key has no version: it is made once and revoked once). */
const KEYS: WrittenKind<ExchangeKey> = { entity: ExchangeKey, declaration: EXCHANGE_KEY, action: (viewer) => decideExchangeKeys(viewer) };

const digest = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** A new key of the caller's partner, with its secret (shown this once). */
export async function createExchangeKey(
  ctx: SubgraphContext,
  name: string,
  expiresOn: string,
): Promise<{ key: ExchangeKey; secret: string }> {
  const secret = `ck_${randomBytes(32).toString("base64url")}`;
  const key = await createRecord(ctx, KEYS, {
    check: () => {
      const label = boundedText("name", name, { max: 100 });
      requireDate("expiresOn", expiresOn);
      const latest = new Date(Date.parse(`${today()}T00:00:00Z`) + EXCHANGE_KEY_MAX_DAYS * 86_400_000).toISOString().slice(0, 10);
      if (expiresOn <= today() || expiresOn > latest) throw badUserInput("expiresOn", `must be after today and at most ${latest}`);
      return label;
    },
    values: (_em, label) => ({
      partnerCode: ctx.viewer.partner!,
      name: label,
      secretHash: digest(secret),
      prefix: secret.slice(0, 10),
      createdBy: ctx.viewer.subject!,
      expiresAt: new Date(`${expiresOn}T23:59:59.999Z`),
    }),
  });
  return { key, secret };
}

/** Revokes one of the caller's partner's keys at once; another partner's is NOT_FOUND. */
export async function revokeExchangeKey(ctx: SubgraphContext, id: string): Promise<ExchangeKey> {
  enforce(ctx, decideExchangeKeys(ctx.viewer));
  if (!isUuid(id)) throw notFound("no such exchange key");
  return transaction(ctx, async (em) => {
    const key = await em.findOne(ExchangeKey, { id, partnerCode: ctx.viewer.partner! });
    if (!key) throw notFound("no such exchange key");
    key.revokedAt ??= new Date();
    auditWrite(ctx, em, KEYS, key, "revoke");
    return key;
  });
}

/** The partner a key speaks for, for the exchange service: every use (and refusal) is audited. */
export async function grantExchangeKey(
  ctx: SubgraphContext,
  id: string,
  secret: string,
): Promise<{ partner: string; keyId: string } | null> {
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
    auditWrite(ctx, em, KEYS, key, valid ? "use" : "refuse");
    if (!valid) return null;
    key.lastUsedAt = new Date();
    return { partner: key.partnerCode, keyId: key.id };
  });
}
