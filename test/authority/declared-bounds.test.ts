import {
  AUDIENCE,
  CODE_LIST,
  checkBounds,
  HEAD_COUNT,
  type InputBounds,
  LONG_TEXT,
  LONG_TEXT_MAX,
  PARAGRAPHS,
  TEXT_MAX,
} from "@concert/subgraph-kit/writes";
import { SUBGRAPH_NAMES, SUBGRAPHS } from "@concert/system";
import { type GraphQLError, type GraphQLInputType, type GraphQLSchema, getNamedType, isInputObjectType } from "graphql";

/**
 * Input bounds are declared next to each field (`@Bounded`, `@ArgBounds`), and the schema each subgraph serves carries
 * them: the limits that were once chosen by field name are each still declared where those names are used.
 */

const schemas = new Map<string, GraphQLSchema>();
beforeAll(async () => {
  for (const name of SUBGRAPH_NAMES) schemas.set(name, await SUBGRAPHS[name].buildSchema());
});

const bounds = (node: { extensions?: unknown } | undefined) => (node?.extensions as { bounds?: InputBounds } | undefined)?.bounds;

/** What each name used to get, whatever field it was on. */
const EXPECTED: Record<string, InputBounds> = {
  summary: LONG_TEXT,
  evidence: LONG_TEXT,
  evidenceOfEffect: LONG_TEXT,
  note: LONG_TEXT,
  rationale: LONG_TEXT,
  source: LONG_TEXT,
  unitDetails: LONG_TEXT,
  description: LONG_TEXT,
  text: LONG_TEXT,
  scenarios: PARAGRAPHS,
  outcomes: PARAGRAPHS,
  recommendedActions: PARAGRAPHS,
  indicator: PARAGRAPHS,
  countries: CODE_LIST,
  hostCountries: CODE_LIST,
  participants: CODE_LIST,
  contributors: CODE_LIST,
  codes: CODE_LIST,
  releasableTo: AUDIENCE,
  unitDetailsReleasableTo: AUDIENCE,
  personnel: HEAD_COUNT,
  womenPersonnel: HEAD_COUNT,
  quantity: HEAD_COUNT,
  units: HEAD_COUNT,
};

it("declares, on every input field and root argument of those names, the bounds the name used to get", () => {
  const checked: string[] = [];
  for (const [subgraph, schema] of schemas) {
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isInputObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        // A nested input (`AssessmentInput.evidence`, a marking) declares its bounds on its own fields.
        if (!EXPECTED[field.name] || isInputObjectType(getNamedType(field.type))) continue;
        checked.push(`${subgraph} ${type.name}.${field.name}`);
        expect([`${type.name}.${field.name}`, bounds(field)]).toEqual([`${type.name}.${field.name}`, EXPECTED[field.name]]);
      }
    }
    for (const root of [schema.getQueryType(), schema.getMutationType()]) {
      for (const field of Object.values(root?.getFields() ?? {})) {
        for (const arg of field.args) {
          if (!EXPECTED[arg.name] || field.name.startsWith("_")) continue;
          checked.push(`${subgraph} ${field.name}(${arg.name})`);
          expect([`${field.name}(${arg.name})`, bounds(arg)]).toEqual([`${field.name}(${arg.name})`, EXPECTED[arg.name]]);
        }
      }
    }
  }
  // AssessmentInput.summary, PledgeInput.unitDetails, changePledgeStatus(note), previewAudience(releasableTo)…
  expect(checked.length).toBeGreaterThan(50);
});

it("checks a value against its type's declared bounds, and the defaults elsewhere", () => {
  const risk = schemas.get("risk")!;
  const input = risk.getType("AssessmentInput") as GraphQLInputType;
  const refusal = (value: unknown) => {
    try {
      checkBounds("input", value, input);
      return null;
    } catch (err) {
      return (err as GraphQLError).extensions;
    }
  };
  expect(refusal({ summary: "x".repeat(LONG_TEXT_MAX) })).toBeNull();
  expect(refusal({ summary: "x".repeat(LONG_TEXT_MAX + 1) })).toMatchObject({ code: "BAD_USER_INPUT", field: "input.summary" });
  expect(refusal({ scenarios: ["ok", "x".repeat(2_001)] })).toMatchObject({ field: "input.scenarios[1]" });
  // A field that declares nothing: the default text bound, even under a name that is long elsewhere.
  expect(refusal({ country: "x".repeat(TEXT_MAX + 1) })).toMatchObject({ field: "input.country" });
  expect(refusal({ factorRatings: [{ rationale: "x".repeat(TEXT_MAX + 1) }] })).toBeNull();
  expect(refusal({ factorRatings: [{ rationale: "x".repeat(LONG_TEXT_MAX + 1) }] })).toMatchObject({
    field: "input.factorRatings[0].rationale",
  });
  expect(refusal({ releasableTo: Array(251).fill("USA") })).toMatchObject({ field: "input.releasableTo" });
  expect(refusal({ factorRatings: Array(101).fill({}) })).toMatchObject({ field: "input.factorRatings" });
});
