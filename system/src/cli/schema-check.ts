import "reflect-metadata";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkSchema, formatSchemaCheck } from "../schema-check.js";
import { generateSchemas, SCHEMA_DIR, schemaFile } from "../supergraph.js";

/**
 * `npm run schema:check`: compares the supergraph the code composes with schema/released.graphql
 * and fails on a breaking change that CHANGELOG.md's Unreleased section does not name.
 */
async function main(): Promise<void> {
  const released = readFileSync(schemaFile("released"), "utf8");
  const changelog = readFileSync(join(SCHEMA_DIR, "..", "CHANGELOG.md"), "utf8");
  const { supergraph } = await generateSchemas();
  const result = await checkSchema(released, supergraph, changelog);
  console.log(formatSchemaCheck(result));
  if (!result.ok) process.exit(1);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
