// Fails the build when the JavaScript the first page loads (the entry script and the chunks index.html preloads)
// exceeds the budget, gzipped. Later pages' chunks load on demand and are not counted.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET = 350 * 1024;
const dist = join(dirname(dirname(fileURLToPath(import.meta.url))), "dist");
const html = readFileSync(join(dist, "index.html"), "utf8");
const scripts = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/console\/([^"]+\.js)"/g)].map((m) => m[1]);
if (scripts.length === 0) throw new Error("budget: index.html names no script");
let total = 0;
for (const file of new Set(scripts)) total += gzipSync(readFileSync(join(dist, file))).length;
const kb = (total / 1024).toFixed(1);
if (total > BUDGET) {
  console.error(`budget: the first page loads ${kb} KB of gzipped JavaScript, over the ${BUDGET / 1024} KB budget`);
  process.exit(1);
}
console.log(`budget: the first page loads ${kb} KB of gzipped JavaScript (budget ${BUDGET / 1024} KB)`);
