import { stixId } from "./ids.js";
import type { StixObject } from "./markings.js";

/**
 * Concert's STIX 2.1 extension: the properties Concert adds to standard objects (its record id, marking, TLP, the
 * fields withheld from the reader) and its own object types (pledges, missions, engagements). Published as an
 * `extension-definition` with a JSON schema, never as ad-hoc `x_` properties.
 */
export const CONCERT_EXTENSION_ID = "extension-definition--c968ea5d-e193-4f08-8c59-c14a3040ea6e";
export const CONCERT_EXTENSION_VERSION = "1.0.0";
const PUBLISHED = "2026-12-01T00:00:00.000Z";

/** Concert itself, as the creator of its extension definition. */
export const CONCERT_IDENTITY: StixObject = {
  type: "identity",
  spec_version: "2.1",
  id: stixId("identity", "System", "concert"),
  created: PUBLISHED,
  modified: PUBLISHED,
  name: "Concert",
  identity_class: "system",
  description: "Concert, a federated API for coordinating the prevention of mass atrocities.",
};

/** Concert's own object types, each a `new-sdo` of the extension. */
export const CONCERT_OBJECT_TYPES = ["concert-pledge", "concert-mission", "concert-engagement"] as const;

const text = { type: "string" };
// STIX forbids empty lists: a list is absent rather than empty.
const texts = { type: "array", items: text, minItems: 1 };
const day = { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" };
const count = { type: "integer", minimum: 0 };
const stixRef = { type: "string", pattern: "^[a-z0-9-]+--[0-9a-f-]{36}$" };

/** The JSON schema (draft 2020-12) of the extension's property extension and of each of its object types. */
export const CONCERT_EXTENSION_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://concert.invalid/stix/concert-extension-1.0.0.json",
  title: "Concert STIX 2.1 extension",
  description: "The properties Concert adds to STIX objects, and its own object types.",
  $defs: {
    "property-extension": {
      description: "Concert's properties on a standard STIX object (under extensions[<Concert's extension id>]).",
      type: "object",
      required: ["extension_type", "concert_type", "concert_id"],
      properties: {
        extension_type: { const: "property-extension" },
        concert_type: {
          description:
            "The record's GraphQL type: RiskAssessment, Finding, Watchlist, ForecastQuestion, Forecast, Opinion, Practice, Partner, Country.",
          ...text,
        },
        concert_id: { description: "The record's id in Concert's API.", ...text },
        concert_version: { description: "The record's version; `modified` follows it.", ...count },
        marking: {
          description: "Concert's marking of the record.",
          enum: ["PUBLIC", "PARTNERS", "GOVERNMENTS", "RESTRICTED", "ORIGINATOR"],
        },
        releasable_to: { description: "For RESTRICTED: the partner and group codes it is releasable to.", ...texts },
        tlp: { description: "The TLP 2.0 label.", enum: ["CLEAR", "GREEN", "AMBER", "AMBER_STRICT", "RED"] },
        withheld: {
          description:
            "Properties left out because their own marking is stricter than the reader passes (granular_markings cannot point at an absent property); absent when none is.",
          ...texts,
        },
        attributes: {
          description: "The record's properties that have no STIX property of their own, by their Concert name.",
          type: "object",
        },
      },
      additionalProperties: false,
    },
    "new-sdo": {
      description: "The extension entry of a Concert object type.",
      type: "object",
      required: ["extension_type"],
      properties: { extension_type: { const: "new-sdo" } },
      additionalProperties: false,
    },
    "concert-pledge": {
      description: "A member state's pledge of a capability to UN peacekeeping.",
      type: "object",
      required: ["type", "concert_id", "quantity", "personnel", "readiness", "status", "capability_type"],
      properties: {
        type: { const: "concert-pledge" },
        concert_id: text,
        quantity: count,
        personnel: count,
        women_personnel: count,
        readiness: text,
        status: text,
        renewal_due: day,
        capability_type: text,
        mission_ref: stixRef,
        pledging_event: text,
        unit_details: text,
        withheld: texts,
      },
    },
    "concert-mission": {
      description: "A UN peacekeeping mission.",
      type: "object",
      required: ["type", "concert_id", "name", "acronym", "status", "start_date"],
      properties: {
        type: { const: "concert-mission" },
        concert_id: text,
        name: text,
        acronym: text,
        status: text,
        start_date: day,
        end_date: day,
        protection_of_civilians: { type: "boolean" },
        chapter_vii: { type: "boolean" },
        location_refs: { type: "array", items: stixRef, minItems: 1 },
      },
    },
    "concert-engagement": {
      description: "A partner's recorded engagement: a meeting, mission, statement or other act about countries.",
      type: "object",
      required: ["type", "concert_id", "name", "kind", "date"],
      properties: {
        type: { const: "concert-engagement" },
        concert_id: text,
        name: text,
        kind: text,
        date: day,
        description: text,
        outcomes: texts,
        forum: text,
        participant_refs: { type: "array", items: stixRef, minItems: 1 },
        location_refs: { type: "array", items: stixRef, minItems: 1 },
        withheld: texts,
      },
    },
  },
} as const;

/** The extension definition objects carry in their `extensions`. */
export const CONCERT_EXTENSION_DEFINITION: StixObject = {
  type: "extension-definition",
  spec_version: "2.1",
  id: CONCERT_EXTENSION_ID,
  created_by_ref: CONCERT_IDENTITY.id,
  created: PUBLISHED,
  modified: PUBLISHED,
  name: "Concert records",
  description:
    "Concert's record ids, markings, TLP labels and withheld fields on standard objects, and its own object types (concert-pledge, concert-mission, concert-engagement).",
  schema:
    "The JSON schema (draft 2020-12) served by Concert's exchange service at /taxii2/concert-extension.json; documented in Concert's docs/integrators.md.",
  version: CONCERT_EXTENSION_VERSION,
  extension_types: ["property-extension", "new-sdo"],
};
