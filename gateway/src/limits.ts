import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValidationContext,
} from "graphql";

export interface QueryLimits {
  /** Deepest nesting of fields. */
  maxDepth: number;
  /** Aliased fields in one operation. */
  maxAliases: number;
  /** Estimated cost: each field counts 1, times the sizes of the lists it sits in. */
  maxCost: number;
}

export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 12, maxAliases: 30, maxCost: 100_000 };

/** Lists without a page size (`first`) are assumed to hold this many items. */
const ASSUMED_LIST_SIZE = 20;
/** A connection queried without `first` returns its default page size. */
const DEFAULT_PAGE_SIZE = 50;

interface Measure {
  depth: number;
  cost: number;
  aliases: number;
}

const NOTHING: Measure = { depth: 0, cost: 0, aliases: 0 };

function intArgument(field: FieldNode, name: string): number | null {
  const arg = field.arguments?.find((a) => a.name.value === name);
  return arg?.value.kind === Kind.INT ? Number(arg.value.value) : null;
}

class Estimator {
  constructor(private readonly fragments: Record<string, FragmentDefinitionNode>) {}

  /** `pageSize` is the `first` of the connection field around this selection, if any. */
  measure(selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined, pageSize: number | null, visited: ReadonlySet<string>): Measure {
    let depth = 0;
    let cost = 0;
    let aliases = 0;
    for (const selection of selectionSet.selections) {
      let inner: Measure;
      if (selection.kind === Kind.FIELD) {
        inner = this.field(selection, parent, pageSize, visited);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = this.measure(selection.selectionSet, parent, pageSize, visited);
      } else {
        const fragment = this.fragments[selection.name.value];
        if (!fragment || visited.has(fragment.name.value)) continue;
        inner = this.measure(fragment.selectionSet, parent, pageSize, new Set([...visited, fragment.name.value]));
      }
      depth = Math.max(depth, inner.depth);
      cost += inner.cost;
      aliases += inner.aliases;
    }
    return { depth, cost, aliases };
  }

  private field(node: FieldNode, parent: GraphQLNamedType | undefined, pageSize: number | null, visited: ReadonlySet<string>): Measure {
    const aliases = node.alias ? 1 : 0;
    if (!node.selectionSet) return { depth: 1, cost: 1, aliases };
    const def = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[node.name.value] : undefined;
    const isList = def ? isListType(getNullableType(def.type)) : false;
    const takesPage = def?.args.some((a) => a.name === "first") ?? false;
    const ownPage = takesPage ? (intArgument(node, "first") ?? DEFAULT_PAGE_SIZE) : null;
    const size = isList ? (intArgument(node, "first") ?? pageSize ?? ASSUMED_LIST_SIZE) : 1;
    const sub = def ? this.measure(node.selectionSet, getNamedType(def.type), ownPage, visited) : NOTHING;
    return { depth: sub.depth + 1, cost: 1 + size * sub.cost, aliases: aliases + sub.aliases };
  }
}

/**
 * A validation rule that refuses operations deeper, more aliased or costlier than `limits`,
 * before any subgraph is asked.
 */
export function queryLimitsRule(limits: QueryLimits) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
    }
    const estimator = new Estimator(fragments);
    const schema = context.getSchema();
    return {
      OperationDefinition(node) {
        const root = node.operation === "mutation" ? schema.getMutationType() : node.operation === "subscription" ? schema.getSubscriptionType() : schema.getQueryType();
        const m = estimator.measure(node.selectionSet, root ?? undefined, null, new Set());
        const refuse = (message: string) => context.reportError(new GraphQLError(message, { nodes: node, extensions: { field: "query" } }));
        if (m.depth > limits.maxDepth) refuse(`query is nested ${m.depth} levels deep; the limit is ${limits.maxDepth}`);
        if (m.aliases > limits.maxAliases) refuse(`query uses ${m.aliases} aliases; the limit is ${limits.maxAliases}`);
        if (m.cost > limits.maxCost) refuse(`query is estimated to cost ${m.cost}; the limit is ${limits.maxCost}`);
      },
    };
  };
}
