#!/usr/bin/env node
// Rewrites every import from "@concert/subgraph-kit" (the index that re-exported everything, gone) into imports from
// its named entry points ("@concert/subgraph-kit/server", "/access", "/reads", "/writes", "/feeds", "/audit",
// "/errors"), and the names it re-exported from @concert/auth and @concert/db into imports from those packages.
// Which entry point exports a name is read from packages/subgraph-kit/src/entry/*.ts with the TypeScript checker, so
// the script stays right when the kit gains names. Last, it retires the old index (packages/subgraph-kit/src/index.ts
// and the "." entry of the kit's package.json "exports"). Idempotent: run it again on a merged tree, then `npm run build`.
// Usage: node scripts/kit-entry-points.mjs [--check]   (--check: list the files it would change, exit 1 if any)
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import ts from "typescript";

const ROOT = new URL("..", import.meta.url).pathname;
const KIT = "@concert/subgraph-kit";
const KIT_DIR = join(ROOT, "packages/subgraph-kit");
const ENTRY_DIR = join(KIT_DIR, "src/entry");
const OLD_INDEX = join(KIT_DIR, "src/index.ts");
const KIT_PACKAGE = join(KIT_DIR, "package.json");
const SELF = new URL(import.meta.url).pathname;
/** What the old index re-exported from other packages. */
const FOREIGN = {
  cachingDirectory: "@concert/auth",
  DEFAULT_MAX_TOKEN_LIFETIME_SECONDS: "@concert/auth",
  DirectoryBounds: "@concert/auth",
  DirectoryEntry: "@concert/auth",
  DirectorySnapshot: "@concert/auth",
  PartnerDirectory: "@concert/auth",
  Revocation: "@concert/auth",
  remoteDirectory: "@concert/auth",
  revocationCutoff: "@concert/auth",
  staticDirectory: "@concert/auth",
  subjectDigest: "@concert/auth",
  REGISTRY_READ_LABEL: "@concert/db",
};
const SKIP = new Set(["node_modules", "dist", ".git", ".turbo", "coverage"]);

/** name -> module, from the entry points' exports. */
function entryOfName() {
  const entries = readdirSync(ENTRY_DIR).filter((f) => f.endsWith(".ts"));
  const program = ts.createProgram(
    entries.map((f) => join(ENTRY_DIR, f)),
    {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      experimentalDecorators: true,
      noEmit: true,
      skipLibCheck: true,
    },
  );
  const checker = program.getTypeChecker();
  const map = new Map(Object.entries(FOREIGN));
  for (const file of entries) {
    const source = program.getSourceFile(join(ENTRY_DIR, file));
    const symbol = checker.getSymbolAtLocation(source);
    for (const exported of checker.getExportsOfModule(symbol)) {
      const target = `${KIT}/${file.replace(/\.ts$/, "")}`;
      const before = map.get(exported.name);
      if (before && before !== target) throw new Error(`${exported.name} is exported by both ${before} and ${target}`);
      map.set(exported.name, target);
    }
  }
  return map;
}

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(name) && !name.endsWith(".d.ts")) yield path;
  }
}

