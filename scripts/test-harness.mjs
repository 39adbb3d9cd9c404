#!/usr/bin/env node
// Moves test boilerplate into the harness (@concert/system/testing), file by file, where it has the usual shape:
// - a copied `ok(query, token, variables)` helper (system.query, then fail on errors, then return data) is deleted and
//   its calls become `system.ok(…)`;
// - `let system: TestSystem;` + `beforeAll(… system = await startTestSystem(ARGS) …)` + `afterAll(… system.stop() …)`
//   becomes `const system = useTestSystem(ARGS);` (the rest of that beforeAll stays, after it).
// A file whose blocks differ (arguments computed in a hook, a second start, more in the afterAll) is left as it is.
// Idempotent: run it again on a merged tree. Usage: node scripts/test-harness.mjs [--check]
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

const ROOT = new URL("..", import.meta.url).pathname;
const HARNESS = "@concert/system/testing";
const SKIP = new Set(["node_modules", "dist", ".git", ".turbo", "coverage"]);
const GLOBALS = new Set(["undefined", "process", "Number", "String", "JSON", "Date", "Math"]);
const OK_BODY =
  /^\{ const res = await system\.query(<[\w ]+>)?\(query, \{ token, variables \}\); (if \(res\.errors\) throw new Error\(JSON\.stringify\(res\.errors\)\);|expect\(res\.errors\)\.toBeUndefined\(\);) return res\.data!?; \}$/;
const STOP_BODY = /^\{ await system\??\.stop\(\); \}$/;

function* testFiles(dir) {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* testFiles(path);
    else if (name.endsWith(".test.ts")) yield path;
  }
}

const flat = (source, node) => node.getText(source).replace(/\s+/g, " ");

/** `beforeAll(async () => { … })` or `afterAll(…)` at top level: the arrow's body, or null. */
function hookBody(statement, hook) {
  if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) return null;
  const call = statement.expression;
  if (!ts.isIdentifier(call.expression) || call.expression.text !== hook || call.arguments.length !== 1) return null;
  const fn = call.arguments[0];
  return ts.isArrowFunction(fn) && ts.isBlock(fn.body) ? fn.body : null;
}

/** The identifiers an expression reads (property names aside). */
function freeNames(node, names = new Set()) {
  if (ts.isIdentifier(node)) names.add(node.text);
  else if (ts.isPropertyAccessExpression(node)) freeNames(node.expression, names);
  else if (ts.isPropertyAssignment(node)) freeNames(node.initializer, names);
  else ts.forEachChild(node, (child) => freeNames(child, names));
  return names;
}

/** The `ok` copy to delete and the calls to point at `system.ok`. */
function okEdits(source) {
  const helper = source.statements.find(
    (s) =>
      ts.isFunctionDeclaration(s) &&
      s.name?.text === "ok" &&
      s.parameters.map((p) => p.name.getText(source)).join() === "query,token,variables" &&
      s.body &&
      OK_BODY.test(flat(source, s.body)),
  );
  if (!helper) return [];
  const edits = [{ start: helper.getFullStart(), end: helper.getEnd(), text: "" }];
  const visit = (node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "ok")
      edits.push({ start: node.expression.getStart(source), end: node.expression.getEnd(), text: "system.ok" });
    ts.forEachChild(node, visit);
  };
  for (const s of source.statements) if (s !== helper) visit(s);
  return edits;
}

