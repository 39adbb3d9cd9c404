import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isAbstractType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type ParseOptions,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
  valueFromASTUntyped,
} from "graphql";
import { badRequest, refusedInput, unauthenticated, validationFailed } from "./errors.js";

/** A connection queried without `first` returns this many items. */
export const DEFAULT_PAGE_SIZE = 50;
/** The largest `first` a connection accepts. */
export const MAX_PAGE_SIZE = 200;

export interface QueryLimits {
  /** Lexical tokens in the document: refused while parsing, before any validation runs. */
  maxTokens: number;
  /** Deepest nesting of fields; fragments count where they are spread, introspection is exempt. */
  maxDepth: number;
  /** Aliased fields in one operation, fragments included. */
  maxAliases: number;
  /** Directives in one operation, fragments included. */
  maxDirectives: number;
  /** Estimated cost: each field counts 1, times the sizes of the lists it sits in (see `estimateCost`). */
  maxCost: number;
}

export const DEFAULT_LIMITS: QueryLimits = { maxTokens: 1000, maxDepth: 12, maxAliases: 30, maxDirectives: 20, maxCost: 100_000 };

/**
 * The limits of a subgraph behind a gateway that applies `limits`: a query plan asks the subgraph
 * for `_entities`, one level deeper, with key fields, `__typename` and aliases added, and for
 * as many entities as the plan holds.
 */
export function subgraphLimits(limits: QueryLimits): QueryLimits {
  return {
    maxTokens: limits.maxTokens * 2,
    maxDepth: limits.maxDepth + 2,
    maxAliases: limits.maxAliases * 2,
    maxDirectives: limits.maxDirectives * 2,
    // the gateway assumes 20 items in a list without `first`; the plan sends every real one as a representation
    maxCost: limits.maxCost * 10,
  };
}

/** Lists without a page size (`first`) are assumed to hold this many items. */
const ASSUMED_LIST_SIZE = 20;

type Variables = Readonly<Record<string, unknown>> | undefined;

function argumentValue(field: FieldNode, name: string, variables: Variables, defaults: ReadonlyMap<string, ValueNode>): unknown {
  const arg = field.arguments?.find((a) => a.name.value === name);
  if (!arg) return undefined;
  if (arg.value.kind === Kind.VARIABLE) {
    const variable = arg.value.name.value;
    if (variables && variable in variables) return variables[variable];
    const fallback = defaults.get(variable);
    return fallback ? valueFromASTUntyped(fallback) : undefined;
  }
  return valueFromASTUntyped(arg.value, variables as Record<string, unknown> | undefined);
}

