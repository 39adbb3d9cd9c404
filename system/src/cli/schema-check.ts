import "reflect-metadata";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { apiSchema, checkDocuments, checkSchema, formatSchemaCheck } from "../schema-check.js";
import { generateSchemas, SCHEMA_DIR, schemaFile } from "../supergraph.js";

/**
 * `npm run schema:check`: compares the supergraph the code composes with schema/released.graphql
 * and fails on a breaking change that CHANGELOG.md's Unreleased section does not name, or when one of the console's
 * operations (console/src/graphql/) no longer validates against the API schema.
 */
async function main(): Promise<void> {
  const released = readFileSync(schemaFile("released"), "utf8");
  const changelog = readFileSync(join(SCHEMA_DIR, "..", "CHANGELOG.md"), "utf8");
  const { supergraph } = await generateSchemas();
  const result = await checkSchema(released, supergraph, changelog);
  console.log(formatSchemaCheck(result));
  const consoleDir = join(SCHEMA_DIR, "..", "console", "src", "graphql");
  const files = readdirSync(consoleDir)
    .filter((name) => name.endsWith(".graphql"))
    .map((name) => ({ name: `console/src/graphql/${name}`, text: readFileSync(join(consoleDir, name), "utf8") }));
  const problems = checkDocuments(apiSchema(supergraph), files);
  for (const problem of problems) console.log(`console operation no longer valid: ${problem}`);
  if (problems.length === 0) console.log(`The console's ${files.length} operation files validate against the API schema.`);
  if (!result.ok || problems.length > 0) process.exit(1);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
