import { MARKINGS, type Marking, PARTNER_KINDS, type PartnerKind, TLP_LEVELS, type Tlp } from "@concert/policy";
import { registerEnumType } from "type-graphql";

function enumObject<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}

/** GraphQL enum `Marking`: use `() => MarkingEnum` as a field type. */
export const MarkingEnum: { [K in Marking]: K } = enumObject(MARKINGS);
registerEnumType(MarkingEnum, {
  name: "Marking",
  description: "Who may read a record or a sensitive part of one.",
  valuesConfig: {
    PUBLIC: { description: "Anyone, anonymous callers included." },
    PARTNERS: { description: "Every authenticated partner, civil society included." },
    GOVERNMENTS: { description: "Governments and multilateral organisations, not civil society." },
    RESTRICTED: { description: "The originator plus the partners and groups listed in `releasableTo`." },
    ORIGINATOR: { description: "The originating partner only." },
  },
});

export const PartnerKindEnum: { [K in PartnerKind]: K } = enumObject(PARTNER_KINDS);
registerEnumType(PartnerKindEnum, {
  name: "PartnerKind",
  description: "What kind of organisation a partner is; it decides what GOVERNMENTS-marked material it sees.",
  valuesConfig: {
    GOVERNMENT: { description: "A national government." },
    MULTILATERAL: { description: "A multilateral organisation such as the UN, EU, AU or NATO." },
    CIVIL_SOCIETY: { description: "A civil-society organisation." },
  },
});

/** GraphQL enum `Tlp`: FIRST's Traffic Light Protocol 2.0 label, derived from the marking by the policy. */
export const TlpEnum: { [K in Tlp]: K } = enumObject(TLP_LEVELS);
registerEnumType(TlpEnum, {
  name: "Tlp",
  description: 'FIRST Traffic Light Protocol 2.0 label of a record, derived from its marking (docs/access-policy.md, "TLP 2.0").',
  valuesConfig: {
    CLEAR: { description: "TLP:CLEAR, from PUBLIC: disclosure is not limited." },
    GREEN: { description: "TLP:GREEN, from PARTNERS: the community of Concert's partners." },
    AMBER: { description: "TLP:AMBER, from GOVERNMENTS: with `tlpStatement` limiting it to governments and multilateral organisations." },
    AMBER_STRICT: {
      description: "TLP:AMBER+STRICT, from RESTRICTED: with `tlpStatement` naming the partners and groups it is releasable to.",
    },
    RED: { description: "TLP:RED, from ORIGINATOR: the originating partner only." },
  },
});

export { enumObject };
