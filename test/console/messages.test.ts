import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import en from "../../console/src/i18n/en.json";
import fr from "../../console/src/i18n/fr.json";

const SRC = join(__dirname, "..", "..", "console", "src");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "gql" || e.name === "generated" ? [] : sources(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

describe("the console's interface text", () => {
  it("has French for every English message, and no French without English", () => {
    const english = Object.keys(en).sort();
    const french = Object.keys(fr).sort();
    expect(french.filter((k) => !(k in en))).toEqual([]);
    expect(english.filter((k) => !(k in fr) || !fr[k as keyof typeof fr].trim())).toEqual([]);
  });

  it("keeps every placeholder of a message in its French text", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();
    const mismatched = Object.entries(en).filter(
      ([key, text]) => placeholders(text).join() !== placeholders(fr[key as keyof typeof fr]).join(),
    );
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it("names only messages that exist, wherever the pages ask for one", () => {
    const asked = new Set<string>();
    for (const file of sources(SRC)) {
      for (const m of readFileSync(file, "utf8").matchAll(/\bt\("([a-zA-Z]+\.[a-zA-Z]+)"/g)) asked.add(m[1]);
    }
    expect(asked.size).toBeGreaterThan(50);
    expect([...asked].filter((id) => !(id in en))).toEqual([]);
  });
});
