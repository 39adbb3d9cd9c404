import type { ApolloServerPlugin } from "@apollo/server";
import type { PartnerDirectory } from "@concert/auth";
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  GraphQLError,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNullableType,
  isInputObjectType,
  isListType,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
  type SelectionSetNode,
  valueFromASTUntyped,
} from "graphql";
import { Extensions, getMetadataStorage } from "type-graphql";

/**
 * Bounds on every argument of every operation, checked before any resolver runs, so that an
 * oversized or ill-formed input ends in BAD_USER_INPUT naming the field, with nothing written.
 * Each input field declares its own bounds next to its `@Field` (`@Bounded(LONG_TEXT)`), each root field those of
 * its `@Arg`s (`@ArgBounds({ note: LONG_TEXT })`); an input that declares none has the defaults: text of
 * `TEXT_MAX` characters, lists of `LIST_MAX` items, numbers within ±`NUMBER_MAX`.
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

/** What an input field accepts, where it differs from the defaults. */
export interface InputBounds {
  /** Longest text (of the field, or of each item of a list), in characters. */
  maxLength?: number;
  /** Most items of a list. */
  maxItems?: number;
  /** Smallest and largest number. */
  min?: number;
  max?: number;
  /** Mutations: every code must be a partner or forum of the registry (whom a RESTRICTED record is releasable to). */
  registeredAudience?: boolean;
}

/** Free text: summaries, evidence, notes, rationales, descriptions. */
export const LONG_TEXT: InputBounds = Object.freeze({ maxLength: LONG_TEXT_MAX });
/** A list of sentences such as scenarios or outcomes (or one such sentence). */
export const PARAGRAPHS: InputBounds = Object.freeze({ maxLength: PARAGRAPH_MAX });
/** Country or partner codes. */
export const CODE_LIST: InputBounds = Object.freeze({ maxItems: CODE_LIST_MAX });
/** Who a RESTRICTED record is releasable to: registered partners and forums only. */
export const AUDIENCE: InputBounds = Object.freeze({ maxItems: CODE_LIST_MAX, registeredAudience: true });
/** A head count or unit count of one record. */
export const HEAD_COUNT: InputBounds = Object.freeze({ min: 0, max: COUNT_MAX });

/** Declares the bounds of an input field (of an `@InputType` or `@ArgsType`), next to its `@Field`. */
export const Bounded = (bounds: InputBounds) => Extensions({ bounds });

/** Declares the bounds of a root field's `@Arg` parameters, by argument name, next to its `@Query` or `@Mutation`. */
export const ArgBounds = (byArgument: Record<string, InputBounds>) => Extensions({ argumentBounds: byArgument });

/**
 * Puts the bounds declared on `declared`'s input fields and root fields (type-graphql's schema) onto the same fields and
 * arguments of `served`, the schema built again from SDL for federation, which keeps no extensions.
 */
export function carryBounds(declared: GraphQLSchema, served: GraphQLSchema): void {
  const withBounds = (node: { extensions: object }, bounds: InputBounds | undefined) => {
    if (bounds) (node as { extensions: object }).extensions = { ...node.extensions, bounds };
  };
  for (const type of Object.values(declared.getTypeMap())) {
    const target = served.getType(type.name);
    if (isInputObjectType(type) && isInputObjectType(target)) {
      const fields = target.getFields();
      for (const field of Object.values(type.getFields()))
        if (fields[field.name]) withBounds(fields[field.name]!, inheritedBounds(declared, type.name, field.name));
    }
  }
  for (const operation of [OperationTypeNode.QUERY, OperationTypeNode.MUTATION]) {
    const fields = served.getRootType(operation)?.getFields() ?? {};
    for (const field of Object.values(declared.getRootType(operation)?.getFields() ?? {})) {
      const byArgument = (field.extensions as { argumentBounds?: Record<string, InputBounds> }).argumentBounds ?? {};
      for (const arg of fields[field.name]?.args ?? []) {
        const own = field.args.find((a) => a.name === arg.name);
        withBounds(arg, byArgument[arg.name] ?? (own && (own.extensions as { bounds?: InputBounds }).bounds));
      }
    }
  }
}

/**
 * The bounds of input field `field` of `typeName`, declared on its class or on the class it extends: type-graphql
 * copies an inherited field without its extensions (`EngagementInput extends SharingInput`).
 */
function inheritedBounds(declared: GraphQLSchema, typeName: string, field: string): InputBounds | undefined {
  const inputTypes = getMetadataStorage().inputTypes;
  let target = inputTypes.find((t) => t.name === typeName)?.target;
  let type = declared.getType(typeName);
  while (isInputObjectType(type)) {
    const bounds = (type.getFields()[field]?.extensions as { bounds?: InputBounds } | undefined)?.bounds;
    if (bounds || !target) return bounds;
    target = Object.getPrototypeOf(target);
    type = declared.getType(inputTypes.find((t) => t.target === target)?.name ?? "");
  }
  return undefined;
}

