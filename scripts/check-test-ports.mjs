#!/usr/bin/env node
// Fails when a test would listen on, or start Concert on, a fixed port (docs/development.md, "Tests"): tests run in
// parallel and beside a developer's `npm start`, so every port they use comes from `freePort()` or `listen(0)`.
// A line that names a port without listening on it (a configuration parser's input, a manifest's declared port, a
// URL that must be refused) says so with a `fixed-port: <why>` comment on it or on the line before; a file that only
// parses settings (never listens) says `fixed-port-file: <why>` once.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
const SKIP = new Set(["node_modules", "dist", ".git", ".turbo", ".data", "bench", "lighthouse", "coverage"]);

/** Test code: test files anywhere, the `test/` workspace, and the test harness. */
function isTestCode(path) {
  const rel = relative(ROOT, path);
  if (!/\.(ts|tsx|js|mjs|cjs)$/.test(rel)) return false;
  return /\.test\.[cm]?[jt]sx?$/.test(rel) || rel.startsWith("test/") || rel.startsWith("system/src/testing/");
}

function files(dir) {
  return readdirSync(dir).flatMap((entry) => {
    if (SKIP.has(entry)) return [];
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? files(path) : isTestCode(path) ? [path] : [];
  });
}

const PORT = "([1-9]\\d{2,4})";
const FIXED = [
  [new RegExp(`\\.listen\\(\\s*${PORT}\\b`), "listens on"],
  [new RegExp(`\\bport:\\s*${PORT}\\b`, "i"), "sets port"],
  [new RegExp(`\\b[A-Z_]*PORT\\b["']?\\s*[:=]\\s*(?:String\\()?["'\`]?${PORT}\\b`), "sets"],
  [new RegExp(`(?:127\\.0\\.0\\.1|localhost|\\[::1\\]|0\\.0\\.0\\.0):${PORT}\\b`), "uses address"],
];

/** The parts `npm start` runs, each with its `<PART>_PORT` (from the configuration module's DEFAULT_PORTS). */
function partPortVariables() {
  const config = readFileSync(join(ROOT, "system/src/config/index.ts"), "utf8");
  const block = /DEFAULT_PORTS[^=]*=\s*\{([^}]*)\}/.exec(config);
  if (!block) throw new Error("system/src/config/index.ts: DEFAULT_PORTS not found");
  const parts = [...block[1].matchAll(/(\w+)\s*:/g)].map((m) => m[1]);
  if (parts.length < 2) throw new Error("system/src/config/index.ts: DEFAULT_PORTS lists no parts");
  return parts.map((p) => `${p.toUpperCase()}_PORT`);
}

const problems = [];
const variables = partPortVariables();
for (const file of files(ROOT)) {
  const rel = relative(ROOT, file);
  const lines = readFileSync(file, "utf8").split("\n");
  const exempt = lines.some((l) => /fixed-port-file:/.test(l));
  lines.forEach((line, i) => {
    if (exempt) return;
    if (/fixed-port:/.test(line) || /fixed-port:/.test(lines[i - 1] ?? "")) return;
    for (const [pattern, what] of FIXED) {
      const match = pattern.exec(line);
      if (match)
        problems.push(
          `${rel}:${i + 1}: ${what} ${match[0]}; take a free port (freePort(), listen(0)) or mark the line "fixed-port: <why>"`,
        );
    }
  });
  // `npm start` in a test: every part's port must be given, else that part takes its default port.
  const text = lines.join("\n");
  if (/cli\/start\.js|runCli\(\s*["']start["']/.test(text)) {
    const missing = variables.filter((v) => !text.includes(v));
    if (missing.length > 0)
      problems.push(`${rel}: runs npm start without ${missing.join(", ")}: those parts would take their default ports`);
  }
}
if (problems.length > 0) {
  console.error(`Fixed ports in tests:\n${problems.join("\n")}`);
  process.exit(1);
}
console.log(`No fixed port in ${files(ROOT).length} test files.`);
