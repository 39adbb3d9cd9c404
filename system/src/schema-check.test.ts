import { composeServices } from "@apollo/composition";
import { buildSchema, parse } from "graphql";
import { checkDocuments, checkSchema, formatSchemaCheck, unreleasedSection } from "./schema-check.js";

/** A supergraph of one subgraph with these types. */
function supergraph(types: string, subgraph = "risk"): string {
  const header = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.12", import: ["@key", "@inaccessible"])';
  const result = composeServices([{ name: subgraph, url: `http://${subgraph}.test/graphql`, typeDefs: parse(`${header}\n${types}`) }]);
  if (!result.supergraphSdl) throw new Error(result.errors?.map((e) => e.message).join("\n"));
  return result.supergraphSdl;
}

const RELEASED = supergraph(`
  type Query {
    countries: [Country!]!
    legacyCountries: [Country!]! @deprecated(reason: "Use countries.")
  }
  type Country @key(fields: "code") {
    code: ID!
    name: String!
  }
`);

const WITHOUT_LEGACY = supergraph(`
  type Query { countries: [Country!]! }
  type Country @key(fields: "code") { code: ID! name: String! }
`);

const changelog = (unreleased: string, released = "") =>
  `# Changelog\n\n## [Unreleased]\n\n${unreleased}\n\n## [0.1.0] - 2026-11-01\n\n${released}\n`;

describe("unreleasedSection", () => {
  it("holds the lines between the Unreleased heading and the next release", () => {
    expect(unreleasedSection(changelog("### Removed\n- `Query.a`", "- `Query.b`")).trim()).toBe("### Removed\n- `Query.a`");
    expect(unreleasedSection("# Changelog\n\n## [0.1.0]\n- `Query.a`\n")).toBe("");
  });
});

describe("checkSchema", () => {
  it("fails on a breaking change that the changelog does not name", async () => {
    const result = await checkSchema(RELEASED, WITHOUT_LEGACY, changelog("### Added\n- Nothing of note."));
    expect(result.ok).toBe(false);
    expect(result.unannounced.map((c) => c.path)).toEqual(["Query.legacyCountries"]);
    expect(formatSchemaCheck(result)).toMatch(/not named in CHANGELOG.md[\s\S]*Query.legacyCountries[\s\S]*Schema check failed\.$/);
  });

  it("passes when the Unreleased section names the change's path in backticks", async () => {
    const result = await checkSchema(
      RELEASED,
      WITHOUT_LEGACY,
      changelog("### Removed\n- `Query.legacyCountries`, deprecated since 0.1.0."),
    );
    expect(result).toMatchObject({ ok: true, unannounced: [], removedWithoutDeprecation: [] });
    expect(result.announced.map((c) => c.path)).toEqual(["Query.legacyCountries"]);
  });

  it("does not count a name in an earlier release's section, nor a longer path that contains it", async () => {
    const inRelease = await checkSchema(RELEASED, WITHOUT_LEGACY, changelog("", "- `Query.legacyCountries`"));
    expect(inRelease.ok).toBe(false);
    const longer = await checkSchema(RELEASED, WITHOUT_LEGACY, changelog("- `Query.legacyCountriesV2`"));
    expect(longer.ok).toBe(false);
  });

  it("fails on removing a field that was never deprecated, even when the changelog names it", async () => {
    const withoutName = supergraph(`
      type Query { countries: [Country!]! legacyCountries: [Country!]! @deprecated(reason: "Use countries.") }
      type Country @key(fields: "code") { code: ID! }
    `);
    const result = await checkSchema(RELEASED, withoutName, changelog("- `Country.name`"));
    expect(result.ok).toBe(false);
    expect(result.removedWithoutDeprecation.map((c) => c.path)).toEqual(["Country.name"]);
  });

  it("passes additions and deprecations with an empty changelog", async () => {
    const grown = supergraph(`
      type Query {
        countries(region: String): [Country!]!
        legacyCountries: [Country!]! @deprecated(reason: "Use countries.")
        country(code: ID!): Country
      }
      type Country @key(fields: "code") {
        code: ID!
        name: String! @deprecated(reason: "Use officialName.")
        officialName: String!
        internalRef: String @inaccessible
      }
    `);
    const result = await checkSchema(RELEASED, grown, changelog(""));
    expect(result.ok).toBe(true);
    expect(result.safe.map((c) => c.path)).toEqual(
      expect.arrayContaining(["Country.name.@deprecated", "Country.officialName", "Query.country"]),
    );
    // Inspector rates a new optional argument dangerous (the field may answer differently without it): allowed, reported.
    expect(result.dangerous.map((c) => c.path)).toEqual(["Query.countries.region"]);
    expect(result.announced).toEqual([]);
  });

  it("compares what clients see, not the gateway's join internals", async () => {
    const sameApiOtherSubgraph = supergraph(
      `type Query { countries: [Country!]! legacyCountries: [Country!]! @deprecated(reason: "Use countries.") }
       type Country @key(fields: "code") { code: ID! name: String! }`,
      "engagements",
    );
    expect(sameApiOtherSubgraph).not.toEqual(RELEASED);
    const result = await checkSchema(RELEASED, sameApiOtherSubgraph, changelog(""));
    expect(result).toMatchObject({ ok: true, announced: [], unannounced: [], dangerous: [], safe: [] });
  });
});

describe("checkDocuments", () => {
  const schema = buildSchema("type Query { mission(acronym: ID!): Mission } type Mission { acronym: ID! name: String! }");

  it("passes operations that validate, with a fragment from another file", () => {
    const files = [
      { name: "a.graphql", text: "query M($a: ID!) { mission(acronym: $a) { ...MissionName } }" },
      { name: "b.graphql", text: "fragment MissionName on Mission { acronym name }" },
    ];
    expect(checkDocuments(schema, files)).toEqual([]);
  });

  it("names the file of an operation that asks for a field the API schema no longer has", () => {
    const files = [{ name: "console/src/graphql/missions.graphql", text: 'query M { mission(acronym: "X") { acronym status } }' }];
    const problems = checkDocuments(schema, files);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("console/src/graphql/missions.graphql");
    expect(problems[0]).toContain('"status"');
  });
});