/** The page size a `first` asks for, refused when it is not one a connection would serve. */
function pageSizeOf(first: unknown): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (typeof first !== "number" || !Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw refusedInput("first", `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return first;
}

class Estimator {
  /** Memoised per selection set, type and page size: a fragment spread many times, or under many types, is measured once. */
  private readonly costs = new WeakMap<SelectionSetNode, Map<string, number>>();
  private readonly variableDefaults: ReadonlyMap<string, ValueNode>;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    operation: OperationDefinitionNode,
    private readonly variables: Variables,
  ) {
    this.variableDefaults = new Map(
      (operation.variableDefinitions ?? []).flatMap((d) => (d.defaultValue ? [[d.variable.name.value, d.defaultValue] as const] : [])),
    );
  }

  /**
   * Fields under `@skip`/`@include` count as if they ran. On a union or an interface, each item is of one
   * object type and gets only the fragments that apply to it: the selection costs what it costs for the most
   * expensive of those types, not the sum of every fragment. `pageSize` is the `first` of the connection
   * field around this selection, if any.
   */
  cost(selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined, pageSize: number | null): number {
    const key = `${parent?.name ?? ""}:${pageSize}`;
    const known = this.costs.get(selectionSet) ?? new Map<string, number>();
    this.costs.set(selectionSet, known);
    const memo = known.get(key);
    if (memo !== undefined) return memo;
    known.set(key, 0); // validation has refused fragment cycles already; this only guards the recursion
    let cost = 0;
    const types = parent && isAbstractType(parent) ? this.schema.getPossibleTypes(parent) : [];
    if (types.length > 0) {
      for (const type of types) cost = Math.max(cost, this.cost(selectionSet, type, pageSize));
    } else {
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          cost += this.field(selection, parent, pageSize);
          continue;
        }
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : this.fragments[selection.name.value];
        if (!fragment) continue;
        const condition = fragment.typeCondition ? (this.schema.getType(fragment.typeCondition.name.value) ?? undefined) : undefined;
        if (!this.applies(condition, parent)) continue;
        // Within an object type, a fragment on one of its unions or interfaces still selects on that object type.
        cost += this.cost(fragment.selectionSet, parent && isObjectType(parent) ? parent : (condition ?? parent), pageSize);
      }
    }
    known.set(key, cost);
    return cost;
  }

  /** Whether a fragment on `condition` selects anything on an item of type `parent`. */
  private applies(condition: GraphQLNamedType | undefined, parent: GraphQLNamedType | undefined): boolean {
    if (!condition || !parent || !isObjectType(parent)) return true;
    return condition === parent || (isAbstractType(condition) && this.schema.isSubType(condition, parent));
  }

  private field(node: FieldNode, parent: GraphQLNamedType | undefined, pageSize: number | null): number {
    const def = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[node.name.value] : undefined;
    const takesPage = def?.args.some((a) => a.name === "first") ?? false;
    const ownPage = takesPage ? pageSizeOf(argumentValue(node, "first", this.variables, this.variableDefaults)) : null;
    if (!node.selectionSet || !def) return 1;
    const isList = isListType(getNullableType(def.type));
    let size = 1;
    if (isList) {
      const representations =
        node.name.value === "_entities" ? argumentValue(node, "representations", this.variables, this.variableDefaults) : undefined;
      size = Array.isArray(representations) ? representations.length : (ownPage ?? pageSize ?? ASSUMED_LIST_SIZE);
    }
    return 1 + size * this.cost(node.selectionSet, getNamedType(def.type), ownPage);
  }
}

/**
 * The estimated cost of running `operation` with `variables`: every field counts 1, times the
 * page size (`first`, read from variables too) or assumed size of each list around it; on a union or an
 * interface, the most expensive of its object types counts. Throws
 * BAD_USER_INPUT on a `first` that no connection would serve.
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Variables,
): number {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  }
  const root =
    operation.operation === "mutation"
      ? schema.getMutationType()
      : operation.operation === "subscription"
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  return new Estimator(schema, fragments, operation, variables).cost(operation.selectionSet, root ?? undefined, null);
}

/** Armor's rules report a refusal as a validation error (GRAPHQL_VALIDATION_FAILED) instead of throwing out of `validate`. */
function report(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ""), { extensions: { field: "query" } }));
}

export function limitRules(limits: QueryLimits): ValidationRule[] {
  const armor = { propagateOnRejection: false, onReject: [report], exposeLimits: true };
  return [
    maxDepthRule({ ...armor, n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true }) as unknown as ValidationRule,
    maxAliasesRule({ ...armor, n: limits.maxAliases }) as unknown as ValidationRule,
    maxDirectivesRule({ ...armor, n: limits.maxDirectives }) as unknown as ValidationRule,
  ];
}

/**
 * What an ApolloServer needs to apply `limits`: parse options (the token limit, checked while
 * parsing), validation rules (depth, aliases, directives) and a plugin that, once the operation
 * and its variables are known, refuses an unknown operation or a subscription and estimates the cost.
 */
export function queryLimits<C extends BaseContext>(
  limits: QueryLimits,
): { parseOptions: ParseOptions; validationRules: ValidationRule[]; plugin: ApolloServerPlugin<C> } {
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: limitRules(limits),
    plugin: {
      async requestDidStart() {
        return {
          async didResolveOperation({ schema, document, operation, request }) {
            if (!operation) {
              throw badRequest(
                request.operationName ? `no operation named "${request.operationName}"` : "name the operation to run in operationName",
              );
            }
            if (operation.operation === "subscription") throw validationFailed("subscriptions are not supported");
            const cost = estimateCost(schema, document, operation, request.variables);
            if (cost > limits.maxCost) throw validationFailed(`query is estimated to cost ${cost}; the limit is ${limits.maxCost}`);
          },
        };
      },
    },
  };
}

/**
 * Refuses an operation its caller may not start at all (an anonymous mutation) with 401 UNAUTHENTICATED, once the
 * operation is known and before anything runs: the gateway and every subgraph use it, so that a request sent
 * straight at a subgraph gets the same HTTP status as through the gateway. `refusal` returns why, or null.
 */
export function operationGuard<C extends BaseContext>(
  refusal: (operation: "query" | "mutation" | "subscription" | undefined, context: C) => string | null,
): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          const reason = refusal(operation?.operation, contextValue);
          if (reason !== null) throw unauthenticated(reason, 401);
        },
      };
    },
  };
}
