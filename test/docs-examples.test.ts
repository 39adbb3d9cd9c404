import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { startTestSystem, type TestSystem } from "@concert/system/testing";

/**
 * The documentation's GraphQL examples run against the seeded system, as the persona each one names,
 * and every relative link in the project's Markdown leads to a file that exists.
 * The example convention is described at the top of docs/api/README.md.
 */

const ROOT = resolve(__dirname, "..");
const EXAMPLE_FILES = ["README.md", "docs/api/risk.md", "docs/api/peacekeeping.md", "docs/api/engagements.md"];

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
}

interface Fence {
  info: string;
  body: string;
  /** 1-based line of the opening fence. */
  line: number;
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
    found.push({ info: open[1].trim(), body: body.join("\n"), line: start + 1, before: previous });
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
      examples.push({ where, query: fence.body, ...parseAnnotation(annotation[1], where) });
    } else if (fence.info === "json variables") {
      const last = examples.at(-1);
      if (!last || last.variables !== undefined) throw new Error(`${where}: a variables block that follows no graphql example`);
      last.variables = JSON.parse(fence.body);
    }
  }
  return examples;
}

/** Replaces every string "{{example-name.path.to.value}}" by that value of the named example's `data`. */
function resolveReferences(value: unknown, results: Map<string, unknown>, where: string): unknown {
  if (typeof value === "string") {
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
  let system: TestSystem;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    system = await startTestSystem();
  });

  afterAll(async () => {
    await system?.stop();
  });

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
      }
      if (example.name) results.set(example.name, response.data);
    }
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
