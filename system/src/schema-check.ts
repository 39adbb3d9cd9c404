import { Supergraph } from "@apollo/federation-internals";
import { type Change, ChangeType, CriticalityLevel, diff } from "@graphql-inspector/core";
import { type GraphQLSchema, parse, Source, validate } from "graphql";

/** The schema clients see: the supergraph without the gateway's join__ and link__ internals. */
export function apiSchema(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/**
 * What is wrong with the console's operations (`console/src/graphql/*.graphql`) against the API schema: each problem
 * with the file it is in. One document for all files, as GraphQL Code Generator reads them (a fragment may live in
 * another file). Empty when every operation still validates.
 */
export function checkDocuments(schema: GraphQLSchema, files: { name: string; text: string }[]): string[] {
  const sources = files.map((f) => parse(new Source(f.text, f.name)));
  const document = { kind: sources[0]?.kind ?? "Document", definitions: sources.flatMap((d) => d.definitions) } as ReturnType<typeof parse>;
  return validate(schema, document).map((error) => {
    const where = error.nodes?.[0]?.loc?.source.name ?? "";
    return where ? `${where}: ${error.message}` : error.message;
  });
}

/**
 * The text of the changelog's "Unreleased" section (Keep a Changelog: `## [Unreleased]`), up to
 * the next second-level heading; empty when there is none.
 */
export function unreleasedSection(changelog: string): string {
  const lines = changelog.split(/\r?\n/);
  const start = lines.findIndex((line) => /^##\s+\[?unreleased\]?\s*$/i.test(line.trim()));
  if (start < 0) return "";
  const end = lines.findIndex((line, i) => i > start && /^##\s/.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end).join("\n");
}

export interface SchemaCheckResult {
  /** Breaking changes the Unreleased section names by their path in backticks. */
  announced: Change[];
  /** Breaking changes it does not name: the check fails. */
  unannounced: Change[];
  /** Fields and enum values removed without being deprecated in the released schema: the check fails. */
  removedWithoutDeprecation: Change[];
  /** Changes that may break some clients (a new enum value, a changed default); reported, not failed. */
  dangerous: Change[];
  /** Additions, deprecations, descriptions. */
  safe: Change[];
  ok: boolean;
}

function removedWithoutDeprecation(change: Change): boolean {
  if (change.type === ChangeType.FieldRemoved) return !change.meta.isRemovedFieldDeprecated;
  if (change.type === ChangeType.EnumValueRemoved) return !change.meta.isEnumValueDeprecated;
  return false;
}

/**
 * Sorts the changes from `released` to `current`, and decides: every breaking change must be named
 * in the changelog's Unreleased section as its path in backticks (`Query.pledges`,
 * `Pledge.status`, `Query.pledges.first`, `PledgeStatus.DRAFT`), and a field or enum value is
 * deprecated in a release before it is removed.
 */
export function checkChanges(changes: Change[], changelog: string): SchemaCheckResult {
  const unreleased = unreleasedSection(changelog);
  const named = (change: Change) => change.path !== undefined && unreleased.includes(`\`${change.path}\``);
  const breaking = changes.filter((change) => change.criticality.level === CriticalityLevel.Breaking);
  const result = {
    announced: breaking.filter(named),
    unannounced: breaking.filter((change) => !named(change)),
    removedWithoutDeprecation: breaking.filter(removedWithoutDeprecation),
    dangerous: changes.filter((change) => change.criticality.level === CriticalityLevel.Dangerous),
    safe: changes.filter((change) => change.criticality.level === CriticalityLevel.NonBreaking),
  };
  return { ...result, ok: result.unannounced.length === 0 && result.removedWithoutDeprecation.length === 0 };
}

/** Compares two supergraphs' API schemas and checks the changes against the changelog. */
export async function checkSchema(releasedSupergraph: string, currentSupergraph: string, changelog: string): Promise<SchemaCheckResult> {
  return checkChanges(await diff(apiSchema(releasedSupergraph), apiSchema(currentSupergraph)), changelog);
}

/** A report for people: one line per change that matters, then the verdict. */
export function formatSchemaCheck(result: SchemaCheckResult): string {
  const line = (change: Change) => `  - ${change.path ?? "(schema)"}: ${change.message}`;
  const sections: [string, Change[]][] = [
    ["Breaking changes not named in CHANGELOG.md's Unreleased section (name each path in backticks):", result.unannounced],
    [
      "Removed without a deprecation in the released schema (deprecate with @deprecated(reason:) and release first):",
      result.removedWithoutDeprecation,
    ],
    ["Breaking changes named in CHANGELOG.md:", result.announced],
    ["Dangerous changes (allowed; consider naming them in CHANGELOG.md):", result.dangerous],
  ];
  const out = sections.filter(([, changes]) => changes.length > 0).map(([title, changes]) => [title, ...changes.map(line)].join("\n"));
  out.push(`${result.safe.length} safe change(s).`);
  out.push(result.ok ? "Schema check passed." : "Schema check failed.");
  return out.join("\n\n");
}
