import { subjectDigest } from "@concert/auth";
import { decideRevocation, TOKEN_REVOCATION } from "@concert/policy";
import { enforce } from "@concert/subgraph-kit/access";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { type AuditedKind, auditWrite, boundedText, newRecord, transaction } from "@concert/subgraph-kit/writes";
import { TokenRevocation } from "../entities/token-revocation.js";
import { knownPartners } from "../inputs/validation.js";

/** Revocations, audited under the person's digest (never the subject itself). */
const REVOCATIONS: AuditedKind<TokenRevocation> = {
  entity: TokenRevocation,
  declaration: TOKEN_REVOCATION,
  key: "subjectDigest",
};

/** Refuses every token of one person issued before now; revoking again moves the moment forward (one row per person). */
export async function revokeSubject(ctx: SubgraphContext, partner: string, subject: string): Promise<TokenRevocation> {
  const sub = boundedText("subject", subject, { max: 256 });
  enforce(ctx, decideRevocation(ctx.viewer, partner.trim().toUpperCase()));
  const [code] = await knownPartners(ctx, "partner", [partner]);
  return transaction(ctx, async (em) => {
    const values = { subjectDigest: subjectDigest(code!, sub), revokedAt: new Date() };
    const existing = await em.findOne(TokenRevocation, { partnerCode: code!, subject: sub });
    if (!existing) return newRecord(ctx, em, REVOCATIONS, { partnerCode: code!, subject: sub, ...values }, "revoke");
    Object.assign(existing, values);
    auditWrite(ctx, em, REVOCATIONS, existing, "revoke");
    return existing;
  });
}
