import type { PartnerKind } from "@concert/policy";
import { badUserInput } from "@concert/subgraph-kit/errors";
import type { SubgraphContext } from "@concert/subgraph-kit/server";
import { isCode, requireDate, requireText } from "@concert/subgraph-kit/writes";
import type { Partner } from "../entities/partner.js";
import { knownCountries } from "../inputs/validation.js";

/** A registry entry as written in an input. */
export interface PartnerValues {
  code: string;
  name: string;
  kind: PartnerKind;
  country?: string | null;
  activeFrom: string;
  activeTo?: string | null;
}

export function partnerValues(p: Partner): PartnerValues {
  return { code: p.code, name: p.name, kind: p.kind, country: p.countryCode, activeFrom: p.activeFrom, activeTo: p.activeTo };
}

/** Checks the values (errors name `<input>.<field>`) and returns them as entity fields. */
export async function partnerFields(ctx: SubgraphContext, input: string, v: PartnerValues): Promise<Partial<Partner>> {
  const at = (name: string) => `${input}.${name}`;
  if (!isCode("partner", v.code))
    throw badUserInput(at("code"), `${v.code} is not a partner code: 2–16 capital letters or digits, starting with a letter`);
  const name = requireText(at("name"), v.name);
  requireDate(at("activeFrom"), v.activeFrom);
  if (v.activeTo) requireDate(at("activeTo"), v.activeTo);
  if (v.activeTo && v.activeTo < v.activeFrom) throw badUserInput(at("activeTo"), `must not be before activeFrom (${v.activeFrom})`);
  const country = v.country ? (await knownCountries(ctx, at("country"), [v.country]))[0]! : null;
  if (v.kind === "GOVERNMENT" && country !== v.code) {
    throw badUserInput(country ? at("code") : at("country"), "a government is registered under the ISO alpha-3 code of its country");
  }
  return { name, kind: v.kind, countryCode: country, activeFrom: v.activeFrom, activeTo: v.activeTo ?? null };
}
