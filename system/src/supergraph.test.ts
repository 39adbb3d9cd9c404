import "reflect-metadata";
import { readFileSync } from "node:fs";
import { Supergraph } from "@apollo/federation-internals";
import { SUBGRAPH_NAMES } from "./config/index.js";
import { generateSchemas, schemaFile } from "./supergraph.js";

describe("schema/", () => {
  it("holds exactly what the code produces, and the supergraph composes (run `npm run schema` after changing types)", async () => {
    const generated = await generateSchemas();
    for (const name of SUBGRAPH_NAMES) {
      expect({ name, sdl: readFileSync(schemaFile(name), "utf8") }).toEqual({ name, sdl: generated.subgraphs[name] });
    }
    expect(readFileSync(schemaFile("supergraph"), "utf8")).toEqual(generated.supergraph);
  });

  it("describes every type, field and argument for the partners who read it", async () => {
    const { supergraph } = await generateSchemas();
    const api = Supergraph.build(supergraph).apiSchema().toGraphQLJSSchema();
    const missing: string[] = [];
    for (const type of Object.values(api.getTypeMap())) {
      if (type.name.startsWith("__") || ["String", "Int", "Float", "Boolean", "ID"].includes(type.name)) continue;
      const isRoot = ["Query", "Mutation"].includes(type.name);
      if (!type.description && !isRoot) missing.push(type.name);
      if ("getFields" in type) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of "args" in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