/** The file's text with its "@concert/subgraph-kit" declarations split by entry point, or null when it has none. */
function rewrite(path, text, entryOf) {
  if (!text.includes(KIT)) return null;
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const edits = [];
  for (const statement of source.statements) {
    const isImport = ts.isImportDeclaration(statement);
    if (!isImport && !ts.isExportDeclaration(statement)) continue;
    const specifier = statement.moduleSpecifier;
    if (!specifier || !ts.isStringLiteral(specifier) || specifier.text !== KIT) continue;
    const clause = isImport ? statement.importClause : statement;
    const named = isImport ? clause?.namedBindings : statement.exportClause;
    if (!named || (!ts.isNamedImports(named) && !ts.isNamedExports(named)) || (isImport && clause.name))
      throw new Error(`${relative(ROOT, path)}: only named imports and exports of ${KIT} can be split`);
    const declarationIsType = isImport ? clause.isTypeOnly : statement.isTypeOnly;
    const groups = new Map();
    for (const element of named.elements) {
      const name = (element.propertyName ?? element.name).text;
      const target = entryOf.get(name);
      if (!target) throw new Error(`${relative(ROOT, path)}: no entry point of ${KIT} exports ${name}`);
      const typeOnly = declarationIsType || element.isTypeOnly;
      const alias = element.propertyName ? `${element.propertyName.text} as ${element.name.text}` : name;
      groups.set(target, [...(groups.get(target) ?? []), { alias, typeOnly }]);
    }
    const keyword = isImport ? "import" : "export";
    const lines = [...groups].map(([target, elements]) => {
      const allTypes = elements.every((e) => e.typeOnly);
      const list = elements.map((e) => (e.typeOnly && !allTypes ? `type ${e.alias}` : e.alias)).join(", ");
      return `${keyword} ${allTypes ? "type " : ""}{ ${list} } from "${target}";`;
    });
    edits.push({ start: statement.getStart(source), end: statement.getEnd(), text: lines.join("\n") });
  }
  if (edits.length === 0) return text;
  let result = text;
  for (const edit of edits.reverse()) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

/** Any other use of the bare package name (require, dynamic import, jest.mock…) that this script cannot split. */
function assertNoBareUse(path, text) {
  if (text.includes(`"${KIT}"`) || text.includes(`'${KIT}'`) || text.includes(`\`${KIT}\``))
    throw new Error(`${relative(ROOT, path)}: still names ${KIT} itself; import from one of its entry points by hand`);
}

/** The package.json of the workspace that holds path. */
function workspaceOf(path) {
  for (let dir = dirname(path); dir.startsWith(ROOT) && dir !== ROOT.replace(/\/$/, ""); dir = dirname(dir))
    if (existsSync(join(dir, "package.json"))) return join(dir, "package.json");
  return null;
}

/** Names the workspaces that now import @concert/auth or @concert/db without declaring them. */
function missingDependencies(files) {
  const missing = new Set();
  for (const file of files) {
    const manifest = workspaceOf(join(ROOT, file));
    if (!manifest) continue;
    const json = JSON.parse(readFileSync(manifest, "utf8"));
    const declared = { ...json.dependencies, ...json.devDependencies };
    const text = readFileSync(join(ROOT, file), "utf8");
    for (const target of new Set(Object.values(FOREIGN)))
      if (text.includes(`from "${target}"`) && !declared[target] && json.name !== target)
        missing.add(`${relative(ROOT, manifest)} needs "${target}" (dependencies and tsconfig references)`);
  }
  return [...missing];
}

/** Whether the old index is still there; when not checking, removes it. */
function retireIndex(check) {
  const json = JSON.parse(readFileSync(KIT_PACKAGE, "utf8"));
  const present = existsSync(OLD_INDEX) || (json.exports && "." in json.exports) || "main" in json || "types" in json;
  if (!present || check) return present;
  rmSync(OLD_INDEX, { force: true });
  for (const built of ["index.js", "index.d.ts", "index.js.map", "index.d.ts.map"]) rmSync(join(KIT_DIR, "dist", built), { force: true });
  delete json.main;
  delete json.types;
  if (json.exports) delete json.exports["."];
  writeFileSync(KIT_PACKAGE, `${JSON.stringify(json, null, 2)}\n`);
  return present;
}

const check = process.argv.includes("--check");
const entryOf = entryOfName();
const changed = [];
for (const path of sourceFiles(ROOT)) {
  if (path === OLD_INDEX || path === SELF || path.startsWith(ENTRY_DIR)) continue;
  const text = readFileSync(path, "utf8");
  const result = rewrite(path, text, entryOf);
  if (result !== null) assertNoBareUse(path, result);
  if (result === null || result === text) continue;
  changed.push(relative(ROOT, path));
  if (!check) writeFileSync(path, result);
}
const indexPresent = retireIndex(check);
if (check) {
  for (const file of changed) console.log(file);
  if (indexPresent) console.log(relative(ROOT, OLD_INDEX));
  process.exit(changed.length > 0 || indexPresent ? 1 : 0);
}
// Biome sorts and merges the new imports (organizeImports) and formats them.
if (changed.length > 0) spawnSync("npx", ["biome", "check", "--write", ...changed], { cwd: ROOT, stdio: "inherit" });
console.log(`${changed.length} file(s) rewritten${indexPresent ? ", the old index removed" : ""}`);
for (const line of missingDependencies(changed)) console.warn(`warning: ${line}`);
