import type { MarkedType, Marking } from "@concert/policy";
import { GraphQLError } from "graphql";
import type { AuditedRecord } from "./audit.js";
import type { SubgraphContext } from "./context.js";
import { badUserInput, forbidden } from "./errors.js";
import { isCode } from "./validation.js";

/**
 * Keeps the rows of `type` the caller may read (the declaration's check on a loaded row) and notes audited reads.
 * Queries already filter in SQL with the declaration's `where`; this second check is what entity resolution and
 * nested fields rely on. For a type with a parent, pass the parents the rows do not hold loaded (see `parentsOf`).
 */
export function served<T extends object>(
  ctx: SubgraphContext,
  type: MarkedType,
  rows: readonly T[],
  parents?: ReadonlyMap<string, object>,
): T[] {
  const parentOf = (row: T) => type.parentOf(row) ?? parents?.get(type.parentKeyOf(row) ?? "") ?? null;
  const readable = rows.filter((r) => type.canRead(ctx.viewer, r, type.parent ? parentOf(r) : null));
  ctx.metrics.countPolicyDecision(type.type, "allowed", readable.length);
  ctx.metrics.countPolicyDecision(type.type, "denied", rows.length - readable.length);
  ctx.audit.read(type.type, readable as unknown as AuditedRecord[]);
  return readable;
}

export function servedOne<T extends object>(ctx: SubgraphContext, type: MarkedType, row: T | null | undefined): T | null {
  return row ? (served(ctx, type, [row])[0] ?? null) : null;
}

/**
 * A marked part (`field`) of a readable row of `type`: returns `value` when the part's own marking lets the caller
 * read it; otherwise raises FORBIDDEN, so that the field is null and the rest of the response is served.
 */
export function sensitivePart<V>(ctx: SubgraphContext, type: MarkedType, row: object, field: string, value: V): V {
  if (type.canReadField(ctx.viewer, row, field)) return value;
  ctx.metrics.countPolicyDecision(type.type, "denied");
  ctx.audit.deniedRead(type.type, row as AuditedRecord, field);
  throw new GraphQLError(`${field} is restricted (${type.fieldMarking(row, field).marking})`, {
    extensions: { code: "FORBIDDEN", field },
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

/** A marked part's marking may never reach anyone its record does not (the declaration's `fieldMarkingProblem`). */
export function validatePartMarking(
  type: MarkedType,
  field: string,
  part: Parameters<MarkedType["fieldMarkingProblem"]>[0],
  record: Parameters<MarkedType["fieldMarkingProblem"]>[1],
): void {
  validateMarking(field, part.marking, part.releasableTo);
  const problem = type.fieldMarkingProblem(part, record);
  if (problem) throw badUserInput(`${field}.marking`, problem);
}

/** Only the originator may change a marking at all (and so only it can widen one): the declaration's `isOriginator`. */
export function assertOriginator(ctx: SubgraphContext, type: MarkedType, row: object, action: string): void {
  if (!type.isOriginator(ctx.viewer, row)) {
    ctx.audit.deniedWrite(type.type, row as AuditedRecord, action, "not the originator");
    throw forbidden("only the originating partner may do this");
  }
}
