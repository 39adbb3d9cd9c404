import "reflect-metadata";
import { mkdirSync, writeFileSync } from "node:fs";
import { generateSchemas, SCHEMA_DIR, schemaFile } from "../supergraph.js";

/** `npm run schema`: prints each subgraph's SDL into schema/ and composes schema/supergraph.graphql. */
async function main(): Promise<void> {
  const { subgraphs, supergraph } = await generateSchemas();
  mkdirSync(SCHEMA_DIR, { recursive: true });
  for (const [name, sdl] of Object.entries(subgraphs)) writeFileSync(schemaFile(name), sdl);
  writeFileSync(schemaFile("supergraph"), supergraph);
  console.log(`Wrote ${Object.keys(subgraphs).length} subgraph schemas and the supergraph to ${SCHEMA_DIR}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
