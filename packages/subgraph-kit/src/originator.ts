import { type Tlp, tlpOf, tlpStatement } from "@concert/policy";
import { type ClassType, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { SubgraphContext } from "./context.js";
import { TlpEnum } from "./enums.js";
import type { MarkedRecord } from "./marked-record.js";

/**
 * The fields every marked record type derives from its columns: `originator: Partner!`, the one name, on every
 * such type, for the partner a record comes from, and its TLP 2.0 label (`tlp`, `tlpStatement`). `partner` resolves a partner code to the subgraph's `Partner`
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

    @FieldResolver(() => TlpEnum, {
      description: 'The record\'s FIRST TLP 2.0 label, derived from `marking` (docs/access-policy.md, "TLP 2.0").',
    })
    tlp(@Root() record: R): Tlp {
      return tlpOf(record.marking);
    }

    @FieldResolver(() => String, {
      nullable: true,
      description:
        "Who may receive the record, in words, where the TLP label alone does not say it: for AMBER (governments and multilateral organisations only) and AMBER_STRICT (the partners and groups named in `releasableTo`); null otherwise.",
    })
    tlpStatement(@Root() record: R): string | null {
      return tlpStatement(record.marking, record.releasableTo);
    }
  }
  Object.defineProperty(OriginatorResolver, "name", { value: `${recordType.name}OriginatorResolver` });
  return OriginatorResolver;
}

/** A federated reference to a partner owned by another subgraph. */
export function partnerReference(code: string): { code: string } {
  return { code };
}