/** The start and stop blocks to replace with `useTestSystem`, or [] when they do not have the usual shape. */
function hookEdits(source, text) {
  if ((text.match(/\bstartTestSystem\(/g) ?? []).length !== 1 || (text.match(/\bsystem\s*=[^=>]/g) ?? []).length !== 1) return [];
  const declaration = source.statements.find(
    (s) =>
      ts.isVariableStatement(s) &&
      s.declarationList.flags & ts.NodeFlags.Let &&
      s.declarationList.declarations.length === 1 &&
      s.declarationList.declarations[0].name.getText(source) === "system" &&
      s.declarationList.declarations[0].type?.getText(source) === "TestSystem" &&
      !s.declarationList.declarations[0].initializer,
  );
  const before = source.statements.find((s) => hookBody(s, "beforeAll"));
  const after = source.statements.filter((s) => hookBody(s, "afterAll"));
  if (!declaration || !before || after.length !== 1 || !STOP_BODY.test(flat(source, hookBody(after[0], "afterAll")))) return [];
  const [first, ...rest] = hookBody(before, "beforeAll").statements;
  const assigned = first && ts.isExpressionStatement(first) && first.expression;
  if (!assigned || !ts.isBinaryExpression(assigned) || assigned.left.getText(source) !== "system") return [];
  const started = ts.isAwaitExpression(assigned.right) && assigned.right.expression;
  if (!started || !ts.isCallExpression(started) || started.expression.getText(source) !== "startTestSystem") return [];
  // The arguments move to module level: they may read only imports and constants declared above the hook.
  const known = new Set(GLOBALS);
  for (const s of source.statements) {
    if (s.pos >= before.pos) break;
    if (ts.isImportDeclaration(s)) for (const n of freeNames(s.importClause ?? s)) known.add(n);
    if (ts.isVariableStatement(s) && s.declarationList.flags & ts.NodeFlags.Const)
      for (const d of s.declarationList.declarations) for (const n of freeNames(d.name)) known.add(n);
  }
  for (const arg of started.arguments) for (const n of freeNames(arg)) if (!known.has(n)) return [];
  const args = started.arguments.map((a) => a.getText(source)).join(", ");
  const restText = rest.length ? `\nbeforeAll(async () => {\n${rest.map((s) => `  ${s.getText(source)}`).join("\n")}\n});` : "";
  // Comments above the removed statements stay (the first often describes the whole file).
  const removal = (s) => ({ start: s.getStart(source), end: s.getEnd() + (text[s.getEnd()] === "\n" ? 1 : 0), text: "" });
  return [
    removal(declaration),
    { start: before.getStart(source), end: before.getEnd(), text: `const system = useTestSystem(${args});${restText}` },
    removal(after[0]),
  ];
}

/** The harness import with `useTestSystem` added and what the file no longer uses removed. */
function importEdit(source, edited, usesHooks) {
  const declaration = source.statements.find(
    (s) => ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text === HARNESS,
  );
  const named = declaration?.importClause?.namedBindings;
  if (!named || !ts.isNamedImports(named)) return null;
  const elements = named.elements.map((e) => e.getText(source)).filter((e) => e !== "useTestSystem");
  const used = (element) => {
    const name = element
      .replace(/^type /, "")
      .split(" as ")
      .at(-1);
    return (edited.match(new RegExp(`\\b${name}\\b`, "g")) ?? []).length > 1;
  };
  const kept = [...elements.filter(used), ...(usesHooks ? ["useTestSystem"] : [])];
  return { start: named.getStart(source), end: named.getEnd(), text: `{ ${kept.join(", ")} }` };
}

function apply(text, edits) {
  let result = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) result = result.slice(0, e.start) + e.text + result.slice(e.end);
  return result;
}

function rewrite(path, text) {
  if (!text.includes(HARNESS)) return null;
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const hooks = hookEdits(source, text);
  const edits = [...okEdits(source), ...hooks];
  if (edits.length === 0) return null;
  const withoutImport = apply(text, edits);
  const imported = importEdit(source, withoutImport, hooks.length > 0);
  return apply(text, imported ? [...edits, imported] : edits);
}

const check = process.argv.includes("--check");
const changed = [];
for (const path of testFiles(ROOT)) {
  const text = readFileSync(path, "utf8");
  const result = rewrite(path, text);
  if (result === null || result === text) continue;
  changed.push(relative(ROOT, path));
  if (!check) writeFileSync(path, result);
}
if (check) {
  for (const file of changed) console.log(file);
  process.exit(changed.length > 0 ? 1 : 0);
}
if (changed.length > 0) spawnSync("npx", ["biome", "check", "--write", ...changed], { cwd: ROOT, stdio: "inherit" });
console.log(`${changed.length} test file(s) rewritten`);
