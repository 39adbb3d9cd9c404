import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PersistedDocuments } from "./persisted.js";

const sha = (text: string) => createHash("sha256").update(text).digest("hex");
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "concert-manifest-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("PersistedDocuments", () => {
  it("reads this release's and the previous release's manifests, and serves them read-only under Apollo's keys", async () => {
    const current = "query A { missions { acronym } }";
    const previous = "query B { riskFactors { number } }";
    writeFileSync(join(dir, "persisted-documents.json"), JSON.stringify({ [sha(current)]: current }));
    writeFileSync(join(dir, "persisted-documents.previous.json"), JSON.stringify({ [sha(previous)]: previous }));
    const documents = PersistedDocuments.load(dir);
    expect(documents.size).toBe(2);
    expect(documents.has(sha(previous))).toBe(true);
    const store = documents.store();
    expect(await store.get(`apq:${sha(current)}`)).toBe(current);
    await store.set(`apq:${sha("query C { x }")}`, "query C { x }");
    expect(await store.get(`apq:${sha("query C { x }")}`)).toBeUndefined();
    expect(documents.has(undefined)).toBe(false);
  });

  it("has no documents without a built console", () => {
    expect(PersistedDocuments.load(join(dir, "missing")).size).toBe(0);
    expect(PersistedDocuments.load(undefined).size).toBe(0);
  });

  it("refuses a manifest whose hash is not its document's, or that is not an object", () => {
    writeFileSync(join(dir, "persisted-documents.json"), JSON.stringify({ [sha("query A { a }")]: "query A { b }" }));
    expect(() => PersistedDocuments.load(dir)).toThrow("is not the SHA-256 of its document");
    writeFileSync(join(dir, "persisted-documents.json"), JSON.stringify([]));
    expect(() => PersistedDocuments.load(dir)).toThrow("not a manifest object");
  });

  it("serves a rebuilt console's manifest without a restart, keeping the one it replaced (one build back only)", () => {
    const [a, b, c] = ["query A { a }", "query B { b }", "query C { c }"];
    const manifest = join(dir, "persisted-documents.json");
    const write = (text: string) => writeFileSync(manifest, JSON.stringify({ [sha(text)]: text }));
    write(a);
    const documents = PersistedDocuments.load(dir, [], 0);
    expect([documents.has(sha(a)), documents.has(sha(b))]).toEqual([true, false]);
    // A build under way empties the folder: the documents served stay.
    rmSync(manifest);
    expect(documents.has(sha(a))).toBe(true);
    write(b);
    expect([documents.has(sha(a)), documents.has(sha(b))]).toEqual([true, true]);
    // A broken manifest keeps what was served.
    writeFileSync(manifest, "{ not json");
    expect([documents.has(sha(a)), documents.has(sha(b))]).toEqual([true, true]);
    write(c);
    // The current and the previous build's documents; the one before is gone.
    expect([documents.has(sha(a)), documents.has(sha(b)), documents.has(sha(c))]).toEqual([false, true, true]);
    expect(documents.size).toBe(2);
  });
});
