// Types every .graphql document under src/ against the API schema clients see, and writes the persisted-documents
// manifest (sha256 of each document's text -> text) that the gateway serves session callers from.
// GraphQL Code Generator's core and client preset are called directly: its command-line tool would pull in URL,
// GitHub and Apollo-engine schema loaders that need Node 22, for a schema that is a file here.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { preset } from "@graphql-codegen/client-preset";
import { codegen } from "@graphql-codegen/core";
import { buildSchema, parse } from "graphql";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outputDir = "src/gql/";

const schemaText = readFileSync(join(root, "generated", "api.graphql"), "utf8");
const documents = readdirSync(join(root, "src"), { recursive: true })
  .filter((file) => file.endsWith(".graphql"))
  .sort()
  .map((file) => {
    const location = join(root, "src", file);
    const rawSDL = readFileSync(location, "utf8");
    return { location: relative(root, location), document: parse(rawSDL), rawSDL };
  });
if (documents.length === 0) throw new Error("codegen: no .graphql documents under console/src");

const outputs = await preset.buildGeneratesSection({
  baseOutputDir: outputDir,
  presetConfig: { persistedDocuments: { hashAlgorithm: "sha256" }, fragmentMasking: false },
  config: { enumsAsTypes: true, useTypeImports: true, scalars: { DateTimeISO: "string" } },
  schema: parse(schemaText),
  schemaAst: buildSchema(schemaText),
  documents,
  plugins: [],
  pluginMap: {},
  pluginContext: {},
  documentTransforms: [],
});

mkdirSync(join(root, outputDir), { recursive: true });
// Together: the manifest's output waits for the documents' output to have hashed every document.
await Promise.all(
  outputs.map(async (output) => writeFileSync(join(root, output.filename), await codegen({ ...output, pluginContext: {} }))),
);
console.log(`codegen: ${documents.length} documents -> ${outputDir}`);
