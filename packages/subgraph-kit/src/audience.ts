import type { DirectoryEntry } from "@concert/auth";
import { AUDIENCE_REASONS, type AudienceEntry, type AudienceReason, type Marked, type MarkedType } from "@concert/policy";
import { type ClassType, Ctx, Directive, Field, FieldResolver, ObjectType, Resolver, Root, registerEnumType } from "type-graphql";
import type { SubgraphContext } from "./context.js";
import { enumObject } from "./enums.js";
import type { MarkedRecord } from "./marked-record.js";
import { parentsOf } from "./readable.js";

/** GraphQL enum `AudienceReason`. */
export const AudienceReasonEnum: { [K in AudienceReason]: K } = enumObject(AUDIENCE_REASONS);
registerEnumType(AudienceReasonEnum, {
  name: "AudienceReason",
  description: "Why a partner reads a record.",
  valuesConfig: {
    PUBLIC: { description: "The record is PUBLIC." },
    PARTNERS: { description: "The record is marked PARTNERS, and this is a partner." },
    GOVERNMENTS: { description: "The record is marked GOVERNMENTS, and this partner is a government or a multilateral organisation." },
    NAMED: { description: "The record is RESTRICTED, and `releasableTo` names this partner." },
    GROUP: { description: "The record is RESTRICTED to a group (forum) this partner belongs to, named in `via`." },
    ORIGINATOR: { description: "This partner originated the record." },
  },
});

/** An audience entry as resolvers return it: `partner` is what the subgraph resolves a partner code to. */
export interface AudienceEntryValue {
  partner: unknown;
  reason: AudienceReason;
  via: string | null;
}

const entryTypes = new Map<ClassType, ClassType>();

/** The `AudienceEntry` type of a subgraph, whose `partner` field has the subgraph's `Partner` type (one class per partner type). */
export function audienceEntryType(partnerType: ClassType): ClassType {
  const known = entryTypes.get(partnerType);
  if (known) return known;
  @Directive("@shareable")
  @ObjectType("AudienceEntry", { simpleResolvers: true, description: "One active partner who reads (or would read) a record, and why." })
  class AudienceEntry implements AudienceEntryValue {
    @Field(() => partnerType, { description: "The partner." })
    partner!: unknown;

    @Field(() => AudienceReasonEnum, { description: "Why it reads the record; the originator is always ORIGINATOR." })
    reason!: AudienceReason;

    @Field(() => String, {
      nullable: true,
      description: "The group (forum) code it reads through, when the reason is GROUP; null otherwise.",
    })
    via!: string | null;
  }
  entryTypes.set(partnerType, AudienceEntry);
  return AudienceEntry;
}

/** The registry's active partners, read once per request at most (from the bounded copy the caller was identified with). */
export function activePartners(ctx: SubgraphContext): Promise<DirectoryEntry[]> {
  return ctx.loaders
    .get<"all", DirectoryEntry[]>("activePartners", async (keys) => {
      const partners = await ctx.directory.activePartners();
      return keys.map(() => partners);
    })
    .load("all");
}

/** An audience's entries with each partner resolved by `partner`. */
function resolved(ctx: SubgraphContext, entries: AudienceEntry[], partner: (code: string, ctx: SubgraphContext) => unknown) {
  return entries.map((e) => ({ partner: partner(e.partner, ctx), reason: e.reason, via: e.via }));
}

/** Who among the active partners reads `row` of `type` now and why (the declaration's `audience`), each partner resolved by `partner`. */
export async function audienceEntries(
  ctx: SubgraphContext,
  type: MarkedType,
  row: object,
  partner: (code: string, ctx: SubgraphContext) => unknown,
): Promise<AudienceEntryValue[]> {
  const parent = type.parent ? ((await parentsOf(ctx, type, [row])).get(type.parentKeyOf(row) ?? "") ?? null) : null;
  return resolved(ctx, type.audience(row, await activePartners(ctx), parent), partner);
}

/** Who would read a published record of `type` under `marking` (the declaration's `previewAudience`). */
export async function previewEntries(
  ctx: SubgraphContext,
  type: MarkedType,
  marking: Marked,
  partner: (code: string, ctx: SubgraphContext) => unknown,
): Promise<AudienceEntryValue[]> {
  return resolved(ctx, type.previewAudience(marking, await activePartners(ctx)), partner);
}

/**
 * The `audience: [AudienceEntry!]` field of a marked record type: who reads the record now and why,
 * answered to its originator only (null for anyone else, without reading anything). Both rules are the
 * declaration's: `isOriginator` and `audience`.
 */
export function audienceResolver<R extends MarkedRecord>(
  recordType: ClassType<R>,
  type: MarkedType,
  partnerType: ClassType,
  partner: (code: string, ctx: SubgraphContext) => unknown,
): ClassType {
  // Created now, not in the type getter: type-graphql must know the type before it builds the schema.
  const entryType = audienceEntryType(partnerType);
  @Resolver(() => recordType)
  class AudienceResolver {
    @FieldResolver(() => [entryType], {
      nullable: true,
      description:
        "Every active partner who reads this record now, and why, by partner code. Answered to the record's originator only; null for anyone else.",
    })
    audience(@Root() record: R, @Ctx() ctx: SubgraphContext): Promise<AudienceEntryValue[]> | null {
      if (!type.isOriginator(ctx.viewer, record)) return null;
      return audienceEntries(ctx, type, record, partner);
    }
  }
  Object.defineProperty(AudienceResolver, "name", { value: `${recordType.name}AudienceResolver` });
  return AudienceResolver;
}
