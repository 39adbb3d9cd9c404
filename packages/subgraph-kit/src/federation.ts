import { buildSubgraphSchema, printSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper/index.js";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { type GraphQLDirective, type GraphQLSchema, parse, specifiedDirectives, visit } from "graphql";
import { buildSchema, type ContainerType, createResolversMap, type NonEmptyArray } from "type-graphql";
import { carryBounds } from "./bounds.js";
import type { SubgraphContext } from "./context.js";
import { DateTimeArgument } from "./updated-since.js";

/** The Federation 2 spec every subgraph links; @apollo/subgraph and @apollo/composition 2.14 know it. */
export const FEDERATION_VERSION = "v2.12";

/**
 * Every directive of the linked federation spec that a subgraph may use. A subgraph's `@link` imports only those its
 * schema uses (see `schemaHeader`): a type or field may use any one (`@tag`, `@inaccessible`, `@override`, …) without
 * touching this helper, and no import list is wider than the schema needs (Apollo's subgraph compatibility suite
 * refuses one wider than the spec version allows).
 */
export const FEDERATION_DIRECTIVES = [
  "@key",
  "@shareable",
  "@external",
  "@requires",
  "@provides",
  "@override",
  "@tag",
  "@inaccessible",
  "@composeDirective",
  "@interfaceObject",
  "@authenticated",
  "@requiresScopes",
  "@policy",
  "@context",
  "@fromContext",
  "@cost",
  "@listSize",
  "@cacheTag",
] as const;

/** `__resolveReference` per entity type; it should batch through `ctx.loaders`. */
export type ReferenceResolvers = Record<string, { __resolveReference(reference: Record<string, unknown>, ctx: SubgraphContext): unknown }>;

/**
 * A subgraph's own directives, kept in the supergraph through `@composeDirective`. The spec URL
 * names the feature and its version (`https://concert.example/audit/v1.0`); composition requires
 * every subgraph that composes the same directive to link the same spec.
 */
export interface ComposedDirectiveSpec {
  url: string;
  directives: GraphQLDirective[];
}

export interface SubgraphSchemaDefinition {
  // biome-ignore lint/complexity/noBannedTypes: type-graphql's buildSchema takes resolver classes as Function
  resolvers: NonEmptyArray<Function>;
  // biome-ignore lint/complexity/noBannedTypes: the same for the orphaned types
  orphanedTypes?: Function[];
  referenceResolvers: ReferenceResolvers;
  /**
   * Resolvers built by the subgraph, e.g. with its settings (`new AlertRuleResolver(settings)`), each serving its
   * class of `resolvers`; the other classes are built without arguments, once per schema.
   */
  instances?: object[];
  /** Custom directives to define in the subgraph, link and compose into the supergraph. */
  composedDirectives?: ComposedDirectiveSpec[];
}

const quoted = (names: readonly string[]) => names.map((name) => JSON.stringify(name)).join(", ");

/** The federation directives `sdl` uses, in the spec's order (`@composeDirective` when it composes any). */
export function federationDirectivesUsed(sdl: string, composed: readonly ComposedDirectiveSpec[] = []): string[] {
  const used = new Set<string>();
  visit(parse(sdl), {
    Directive(node) {
      used.add(`@${node.name.value}`);
    },
  });
  if (composed.length > 0) used.add("@composeDirective");
  return FEDERATION_DIRECTIVES.filter((name) => used.has(name));
}

/** The schema header: the federation link (importing `used`), then one link and `@composeDirective`s per custom spec. */
export function schemaHeader(composed: ComposedDirectiveSpec[] = [], used: readonly string[] = FEDERATION_DIRECTIVES): string {
  const links = [`@link(url: "https://specs.apollo.dev/federation/${FEDERATION_VERSION}", import: [${quoted(used)}])`];
  for (const spec of composed) {
    const names = spec.directives.map((directive) => `@${directive.name}`);
    links.push(`@link(url: ${JSON.stringify(spec.url)}, import: [${quoted(names)}])`);
    links.push(...names.map((name) => `@composeDirective(name: ${JSON.stringify(name)})`));
  }
  return `extend schema\n  ${links.join("\n  ")}`;
}

/** The resolver of each class: the one built by the subgraph, else one built without arguments (type-graphql's default). */
function resolverInstances(instances: object[]): ContainerType {
  const built = new Map<unknown, object>(instances.map((instance) => [instance.constructor, instance]));
  return {
    get(someClass: new () => object) {
      const instance = built.get(someClass) ?? new someClass();
      built.set(someClass, instance);
      return instance;
    },
  };
}

/** Builds a Federation 2 subgraph schema from type-graphql classes. */
export async function buildFederatedSchema(definition: SubgraphSchemaDefinition): Promise<GraphQLSchema> {
  const composed = definition.composedDirectives ?? [];
  const schema = await buildSchema({
    resolvers: definition.resolvers,
    orphanedTypes: definition.orphanedTypes,
    // `DateTimeISO` arguments reach the resolver even when invalid, to be refused naming the argument.
    scalarsMap: [{ type: Date, scalar: DateTimeArgument }],
    // type-graphql prints their definitions, so the subgraph SDL declares what `@Directive()` uses.
    directives: [...specifiedDirectives, ...composed.flatMap((spec) => spec.directives)],
    validate: false,
    skipCheck: true,
    container: resolverInstances(definition.instances ?? []),
  });
  const sdl = printSchemaWithDirectives(schema);
  const typeDefs = parse(`${schemaHeader(composed, federationDirectivesUsed(sdl, composed))}\n${sdl}`);
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [typeName, reference] of Object.entries(definition.referenceResolvers)) {
    resolvers[typeName] = { ...resolvers[typeName], ...reference };
  }
  const served = buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
  carryBounds(schema, served);
  return served;
}

/** The SDL a subgraph contributes to the supergraph. */
export function subgraphSdl(schema: GraphQLSchema): string {
  return printSubgraphSchema(schema);
}
