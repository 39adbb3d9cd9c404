import type { ApolloServerPlugin } from "@apollo/server";
import type { PartnerDirectory } from "@concert/auth";
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromASTUntyped,
} from "graphql";

/**
 * Bounds on every argument of every operation, checked before any resolver runs, so that an
 * oversized or ill-formed input ends in BAD_USER_INPUT naming the field, with nothing written.
 * Limits follow the name of the innermost input field (see `textLimit`, `listLimit`, `numberBounds`).
 */

/** Longest text by default: names, titles, codes, identifiers (characters). Fits the varchar(255) columns. */
export const TEXT_MAX = 255;
/** Longest paragraph: an item of a list of sentences such as scenarios or outcomes. */
export const PARAGRAPH_MAX = 2_000;
/** Longest free text: summaries, evidence, notes, rationales, descriptions. */
export const LONG_TEXT_MAX = 20_000;
/** Most items in a list input by default. */
export const LIST_MAX = 100;
/** Most items in a list of country or partner codes (there are 249 ISO countries). */
export const CODE_LIST_MAX = 250;
/** Largest absolute value of a number input by default. */
export const NUMBER_MAX = 1_000_000;
/** Largest head count or unit count of one record (personnel, units): larger than any mission ever deployed. */
export const COUNT_MAX = 200_000;

const LONG_TEXT_FIELDS = new Set([
  "summary",
  "evidence",
  "evidenceOfEffect",
  "note",
  "rationale",
  "source",
  "unitDetails",
  "description",
  "text",
]);
const PARAGRAPH_FIELDS = new Set(["scenarios", "outcomes", "recommendedActions", "indicator"]);
const CODE_LIST_FIELDS = new Set([
  "countries",
  "hostCountries",
  "participants",
  "releasableTo",
  "evidenceReleasableTo",
  "unitDetailsReleasableTo",
  "contributors",
  "codes",
]);
const COUNT_FIELDS = new Set(["personnel", "womenPersonnel", "quantity", "units", "deployedPersonnel", "deployedUnits"]);
/** Arguments that name who a RESTRICTED record is releasable to: registered partners and forums only. */
const AUDIENCE_FIELDS = new Set(["releasableTo", "evidenceReleasableTo", "unitDetailsReleasableTo"]);

// Control characters other than tab, line feed and carriage return; PostgreSQL refuses NUL outright.
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function textLimit(name: string): number {
  if (LONG_TEXT_FIELDS.has(name)) return LONG_TEXT_MAX;
  if (PARAGRAPH_FIELDS.has(name)) return PARAGRAPH_MAX;
  return TEXT_MAX;
}

export function listLimit(name: string): number {
  return CODE_LIST_FIELDS.has(name) ? CODE_LIST_MAX : LIST_MAX;
}

export function numberBounds(name: string): { min: number; max: number } {
  return COUNT_FIELDS.has(name) ? { min: 0, max: COUNT_MAX } : { min: -NUMBER_MAX, max: NUMBER_MAX };
}

/** Status 200, as for BAD_USER_INPUT raised by a resolver: a gateway reads a subgraph's non-200 answer as a failure of the subgraph. */
function refuse(field: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", field, http: { status: 200 } } });
}

/** A text within its limit (by default, that of an input field named `field`) and free of control characters. */
export function boundedText(
  field: string,
  value: string,
  { max = textLimit(field), required = true }: { max?: number; required?: boolean } = {},
): string {
  if (CONTROL.test(value)) throw refuse(field, "must not contain control characters");
  if (value.length > max) throw refuse(field, `must be at most ${max} characters long (got ${value.length})`);
  const text = value.trim();
  if (required && text === "") throw refuse(field, "must not be empty");
  return text;
}

/**
 * Checks one argument value (as sent) against the bounds, field by field. `path` names it as
 * clients write it (`input.factorRatings[0].rationale`); `name`, the input field whose limits apply.
 */
export function checkBounds(path: string, value: unknown, name = path): void {
  if (typeof value === "string") {
    boundedText(path, value, { max: textLimit(name), required: false });
  } else if (typeof value === "number") {
    const { min, max } = numberBounds(name);
    if (!Number.isFinite(value) || value < min || value > max) throw refuse(path, `must be between ${min} and ${max}`);
  } else if (Array.isArray(value)) {
    const max = listLimit(name);
    if (value.length > max) throw refuse(path, `must have at most ${max} items (got ${value.length})`);
    for (const [i, item] of value.entries()) checkBounds(`${path}[${i}]`, item, name);
  } else if (value !== null && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) checkBounds(`${path}.${key}`, inner, key);
  }
}

/** Every audience code (partner or forum) of `value` that the registry does not know, with the field naming it. */
async function unknownAudience(path: string, value: unknown, directory: PartnerDirectory, name = path): Promise<void> {
  if (Array.isArray(value) && AUDIENCE_FIELDS.has(name)) {
    const codes = value.filter((c): c is string => typeof c === "string").map((c) => c.trim().toUpperCase());
    const unknown = await directory.unknownAudience(codes);
    if (unknown.length > 0) throw refuse(path, `unknown partner or forum: ${unknown.join(", ")}`);
  } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) await unknownAudience(`${path}.${key}`, inner, directory, key);
  }
}

/** The root fields of an operation with their argument values, through fragments; federation's own fields (`_entities`) are left out. */
function rootArguments(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): [string, unknown][] {
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const args: [string, unknown][] = [];
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith("_")) continue;
        for (const arg of selection.arguments ?? []) args.push([arg.name.value, valueFromASTUntyped(arg.value, variables)]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment.selectionSet);
      }
    }
  };
  visit(operation.selectionSet);
  return args;
}

/**
 * Refuses an operation whose arguments break the bounds, and a mutation whose `releasableTo`
 * names a code the partner registry does not know, before anything runs.
 */
export function inputBoundsPlugin(directory: PartnerDirectory): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          const variables = (request.variables ?? {}) as Record<string, unknown>;
          const args = rootArguments(document, operation, variables);
          for (const [name, value] of args) checkBounds(name, value);
          if (operation.operation === "mutation") for (const [name, value] of args) await unknownAudience(name, value, directory);
        },
      };
    },
  };
}

/** A sum (of bigint or numeric SQL aggregates, or of numbers) shown as a GraphQL Int: saturated at the Int range, never an overflow. */
export const GRAPHQL_INT_MAX = 2_147_483_647;

export function saturatedInt(value: number | string | bigint | null | undefined): number {
  const n = Number(value ?? 0);
  if (Number.isNaN(n)) return 0;
  return Math.max(-GRAPHQL_INT_MAX - 1, Math.min(GRAPHQL_INT_MAX, Math.trunc(n)));
}
