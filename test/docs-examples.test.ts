import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { useTestSystem } from "@concert/system/testing";

/**
 * The documentation's GraphQL examples run against the seeded system, as the persona each one names, and answer
 * what the `json answer` block under each states; every relative link in the project's Markdown leads to a file that
 * exists. The example convention is described in docs/api/README.md. `DOCS_ANSWERS=write` rewrites the answer blocks
 * from what the examples answer (for a writer: read the diff, then fix the prose around each changed figure).
 */

const ROOT = resolve(__dirname, "..");
const EXAMPLE_FILES = ["README.md", "docs/api/risk.md", "docs/api/peacekeeping.md", "docs/api/engagements.md", "docs/integrators.md"];
const WRITE = process.env.DOCS_ANSWERS === "write";
/** In an answer block: any value (an id, a cursor, a time of the run); as an array's last item: more items may follow. */
const ANY = "…";

interface Example {
  where: string;
  name?: string;
  /** `null`: anonymous. */
  persona: { partner: string; role: string } | null;
  expect?: string;
  /** With `expect=BAD_USER_INPUT`: the `extensions.field` one of the errors must name. */
  field?: string;
  query: string;
  variables?: unknown;
  /** The `data` the docs state (a `json answer` block). */
  answer?: unknown;
  file: string;
  /** 0-based line index just past the example's last fence (graphql or variables), and the answer fence's lines if any. */
  end: number;
  answerLines?: { start: number; end: number };
}

interface Fence {
  info: string;
  body: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** 0-based index of the line after the closing fence. */
  end: number;
  /** The last non-blank line before the fence. */
  before: string;
}

function fences(text: string): Fence[] {
  const lines = text.split("\n");
  const found: Fence[] = [];
  let previous = "";
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*```(.*)$/.exec(lines[i]);
    if (!open) {
      if (lines[i].trim() !== "") previous = lines[i].trim();
      continue;
    }
    const start = i;
    const body: string[] = [];
    while (++i < lines.length && !/^\s*```\s*$/.test(lines[i])) body.push(lines[i]);
    found.push({ info: open[1].trim(), body: body.join("\n"), line: start + 1, end: i + 1, before: previous });
    previous = "";
  }
  return found;
}

const ANNOTATION = /^<!--\s*example:(.*?)-->$/;

function parseAnnotation(text: string, where: string): Pick<Example, "name" | "persona" | "expect" | "field"> {
  const fields = Object.fromEntries(
    text
      .trim()
      .split(/\s+/)
      .map((pair) => {
        const [key, value] = pair.split("=");
        if (!key || value === undefined) throw new Error(`${where}: "${pair}" is not key=value`);
        return [key, value];
      }),
  );
  for (const key of Object.keys(fields)) {
    if (!["persona", "name", "expect", "field"].includes(key)) throw new Error(`${where}: unknown annotation key "${key}"`);
  }
  const persona = fields.persona;
  if (!persona) throw new Error(`${where}: the annotation names no persona`);
  let parsed: Example["persona"] = null;
  if (persona !== "anonymous") {
    const [partner, role] = persona.split("/");
    if (!partner || !role) throw new Error(`${where}: persona "${persona}" is not PARTNER/role or anonymous`);
    parsed = { partner, role };
  }
  if (fields.field && !fields.expect) throw new Error(`${where}: field= needs expect=`);
  return { name: fields.name, persona: parsed, expect: fields.expect, field: fields.field };
}

/** Every ```graphql block of `file`, with its annotation and the ```json variables block that follows it. */
function examplesOf(file: string): Example[] {
  const examples: Example[] = [];
  for (const fence of fences(readFileSync(join(ROOT, file), "utf8"))) {
    const where = `${file}:${fence.line}`;
    if (fence.info === "graphql") {
      const annotation = ANNOTATION.exec(fence.before);
      if (!annotation) throw new Error(`${where}: a graphql example without an <!-- example: persona=… --> line right before it`);
      examples.push({ where, file, query: fence.body, end: fence.end, ...parseAnnotation(annotation[1], where) });
    } else if (fence.info === "json variables") {
      const last = examples.at(-1);
      if (!last || last.variables !== undefined || last.answer !== undefined)
        throw new Error(`${where}: a variables block that follows no graphql example`);
      last.variables = JSON.parse(fence.body);
      last.end = fence.end;
    } else if (fence.info === "json answer") {
      const last = examples.at(-1);
      if (!last || last.answer !== undefined) throw new Error(`${where}: an answer block that follows no graphql example`);
      last.answer = JSON.parse(fence.body);
      last.answerLines = { start: fence.line - 1, end: fence.end };
    }
  }
  return examples;
}

/**
 * Replaces every string "{{example-name.path.to.value}}" by that value of the named example's `data`, and
 * "{{date+N}}" by the date N days from today (YYYY-MM-DD), for inputs that must lie in the future.
 */
