import { buildSchema, parse, validate } from "graphql";
import { queryLimitsRule } from "./limits.js";

const schema = buildSchema(`
  type Query { countries: [Country!]! country(code: ID!): Country page(first: Int): Page! }
  type Page { nodes: [Country!]! totalCount: Int! }
  type Country { code: ID! name: String! neighbours: [Country!]! }
`);
const rule = queryLimitsRule({ maxDepth: 4, maxAliases: 2, maxCost: 1000 });
const errors = (query: string) => validate(schema, parse(query), [rule]).map((e) => e.message);

describe("query limits", () => {
  it("lets an ordinary query through", () => {
    expect(errors("{ countries { code name neighbours { code } } }")).toEqual([]);
  });

  it("refuses queries nested deeper than the limit", () => {
    expect(errors("{ country(code: \"CAF\") { neighbours { neighbours { neighbours { code } } } } }")).toContain(
      "query is nested 5 levels deep; the limit is 4",
    );
  });

  it("refuses too many aliases, counted inside fragments too", () => {
    expect(errors("{ a: country(code: \"A\") { ...F } b: country(code: \"B\") { ...F } } fragment F on Country { x: code }")).toEqual([
      "query uses 4 aliases; the limit is 2",
    ]);
  });

  it("estimates cost from list sizes and page sizes", () => {
    // 20 countries × (1 + 20 neighbours × 2 fields) ≈ 820 + 1: under the limit
    expect(errors("{ countries { neighbours { code name } } }")).toEqual([]);
    // a page of 200 × (1 + 20 neighbours × 1 field) + 2 = 4202: over it
    expect(errors("{ page(first: 200) { nodes { neighbours { code } } } }")).toEqual([
      "query is estimated to cost 4202; the limit is 1000",
    ]);
  });
});
