#!/usr/bin/env node
// Writes the SQL of every subgraph's migrations, as the built tree (`npm run build`) has them, to a JSON file: the
// fixture from which test/migrations/upgrade.test.ts builds a database "made by that release". Run it on a release's
// commit, after its build: node scripts/release-migrations.mjs <release>   (writes test/migrations/release-<release>.json)
import { readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const root = new URL("..", import.meta.url).pathname;
const release = process.argv[2];
if (!release) throw new Error("usage: node scripts/release-migrations.mjs <release>");

const fixture = { release, subgraphs: {} };
for (const name of ["engagements", "risk", "peacekeeping", "alerts"]) {
  const dir = join(root, "subgraphs", name, "dist", "migrations");
  const files = readdirSync(dir)
    .filter((file) => /^[^.]+\.js$/.test(file))
    .sort();
  fixture.subgraphs[name] = [];
  for (const file of files) {
    const MigrationClass = Object.values(require(join(dir, file))).find((value) => typeof value === "function");
    const migration = new MigrationClass(null, null);
    await migration.up();
    fixture.subgraphs[name].push({ name: file.replace(/\.js$/, ""), statements: [...migration.getQueries()] });
  }
}
writeFileSync(join(root, "test", "migrations", `release-${release}.json`), `${JSON.stringify(fixture, null, 1)}\n`);