function resolveReferences(value: unknown, results: Map<string, unknown>, where: string): unknown {
  if (typeof value === "string") {
    const date = /^\{\{date([+-]\d+)\}\}$/.exec(value);
    if (date) return new Date(Date.now() + Number(date[1]) * 86_400_000).toISOString().slice(0, 10);
    const ref = /^\{\{([\w-]+)((?:\.\w+)+)\}\}$/.exec(value);
    if (!ref) return value;
    let current = results.get(ref[1]);
    if (current === undefined) throw new Error(`${where}: no earlier example named "${ref[1]}"`);
    for (const key of ref[2].slice(1).split(".")) current = (current as Record<string, unknown> | null)?.[key];
    if (current === undefined) throw new Error(`${where}: "${value}" leads to nothing`);
    return current;
  }
  if (Array.isArray(value)) return value.map((v) => resolveReferences(v, results, where));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveReferences(v, results, where)]));
  }
  return value;
}

/**
 * Where `actual` differs from the stated `expected`: an object states some of the fields (the others are not
 * compared), an array all its items in order unless its last item is ANY, ANY stands for any value, a fraction
 * for what rounds to it, and anything else must be equal.
 */
function differences(expected: unknown, actual: unknown, path = "data"): string[] {
  if (expected === ANY) return actual === undefined ? [`${path}: missing`] : [];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected a list, got ${JSON.stringify(actual)}`];
    const open = expected.at(-1) === ANY;
    const stated = open ? expected.slice(0, -1) : expected;
    if (open ? actual.length < stated.length : actual.length !== stated.length)
      return [`${path}: expected ${open ? "at least " : ""}${stated.length} items, got ${actual.length}: ${JSON.stringify(actual)}`];
    return stated.flatMap((item, i) => differences(item, actual[i], `${path}[${i}]`));
  }
  if (expected && typeof expected === "object") {
    if (!actual || typeof actual !== "object" || Array.isArray(actual))
      return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    return Object.entries(expected).flatMap(([key, value]) =>
      differences(value, (actual as Record<string, unknown>)[key], `${path}.${key}`),
    );
  }
  if (typeof expected === "number" && typeof actual === "number" && !Number.isInteger(expected)) {
    // A fraction is stated to as many decimals as it shows: 0.0701 stands for anything that rounds to it.
    const decimals = String(expected).split(".")[1]?.length ?? 0;
    if (Math.abs(actual - expected) <= 0.5 * 10 ** -decimals + 1e-12) return [];
  }
  return Object.is(expected, actual) ? [] : [`${path}: the docs say ${JSON.stringify(expected)}, the answer is ${JSON.stringify(actual)}`];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CURSOR_KEYS = new Set(["cursor", "endCursor", "startCursor"]);
const LONG_LIST = 6;

/** An answer as `DOCS_ANSWERS=write` drafts it: what may change from run to run (ids, cursors, date-times, secrets) is ANY. */
function stated(value: unknown, key = ""): unknown {
  if (typeof value === "string") {
    const moment = /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value);
    return UUID.test(value) || CURSOR_KEYS.has(key) || moment || /^(whsec|ck)_/.test(value) ? ANY : value;
  }
  // A long list: its first items, then ANY (a page states what it is about; totals are asked for as fields).
  if (Array.isArray(value))
    return value.length > LONG_LIST ? [...value.slice(0, 3).map((v) => stated(v)), ANY] : value.map((v) => stated(v));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stated(v, k)]));
  if (typeof value === "number" && !Number.isInteger(value)) return Number(value.toFixed(4));
  return value;
}

/** JSON laid out for reading: what fits on a line of 120 characters stays on one. */
function layout(value: unknown, indent = "", column = indent.length): string {
  const flat = (v: unknown): string =>
    Array.isArray(v)
      ? `[${v.map(flat).join(", ")}]`
      : v && typeof v === "object"
        ? Object.keys(v).length === 0
          ? "{}"
          : `{ ${Object.entries(v)
              .map(([k, x]) => `${JSON.stringify(k)}: ${flat(x)}`)
              .join(", ")} }`
        : JSON.stringify(v);
  const line = flat(value);
  if (column + line.length <= 120 || !value || typeof value !== "object") return line;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + layout(v, inner)).join(",\n")}\n${indent}]`;
  const entries = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${layout(v, inner, inner.length + k.length + 4)}`);
  return `{\n${entries.join(",\n")}\n${indent}}`;
}

/** Writes each example's answer block (replacing the one it had) from the answers of this run. */
function writeAnswers(examples: Example[], answers: Map<Example, unknown>): void {
  for (const file of new Set(examples.map((e) => e.file))) {
    const lines = readFileSync(join(ROOT, file), "utf8").split("\n");
    const mine = examples.filter((e) => e.file === file && answers.has(e)).reverse();
    for (const example of mine) {
      const block = ["", "```json answer", layout(stated(answers.get(example))), "```"];
      if (example.answerLines)
        lines.splice(example.answerLines.start - 1, example.answerLines.end - example.answerLines.start + 1, ...block);
      else lines.splice(example.end, 0, ...block);
    }
    writeFileSync(join(ROOT, file), lines.join("\n"));
  }
}

function markdownFiles(dir: string): string[] {
  const skip = new Set(["node_modules", "dist", ".git", ".data", ".turbo"]);
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (skip.has(entry)) return [];
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return entry.endsWith(".md") ? [path] : [];
  });
}

function withoutCode(text: string): string {
  return text.replace(/^\s*```[\s\S]*?^\s*```\s*$/gm, "").replace(/`[^`\n]*`/g, "");
}

