import type { MarkedType, WriteAction } from "@concert/policy";
import {
  assertOriginator,
  authorizeWrite,
  type MarkedRecord,
  recordToChange,
  type SubgraphContext,
  transaction,
} from "@concert/subgraph-kit";
import type { EntityClass } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { SharingInput } from "../inputs/sharing.js";
import { validAudience } from "../inputs/validation.js";

/** The one write flow of engagements and practices: policy, validation, version, audit, one transaction. */

type Record = MarkedRecord & { id: string };

/** A kind of marked record engagements writes: its entity, its declaration (packages/policy) and its write action. */
export interface WrittenType<T extends Record> {
  entity: EntityClass<T> & (new () => T);
  declaration: MarkedType;
  action: WriteAction;
}

/** Creates a record for the caller's partner; `values` validates the rest of the input. */
export async function createMarked<T extends Record>(
  ctx: SubgraphContext,
  type: WrittenType<T>,
  sharing: SharingInput,
  values: () => Promise<Partial<T>>,
): Promise<T> {
  authorizeWrite(ctx, type.action, ctx.viewer.partner ?? undefined);
  const fields = await values();
  const releasableTo = await validAudience(ctx, "input", sharing.marking, sharing.releasableTo);
  return transaction(ctx, async (em) => {
    const record = Object.assign(new type.entity(), fields, {
      marking: sharing.marking,
      releasableTo,
      originator: ctx.viewer.partner!,
      demo: false,
    });
    em.persist(record);
    ctx.audit.write(em, type.declaration.type, record, "create");
    return record;
  });
}

/** The record as the caller may change it: readable (else NOT_FOUND), the caller's own (else FORBIDDEN), at the expected version (else CONFLICT). */
function editable<T extends Record>(
  ctx: SubgraphContext,
  em: EntityManager,
  type: WrittenType<T>,
  id: string,
  expectedVersion: number,
  action: string,
) {
  return recordToChange(ctx, em, type.entity, {
    type: type.declaration.type,
    id,
    expectedVersion,
    allow: (record) => assertOriginator(ctx, type.declaration, record, action),
  });
}

/** Applies the changes `values` validates against the current record. */
export async function updateMarked<T extends Record>(
  ctx: SubgraphContext,
  type: WrittenType<T>,
  id: string,
  expectedVersion: number,
  values: (current: T) => Promise<Partial<T>>,
): Promise<T> {
  authorizeWrite(ctx, type.action);
  return transaction(ctx, async (em) => {
    const record = await editable(ctx, em, type, id, expectedVersion, "update");
    Object.assign(record, await values(record));
    ctx.audit.write(em, type.declaration.type, record, "update");
    return record;
  });
}

/** Only the originator changes a marking, and so only it can widen one. */
export async function changeMarking<T extends Record>(
  ctx: SubgraphContext,
  type: WrittenType<T>,
  id: string,
  expectedVersion: number,
  sharing: SharingInput,
): Promise<T> {
  authorizeWrite(ctx, type.action);
  const releasableTo = await validAudience(ctx, "sharing", sharing.marking, sharing.releasableTo);
  return transaction(ctx, async (em) => {
    const record = await editable(ctx, em, type, id, expectedVersion, "change-marking");
    Object.assign(record, { marking: sharing.marking, releasableTo });
    ctx.audit.write(em, type.declaration.type, record, "change-marking");
    return record;
  });
}

/** The current values with the changes given (fields left out, i.e. undefined, stay). */
export function merged<V extends object>(current: V, changes: object): V {
  const given = Object.entries(changes).filter(([, v]) => v !== undefined);
  return { ...current, ...Object.fromEntries(given) };
}
