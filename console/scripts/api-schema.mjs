// Prints the API schema that clients see (the supergraph without @inaccessible fields and federation's join
// machinery) from the committed supergraph, for GraphQL Code Generator; and the small geographic table the map
// needs (ISO numeric -> alpha-3, and a point for countries too small for the shapes), from world-countries.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Supergraph } from "@apollo/federation-internals";
import { printSchema } from "graphql";
import countries from "world-countries";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const generated = join(root, "generated");
mkdirSync(generated, { recursive: true });

const supergraph = Supergraph.build(readFileSync(join(root, "..", "schema", "supergraph.graphql"), "utf8"));
const api = supergraph.apiSchema().toGraphQLJSSchema();
writeFileSync(join(generated, "api.graphql"), `${printSchema(api)}\n`);

const geo = {};
for (const c of countries) {
  geo[c.cca3] = { n: c.ccn3 || null, p: [Math.round(c.latlng[1] * 100) / 100, Math.round(c.latlng[0] * 100) / 100] };
}
mkdirSync(join(root, "src", "generated"), { recursive: true });
writeFileSync(join(root, "src", "generated", "geo.json"), `${JSON.stringify(geo)}\n`);
