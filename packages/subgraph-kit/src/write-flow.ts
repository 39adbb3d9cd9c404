import { type Decision, decideWrite, type Marked, MarkedType, type Viewer, type WriteAction } from "@concert/policy";
import type { EntityClass, EntityData, RequiredEntityData } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { AuditedRecord } from "./audit.js";
import type { SubgraphContext } from "./context.js";
import { forbidden, unauthenticated } from "./errors.js";
import { recordToChange } from "./record-to-change.js";
import { assertOriginator } from "./visibility.js";
import { transaction } from "./writes.js";

/**
 * The one write flow of every subgraph. A mutation's resolver checks its arguments and calls a function of its
 * subgraph's `writes/`, which calls `createRecord` or `changeRecord`:
 *
 * 1. the policy's write action (`decideWrite`), before any SQL;
 * 2. in one transaction: the caller's own record (`recordToChange`: NOT_FOUND when it may not see it, FORBIDDEN
 *    when it is not its own, CONFLICT when the version is not the one it read), or the new record (`newRecord`);
 * 3. the change, applied by the subgraph;
 * 4. in the same transaction, the audit entry, and on flush the change-feed entry (`ChangeRecorder`): a write
 *    whose audit or change entry fails keeps nothing, and a refused write keeps nothing but its refusal's audit.
 */

/**
 * What the flow needs of a record type: its GraphQL type name, and whose a record is and how it is marked (its
 * audit entry's). Every marked record type's declaration (packages/policy) is one; a record that is its owner's
 * alone and has no marking (an alert rule) says so itself.
 */
export interface WrittenType {
  readonly type: string;
  own(record: object): Marked;
}

/** A kind of record a subgraph writes. */
export interface WrittenKind<T extends object> {
  /** The entity. */
  entity: EntityClass<T>;
  /** Its declaration (packages/policy), or, for a record with no marking, a `WrittenType`. */
  declaration: MarkedType | WrittenType;
  /** Whether the caller may see a record at all (else NOT_FOUND); by default the declaration's `canRead` (`recordToChange`). */
  visible?: (ctx: SubgraphContext, record: T) => boolean;
  /** The policy's write action (`decideWrite`), or the policy's own rule for the kind (e.g. `decideForecastQuestionChange`). */
  action: WriteAction | ((viewer: Viewer, owner?: string) => Decision);
  /** The column a record is found by and audited under; `id` by default. */
  key?: keyof T & string;
}

/** Who may change a record they may see, besides the kind's write action. */
export type Allowed<T> =
  /** the policy's write action for the record's originator: the caller's partner's own records (the default) */
  | "own"
  /** only the originating partner: marking changes, so that only it widens a marking */
  | "originator"
  /** anyone the write action allows (the UN's planning record, whose originator is the UN) */
  | "any"
  /** a check of its own, which throws */
  | ((record: T) => void);

/** The record a change applies to. */
export interface Target<T, C = void> {
  /** The record's key as the client wrote it. */
  id: string;
  /**
   * The `version` the client read; null only for a mutation whose API named no version before the flow
   * (`deleteAlertRule` without `expectedVersion`), which then changes the record at whatever version it has.
   */
  expectedVersion: number | null;
  /** What the audit entry says was done, e.g. `update`; a function is asked with the record as loaded, before the change. */
  audit: string | ((record: T) => string);
  allow?: Allowed<T>;
  /**
   * Checks of the input that need no record, made once the policy allows the write and before the transaction
   * (so a slow check, e.g. a DNS lookup, holds no transaction open); what it answers is handed to `apply`.
   */
  check?: () => C | Promise<C>;
}

function decide<T extends object>(ctx: SubgraphContext, kind: WrittenKind<T>, owner?: string): Decision {
  return typeof kind.action === "function" ? kind.action(ctx.viewer, owner) : decideWrite(ctx.viewer, kind.action, owner);
}

/** Refuses what the policy does not grant: anonymous callers with UNAUTHENTICATED, others with FORBIDDEN. */
function refuse(ctx: SubgraphContext, decision: Decision): void {
  if (decision.allowed) return;
  if (ctx.viewer.partner === null) throw unauthenticated("sign in to make changes");
  throw forbidden(`not allowed: ${decision.reason}`);
}

/** What the audit of a kind needs: whose a record is, how it is marked, and its key (no write action: for `newRecord`). */
export type AuditedKind<T extends object> = Pick<WrittenKind<T>, "entity" | "declaration" | "key">;

/** The audit entry's view of a record: the declaration's marking and originator (fixed for the UN's records). */
function audited<T extends object>(kind: AuditedKind<T>, record: T): AuditedRecord {
  const id = (record as Record<string, unknown>)[kind.key ?? "id"] as string;
  return { id, ...kind.declaration.own(record) };
}

