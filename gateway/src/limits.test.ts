import { estimateCost, limitRules, type QueryLimits } from "@concert/edge";
import { buildSchema, GraphQLError, Kind, type OperationDefinitionNode, parse, validate } from "graphql";

const schema = buildSchema(`
  type Query { countries: [Country!]! country(code: ID!): Country page(first: Int): Page! search: [Result!]! }
  type Page { nodes: [Country!]! totalCount: Int! }
  type Country implements Named { code: ID! name: String! neighbours: [Country!]! }
  type Mission implements Named { name: String! countries: [Country!]! }
  interface Named { name: String! }
  union Result = Country | Mission
`);
const limits: QueryLimits = { maxTokens: 200, maxDepth: 4, maxAliases: 2, maxDirectives: 3, maxCost: 1000 };
const errors = (query: string) => validate(schema, parse(query), limitRules(limits)).map((e) => e.message);

function cost(query: string, variables?: Record<string, unknown>): number {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return estimateCost(schema, document, operation, variables);
}

describe("query limits", () => {
  it("lets an ordinary query through", () => {
    expect(errors("{ countries { code name neighbours { code } } }")).toEqual([]);
  });

  it("refuses a document with more tokens than the limit while parsing", () => {
    expect(() => parse(`{ countries { ${"code ".repeat(300)} } }`, { maxTokens: limits.maxTokens })).toThrow(/more tha[nt] 200 tokens/);
  });

  it("refuses queries nested deeper than the limit", () => {
    expect(errors('{ country(code: "CAF") { neighbours { neighbours { neighbours { code } } } } }')).toEqual([
      "Query depth limit of 4 exceeded, found 5.",
    ]);
  });

  it("counts depth inside fragments on unions and interfaces, but not the fragments themselves", () => {
    expect(errors("{ search { ... on Mission { countries { neighbours { neighbours { code } } } } } }")).toEqual([
      "Query depth limit of 4 exceeded, found 5.",
    ]);
    expect(
      errors(
        "{ search { ...M } } fragment M on Mission { countries { neighbours { ...N } } } fragment N on Named { ... on Country { neighbours { code } } }",
      ),
    ).toEqual(["Query depth limit of 4 exceeded, found 5."]);
  });

  it("exempts introspection from the depth limit", () => {
    expect(errors("{ __schema { types { fields { type { ofType { ofType { name } } } } } } }")).toEqual([]);
  });

  it("refuses too many aliases and directives, counted inside fragments too", () => {
    expect(errors('{ a: country(code: "A") { ...F } b: country(code: "B") { ...F } } fragment F on Country { x: code }')).toEqual([
      "Aliases limit of 2 exceeded, found 4.",
    ]);
    expect(errors("{ countries { ...F ...F } } fragment F on Country { code @skip(if: false) name @include(if: true) }")).toEqual([
      "Directives limit of 3 exceeded, found 4.",
    ]);
  });

  it("estimates cost from list sizes and page sizes", () => {
    // 20 countries × (1 + 20 neighbours × 2 fields) + 1
    expect(cost("{ countries { neighbours { code name } } }")).toBe(821);
    // a page of 200 × (1 + 20 neighbours × 1 field) + 1 + 1
    expect(cost("{ page(first: 200) { nodes { neighbours { code } } } }")).toBe(4202);
  });

  it("reads page sizes from variables, and their defaults", () => {
    expect(cost("query ($n: Int) { page(first: $n) { nodes { code } } }", { n: 200 })).toBe(202);
    expect(cost("query ($n: Int = 100) { page(first: $n) { nodes { code } } }", {})).toBe(102);
    expect(cost("query ($n: Int) { page(first: $n) { nodes { code } } }", {})).toBe(52);
  });

  it.each([[-1], [0], [201], [1.5]])("refuses first: %p with BAD_USER_INPUT on `first`", (first) => {
    const refuse = () => cost("query ($n: Int) { page(first: $n) { nodes { code } } }", { n: first });
    expect(refuse).toThrow(GraphQLError);
    expect(refuse).toThrow("must be between 1 and 200");
    expect(() => cost(`{ page(first: ${first}) { totalCount } }`)).toThrow("must be between 1 and 200");
  });

  it("counts fields under @skip and @include as if they ran", () => {
    const plain = cost("{ countries { neighbours { code } } }");
    expect(cost("query ($x: Boolean!) { countries { neighbours @include(if: $x) { code } } }", { x: false })).toBe(plain);
    expect(cost("{ countries { neighbours @skip(if: true) { code } } }")).toBe(plain);
  });

  it("measures fragments on unions and interfaces against their own type", () => {
    // 20 results × (1 + 20 countries × (1 + 20 neighbours × 1)) + 1
    expect(cost("{ search { ... on Mission { countries { neighbours { code } } } } }")).toBe(8421);
    expect(cost("{ search { ...M } } fragment M on Mission { countries { neighbours { code } } }")).toBe(8421);
  });

  it("counts, on a union or an interface, the most expensive of its object types, not the sum of its fragments", () => {
    // 20 results × max(Mission: 1 + 20 × (1 + 20), Country: 1 + 1) + 1; the sum of both would be 8461
    const union = "{ search { ... on Mission { countries { neighbours { code } } } ... on Country { code name } } }";
    expect(cost(union)).toBe(8421);
    // a field of the interface counts for every type, a fragment on the interface too; each type's own fragment only for it
    const named = "{ search { ... on Named { name } ... on Country { neighbours { code } } ... on Mission { name } } }";
    expect(cost(named)).toBe(1 + 20 * (1 + 21));
    const spread = "{ search { ...C ...M } } fragment C on Country { neighbours { code } } fragment M on Mission { countries { code } }";
    expect(cost(spread)).toBe(1 + 20 * 21);
  });

  it("still refuses a union query that is truly expensive for one of its types", () => {
    const deep = "{ search { ... on Mission { countries { neighbours { neighbours { code } } } } ... on Country { code } } }";
    expect(cost(deep)).toBe(1 + 20 * (1 + 20 * (1 + 20 * 21)));
    expect(cost(deep)).toBeGreaterThan(limits.maxCost);
  });

  it("measures a fragment spread many times without re-walking it", () => {
    const fragments = Array.from({ length: 30 }, (_, i) => `fragment F${i} on Country { ...F${i + 1} ...F${i + 1} }`).join(" ");
    const started = Date.now();
    // each level doubles the estimate: an over-estimate, refused, and found in no time
    expect(cost(`{ countries { ...F0 } } ${fragments} fragment F30 on Country { code }`)).toBe(1 + 20 * 2 ** 30);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