const boundsOf = (node: GraphQLInputField | GraphQLArgument | undefined): InputBounds =>
  (node?.extensions as { bounds?: InputBounds } | undefined)?.bounds ?? {};

// Control characters other than tab, line feed and carriage return; PostgreSQL refuses NUL outright.
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Status 200, as for BAD_USER_INPUT raised by a resolver: a gateway reads a subgraph's non-200 answer as a failure of the subgraph. */
function refuse(field: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", field, http: { status: 200 } } });
}

/** A text within its limit (`TEXT_MAX` by default) and free of control characters. */
export function boundedText(
  field: string,
  value: string,
  { max = TEXT_MAX, required = true }: { max?: number; required?: boolean } = {},
): string {
  if (CONTROL.test(value)) throw refuse(field, "must not contain control characters");
  if (value.length > max) throw refuse(field, `must be at most ${max} characters long (got ${value.length})`);
  const text = value.trim();
  if (required && text === "") throw refuse(field, "must not be empty");
  return text;
}

/**
 * Checks one argument value (as sent) against the bounds its field declares, field by field. `path` names it as
 * clients write it (`input.factorRatings[0].rationale`); `type` is its input type (a custom scalar's object value
 * is walked with the defaults).
 */
export function checkBounds(path: string, value: unknown, type: GraphQLInputType | undefined, bounds: InputBounds = {}): void {
  const nullable = type && getNullableType(type);
  if (typeof value === "string") {
    boundedText(path, value, { max: bounds.maxLength ?? TEXT_MAX, required: false });
  } else if (typeof value === "number") {
    const { min = -NUMBER_MAX, max = NUMBER_MAX } = bounds;
    if (!Number.isFinite(value) || value < min || value > max) throw refuse(path, `must be between ${min} and ${max}`);
  } else if (Array.isArray(value)) {
    const max = bounds.maxItems ?? LIST_MAX;
    if (value.length > max) throw refuse(path, `must have at most ${max} items (got ${value.length})`);
    const item = nullable && isListType(nullable) ? nullable.ofType : undefined;
    for (const [i, inner] of value.entries()) checkBounds(`${path}[${i}]`, inner, item, bounds);
  } else if (value !== null && typeof value === "object") {
    const fields = nullable && isInputObjectType(nullable) ? nullable.getFields() : undefined;
    for (const [key, inner] of Object.entries(value)) checkBounds(`${path}.${key}`, inner, fields?.[key]?.type, boundsOf(fields?.[key]));
  }
}

/** Every audience code (partner or forum) of `value` that the registry does not know, with the field naming it. */
async function unknownAudience(
  path: string,
  value: unknown,
  type: GraphQLInputType | undefined,
  bounds: InputBounds,
  directory: PartnerDirectory,
): Promise<void> {
  const nullable = type && getNullableType(type);
  if (Array.isArray(value) && bounds.registeredAudience) {
    const codes = value.filter((c): c is string => typeof c === "string").map((c) => c.trim().toUpperCase());
    const unknown = await directory.unknownAudience(codes);
    if (unknown.length > 0) throw refuse(path, `unknown partner or forum: ${unknown.join(", ")}`);
  } else if (Array.isArray(value) && nullable && isListType(nullable)) {
    for (const [i, inner] of value.entries()) await unknownAudience(`${path}[${i}]`, inner, nullable.ofType, {}, directory);
  } else if (value !== null && typeof value === "object" && nullable && isInputObjectType(nullable)) {
    const fields = nullable.getFields();
    for (const [key, inner] of Object.entries(value))
      await unknownAudience(`${path}.${key}`, inner, fields[key]?.type, boundsOf(fields[key]), directory);
  }
}

interface RootArgument {
  name: string;
  value: unknown;
  /** Its definition, with the bounds declared for it. */
  definition?: GraphQLArgument;
}

/** The root fields of an operation with their argument values, through fragments; federation's own fields (`_entities`) are left out. */
function rootArguments(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): RootArgument[] {
  const root = schema.getRootType(operation.operation)?.getFields() ?? {};
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const args: RootArgument[] = [];
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith("_")) continue;
        const definitions = root[selection.name.value]?.args ?? [];
        for (const arg of selection.arguments ?? [])
          args.push({
            name: arg.name.value,
            value: valueFromASTUntyped(arg.value, variables),
            definition: definitions.find((d) => d.name === arg.name.value),
          });
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
 * Refuses an operation whose arguments break the bounds their fields declare, and a mutation whose audience field
 * (`AUDIENCE`) names a code the partner registry does not know, before anything runs.
 */
export function inputBoundsPlugin(directory: PartnerDirectory): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          if (!operation) return;
          const variables = (request.variables ?? {}) as Record<string, unknown>;
          const args = rootArguments(schema, document, operation, variables);
          for (const { name, value, definition } of args) checkBounds(name, value, definition?.type, boundsOf(definition));
          if (operation.operation === "mutation")
            for (const { name, value, definition } of args)
              await unknownAudience(name, value, definition?.type, boundsOf(definition), directory);
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