/** Inline Markdown link targets outside code that are not absolute URLs, split into path and `#fragment`. */
function relativeLinks(text: string): { path: string; fragment?: string }[] {
  const targets: { path: string; fragment?: string }[] = [];
  for (const match of withoutCode(text).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    const target = match[1];
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    const [path, fragment] = target.split("#");
    targets.push({ path: decodeURIComponent(path), fragment });
  }
  return targets;
}

/** The anchors GitHub gives a Markdown file's headings. */
function anchors(text: string): Set<string> {
  const slugs = new Set<string>();
  for (const match of text.replace(/^\s*```[\s\S]*?^\s*```\s*$/gm, "").matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = match[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, "")
      .replace(/ /g, "-");
    let unique = slug;
    for (let n = 1; slugs.has(unique); n++) unique = `${slug}-${n}`;
    slugs.add(unique);
  }
  return slugs;
}

describe("documentation examples", () => {
  const system = useTestSystem();
  const tokens = new Map<string, string>();

  async function tokenFor(persona: NonNullable<Example["persona"]>): Promise<string> {
    const key = `${persona.partner}/${persona.role}`;
    if (!tokens.has(key)) tokens.set(key, await system.token(persona.partner, persona.role));
    return tokens.get(key)!;
  }

  it("every GraphQL example answers as its annotation says", async () => {
    const examples = EXAMPLE_FILES.flatMap(examplesOf);
    // a convention that silently matched nothing would make this test pass for nothing
    expect(examples.length).toBeGreaterThan(30);
    const results = new Map<string, unknown>();
    const answers = new Map<Example, unknown>();
    const failures: string[] = [];
    for (const example of examples) {
      if (example.name && results.has(example.name)) throw new Error(`${example.where}: a second example named "${example.name}"`);
      const variables = resolveReferences(example.variables, results, example.where) as Record<string, unknown> | undefined;
      const token = example.persona ? await tokenFor(example.persona) : undefined;
      const response = await system.query(example.query, { token, variables });
      const codes = (response.errors ?? []).map((e) => e.extensions?.code);
      if (example.expect) {
        if (codes.length === 0 || codes.some((code) => code !== example.expect)) {
          failures.push(`${example.where}: expected only ${example.expect} errors, got ${JSON.stringify(response.errors ?? [])}`);
        } else if (example.field && !response.errors?.some((e) => e.extensions?.field === example.field)) {
          failures.push(`${example.where}: expected an error on field ${example.field}, got ${JSON.stringify(response.errors)}`);
        }
      } else if (codes.length > 0 || !response.data) {
        failures.push(`${example.where}: ${JSON.stringify(response.errors ?? response)}`);
      } else if (WRITE) {
        answers.set(example, response.data);
      } else if (example.answer === undefined) {
        failures.push(`${example.where}: states no answer (a \`json answer\` block after the example; DOCS_ANSWERS=write drafts one)`);
      } else {
        failures.push(...differences(example.answer, response.data).map((d) => `${example.where}: ${d}`));
      }
      if (example.name) results.set(example.name, response.data);
    }
    if (WRITE) writeAnswers(examples, answers);
    expect(failures).toEqual([]);
  });

  it("every relative link in the Markdown files leads to an existing file and heading", () => {
    const files = markdownFiles(ROOT);
    expect(files).toContain(join(ROOT, "README.md"));
    const broken: string[] = [];
    for (const file of files) {
      for (const { path, fragment } of relativeLinks(readFileSync(file, "utf8"))) {
        const target = path === "" ? file : path.startsWith("/") ? join(ROOT, path) : resolve(dirname(file), path);
        const shown = `${relative(ROOT, file)} → ${path}${fragment === undefined ? "" : `#${fragment}`}`;
        if (!existsSync(target)) broken.push(shown);
        else if (fragment && target.endsWith(".md") && !anchors(readFileSync(target, "utf8")).has(fragment)) {
          broken.push(`${shown} (no such heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it("the README stays an introduction of at most 250 lines", () => {
    expect(readFileSync(join(ROOT, "README.md"), "utf8").trimEnd().split("\n").length).toBeLessThanOrEqual(250);
  });
});
