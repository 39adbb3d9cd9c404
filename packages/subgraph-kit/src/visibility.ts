import { canRead, isAtLeastAsStrict, type Marked, type Marking } from "@concert/policy";
import { GraphQLError } from "graphql";
import type { AuditedRecord } from "./audit.js";
import type { SubgraphContext } from "./context.js";
import { badUserInput, forbidden } from "./errors.js";
import { isCode } from "./validation.js";

type Record = Marked & AuditedRecord;

/**
 * Keeps the records the caller may read and notes audited reads. Queries already filter in SQL
 * with `readableWhere`; this second check is what entity resolution and nested fields rely on.
 */
export function served<T extends Record>(ctx: SubgraphContext, entityType: string, records: readonly T[]): T[] {
  const readable = records.filter((r) => canRead(ctx.viewer, r));
  ctx.metrics.countPolicyDecision(entityType, "allowed", readable.length);
  ctx.metrics.countPolicyDecision(entityType, "denied", records.length - readable.length);
  ctx.audit.read(entityType, readable);
  return readable;
}

export function servedOne<T extends Record>(ctx: SubgraphContext, entityType: string, record: T | null | undefined): T | null {
  return record ? (served(ctx, entityType, [record])[0] ?? null) : null;
}

/**
 * A sensitive part of a readable record: returns it when its own marking lets the caller read it;
 * otherwise raises FORBIDDEN, so that the field is null and the rest of the response is served.
 */
export function sensitivePart<V>(
  ctx: SubgraphContext,
  entityType: string,
  record: Record,
  part: { name: string; marking: Marking; releasableTo: readonly string[] },
  value: V,
): V {
  if (canRead(ctx.viewer, { marking: part.marking, releasableTo: part.releasableTo, originator: record.originator })) {
    return value;
  }
  ctx.metrics.countPolicyDecision(entityType, "denied");
  ctx.audit.deniedRead(entityType, record, part.name);
  throw new GraphQLError(`${part.name} is restricted (${part.marking})`, {
    extensions: { code: "FORBIDDEN", field: part.name },
  });
}

/** Checks a requested marking: RESTRICTED needs someone to release to; other markings name no one. `field` prefixes the paths ("" for arguments). */
export function validateMarking(field: string, marking: Marking, releasableTo: readonly string[]): void {
  const path = field ? `${field}.releasableTo` : "releasableTo";
  if (marking === "RESTRICTED" && releasableTo.length === 0) {
    throw badUserInput(path, "a RESTRICTED marking must name at least one partner or group");
  }
  if (marking !== "RESTRICTED" && releasableTo.length > 0) {
    throw badUserInput(path, "only a RESTRICTED marking names partners or groups");
  }
  for (const code of releasableTo) {
    if (!isCode("audience", code)) throw badUserInput(path, `${code} is not a partner or group code`);
  }
}

/** A sensitive part's marking may never reach anyone its record does not. */
export function validatePartMarking(
  field: string,
  part: { marking: Marking; releasableTo: readonly string[] },
  record: { marking: Marking; releasableTo: readonly string[] },
): void {
  validateMarking(field, part.marking, part.releasableTo);
  if (!isAtLeastAsStrict(part, record)) {
    throw badUserInput(`${field}.marking`, `must be at least as strict as the record's marking ${record.marking}`);
  }
}

/** Only the originator may change a marking at all (and so only it can widen one). */
export function assertOriginator(ctx: SubgraphContext, entityType: string, record: Record, action: string): void {
  if (ctx.viewer.partner !== record.originator) {
    ctx.audit.deniedWrite(entityType, record, action, "not the originator");
    throw forbidden("only the originating partner may do this");
  }
}