/** Notes the write of `record` in the audit trail of the write's transaction. */
export function auditWrite<T extends object>(
  ctx: SubgraphContext,
  em: EntityManager,
  kind: AuditedKind<T>,
  record: T,
  action: string,
): void {
  ctx.audit.write(em, kind.declaration.type, audited(kind, record), action);
}

/**
 * The one way a record is created: built by the ORM from `data` (so the entity's defaults apply), persisted in
 * the write's transaction, and audited. For a record made inside another write (a revision, a child).
 */
export function newRecord<T extends object>(
  ctx: SubgraphContext,
  em: EntityManager,
  kind: AuditedKind<T>,
  data: EntityData<T>,
  action = "create",
): T {
  const record = em.create(kind.entity, data as RequiredEntityData<T>, { partial: true });
  em.persist(record);
  auditWrite(ctx, em, kind, record, action);
  return record;
}

/** `newRecord` for a record whose key the database assigns (an autoincrement id): saved first, so that its audit entry names it. */
export async function newSavedRecord<T extends object>(
  ctx: SubgraphContext,
  em: EntityManager,
  kind: AuditedKind<T>,
  data: EntityData<T>,
  action = "create",
): Promise<T> {
  const record = em.create(kind.entity, data as RequiredEntityData<T>, { partial: true });
  await em.persist(record).flush();
  auditWrite(ctx, em, kind, record, action);
  return record;
}

/** How a new record is made. */
export interface Creation<T extends object, C = void> {
  /** Whether the write action is decided for the caller's partner as owner (records a partner originates); true by default. */
  owned?: boolean;
  /** The audit entry's action; `create` by default. */
  audit?: string;
  /** Checks of the input, made once the policy allows the write and before the transaction; what it answers is handed to `values`. */
  check?: () => C | Promise<C>;
  /** The record's values, read and checked in the transaction (references, uniqueness). */
  values: (em: EntityManager, checked: C) => EntityData<T> | Promise<EntityData<T>>;
  /** What is done with the new record before it is saved: values that need it, children. */
  complete?: (record: T, em: EntityManager) => void | Promise<void>;
}

/** Creates a record in one transaction: the policy, the values, the record, its audit entry and its change entry. */
export async function createRecord<T extends object, C = void>(
  ctx: SubgraphContext,
  kind: WrittenKind<T>,
  creation: Creation<T, C>,
): Promise<T> {
  refuse(ctx, decide(ctx, kind, creation.owned === false ? undefined : (ctx.viewer.partner ?? undefined)));
  const checked = (await creation.check?.()) as C;
  return transaction(ctx, async (em) => {
    const record = em.create(kind.entity, (await creation.values(em, checked)) as RequiredEntityData<T>, { partial: true });
    await creation.complete?.(record, em);
    em.persist(record);
    auditWrite(ctx, em, kind, record, creation.audit ?? "create");
    return record;
  });
}

function allowing<T extends object>(ctx: SubgraphContext, kind: WrittenKind<T>, allow: Allowed<T>, action: string) {
  if (typeof allow === "function") return allow;
  if (allow === "any") return undefined;
  if (allow === "originator") {
    const declaration = kind.declaration;
    if (!(declaration instanceof MarkedType)) throw new Error(`${declaration.type} has no originator rule`);
    return (record: T) => assertOriginator(ctx, declaration, record, action);
  }
  return (record: T) => {
    const owner = kind.declaration.own(record).originator;
    const decision = decide(ctx, kind, owner);
    if (!decision.allowed) ctx.audit.deniedWrite(kind.declaration.type, audited(kind, record), action, decision.reason);
    refuse(ctx, decision);
  };
}

/**
 * Changes the caller's own record at the version it read, in one transaction: the policy, the record (NOT_FOUND,
 * FORBIDDEN, CONFLICT), the change, its audit entry and its change entry. Answers what `apply` returns (the
 * record, or e.g. the id of a record it removed).
 */
export async function changeRecord<T extends { version: number }, R, C = void>(
  ctx: SubgraphContext,
  kind: WrittenKind<T>,
  target: Target<T, C>,
  apply: (record: T, em: EntityManager, checked: C) => R | Promise<R>,
): Promise<R> {
  refuse(ctx, decide(ctx, kind));
  const checked = (await target.check?.()) as C;
  return transaction(ctx, async (em) => {
    const what = typeof target.audit === "string" ? target.audit : "change";
    const record = await recordToChange(ctx, em, kind.entity, {
      type: kind.declaration.type,
      id: target.id,
      key: kind.key,
      expectedVersion: target.expectedVersion,
      ...(kind.visible ? { visible: (record: T) => kind.visible!(ctx, record) } : {}),
      allow: allowing(ctx, kind, target.allow ?? "own", what),
    });
    const action = typeof target.audit === "string" ? target.audit : target.audit(record);
    const result = await apply(record, em, checked);
    auditWrite(ctx, em, kind, record, action);
    return result;
  });
}
