import { type ClassType, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { SubgraphContext } from "./context.js";
import type { MarkedRecord } from "./marked-record.js";

/**
 * The `originator: Partner!` field of a marked record type: the one name, on every such type, for
 * the partner a record comes from. `partner` resolves a partner code to the subgraph's `Partner`
 * (a federated reference, or a batched load where the subgraph owns partners).
 */
export function originatorResolver<R extends MarkedRecord>(
  recordType: ClassType<R>,
  partnerType: ClassType,
  partner: (code: string, ctx: SubgraphContext) => unknown,
): ClassType {
  @Resolver(() => recordType)
  class OriginatorResolver {
    @FieldResolver(() => partnerType, {
      description: "The partner the record comes from: it owns the record, and only it may change the record's marking.",
    })
    originator(@Root() record: R, @Ctx() ctx: SubgraphContext): unknown {
      return partner(record.originator, ctx);
    }
  }
  Object.defineProperty(OriginatorResolver, "name", { value: `${recordType.name}OriginatorResolver` });
  return OriginatorResolver;
}

/** A federated reference to a partner owned by another subgraph. */
export function partnerReference(code: string): { code: string } {
  return { code };
}
