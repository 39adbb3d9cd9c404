import type { MarkedRecord } from "@concert/subgraph-kit/access";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { changeRecord, createRecord, type WrittenKind } from "@concert/subgraph-kit/writes";
import type { EntityData } from "@mikro-orm/core";
import type { SharingInput } from "../inputs/sharing.js";
import { validAudience } from "../inputs/validation.js";

/** The sharing of engagements and practices, on the kit's write flow: both are marked records a partner originates. */

type Shared = MarkedRecord & { id: string };

/** Creates a record for the caller's partner; `values` validates the rest of the input. */
export function createMarked<T extends Shared>(
  ctx: SubgraphContext,
  kind: WrittenKind<T>,
  sharing: SharingInput,
  values: () => Promise<Partial<T>>,
): Promise<T> {
  return createRecord(ctx, kind, {
    values: async () => {
      const fields = await values();
      const releasableTo = await validAudience(ctx, "input", sharing.marking, sharing.releasableTo);
      return { ...fields, marking: sharing.marking, releasableTo, originator: ctx.viewer.partner!, demo: false } as EntityData<T>;
    },
  });
}

/** Applies the changes `values` validates against the caller's own record. */
export function updateMarked<T extends Shared>(
  ctx: SubgraphContext,
  kind: WrittenKind<T>,
  id: string,
  expectedVersion: number,
  values: (current: T) => Promise<Partial<T>>,
): Promise<T> {
  return changeRecord(ctx, kind, { id, expectedVersion, audit: "update", allow: "originator" }, async (record) => {
    Object.assign(record, await values(record));
    return record;
  });
}

/** Only the originator changes a marking, and so only it can widen one. */
export function changeMarking<T extends Shared>(
  ctx: SubgraphContext,
  kind: WrittenKind<T>,
  id: string,
  expectedVersion: number,
  sharing: SharingInput,
): Promise<T> {
  let releasableTo: string[] = [];
  const check = async () => {
    releasableTo = await validAudience(ctx, "sharing", sharing.marking, sharing.releasableTo);
  };
  return changeRecord(ctx, kind, { id, expectedVersion, audit: "change-marking", allow: "originator", check }, (record) => {
    Object.assign(record, { marking: sharing.marking, releasableTo });
    return record;
  });
}

/** The current values with the changes given (fields left out, i.e. undefined, stay). */
export function merged<V extends object>(current: V, changes: object): V {
  const given = Object.entries(changes).filter(([, v]) => v !== undefined);
  return { ...current, ...Object.fromEntries(given) };
}
