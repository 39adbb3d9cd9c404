import { decideRegistryChange, REGISTRY_ENTRY } from "@concert/policy";
import { badUserInput } from "@concert/subgraph-kit/errors";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { changeRecord, createRecord, today, type WrittenKind } from "@concert/subgraph-kit/writes";
import { Partner } from "../entities/partner.js";
import type { PartnerChanges, PartnerInput } from "../inputs/partner.js";
import { merged } from "./marked.js";
import { partnerFields, partnerValues } from "./partner-values.js";

/**
 * Registry entries, for a change of `fields` of the entry `code` (null: a new one): whose admin may make it depends
 * on both (policy: decideRegistryChange), so the kind is made per write and decides for them.
 */
function entries(code: string | null, fields: readonly string[]): WrittenKind<Partner> {
  return { entity: Partner, declaration: REGISTRY_ENTRY, key: "code", action: (viewer) => decideRegistryChange(viewer, code, fields) };
}

export function registerPartner(ctx: SubgraphContext, input: PartnerInput): Promise<Partner> {
  const code = input.code.trim().toUpperCase();
  return createRecord(ctx, entries(null, Object.keys(input)), {
    owned: false,
    check: () => partnerFields(ctx, "input", { ...input, code, activeFrom: input.activeFrom ?? today() }),
    values: async (em, fields) => {
      if (await em.count(Partner, { code })) throw badUserInput("input.code", `${code} is already registered`);
      return { ...fields, code };
    },
  });
}

export function updatePartner(ctx: SubgraphContext, code: string, expectedVersion: number, changes: PartnerChanges): Promise<Partner> {
  const fields = Object.keys(changes).filter((f) => changes[f as keyof PartnerChanges] !== undefined);
  const id = code.trim().toUpperCase();
  return changeRecord(ctx, entries(id, fields), { id, expectedVersion, audit: "update", allow: "any" }, async (partner) =>
    Object.assign(partner, await partnerFields(ctx, "changes", merged(partnerValues(partner), changes))),
  );
}

export function deactivatePartner(ctx: SubgraphContext, code: string, expectedVersion: number, last: string): Promise<Partner> {
  const id = code.trim().toUpperCase();
  return changeRecord(ctx, entries(id, ["activeTo"]), { id, expectedVersion, audit: "deactivate", allow: "any" }, (partner) => {
    if (last < partner.activeFrom) throw badUserInput("activeTo", `must not be before activeFrom (${partner.activeFrom})`);
    partner.activeTo = last;
    return partner;
  });
}
