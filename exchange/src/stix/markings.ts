import { type Marking, type Tlp, tlpLabel, tlpOf, tlpStatement } from "@concert/policy";
import { stixId } from "./ids.js";

/** The TLP 2.0 extension OASIS publishes (cti-stix-common-objects, extension-definition-specifications/tlp-2.0). */
export const TLP2_EXTENSION_ID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

/** The marking definitions of TLP 2.0 under their fixed OASIS ids: every STIX tool knows them by these ids. */
export const TLP2_MARKING_IDS: Record<Tlp, string> = {
  CLEAR: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
  GREEN: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
  AMBER: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
  AMBER_STRICT: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
  RED: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
};

export interface StixObject {
  type: string;
  id: string;
  spec_version: "2.1";
  [property: string]: unknown;
}

/** A TLP 2.0 marking definition exactly as OASIS publishes it. */
export function tlpMarkingDefinition(tlp: Tlp): StixObject {
  return {
    type: "marking-definition",
    spec_version: "2.1",
    id: TLP2_MARKING_IDS[tlp],
    created: "2022-10-01T00:00:00.000Z",
    name: tlpLabel(tlp),
    extensions: {
      [TLP2_EXTENSION_ID]: { extension_type: "property-extension", tlp_2_0: tlp.toLowerCase().replace("_", "+") },
    },
  };
}

/** When Concert's statement markings were first defined; a statement's id and date never change. */
const STATEMENT_CREATED = "2026-12-01T00:00:00.000Z";

/** A `statement` marking definition saying who may receive a record; its id follows from its words. */
export function statementMarkingDefinition(statement: string): StixObject {
  return {
    type: "marking-definition",
    spec_version: "2.1",
    id: stixId("marking-definition", "Statement", statement),
    created: STATEMENT_CREATED,
    definition_type: "statement",
    definition: { statement },
  };
}

/** The marking definitions that apply to a record with this marking: its TLP 2.0 level, and a statement where one is needed. */
export function markingDefinitionsOf(marking: Marking, releasableTo: readonly string[]): StixObject[] {
  const statement = tlpStatement(marking, releasableTo);
  return [tlpMarkingDefinition(tlpOf(marking)), ...(statement ? [statementMarkingDefinition(statement)] : [])];
}
