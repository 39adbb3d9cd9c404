import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConsoleFiles } from "./static.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "concert-console-dist-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A build as Vite and the console's plugin write it: assets, then the page, then the manifest last. */
function build(name: string, at: number): void {
  mkdirSync(join(dir, "assets"), { recursive: true });
  writeFileSync(join(dir, "assets", `${name}.js`), `console.log("${name}")`);
  writeFileSync(join(dir, "index.html"), `<script src="/console/assets/${name}.js"></script>`);
  utimesSync(join(dir, "index.html"), at, at);
  writeFileSync(join(dir, "persisted-documents.json"), "{}");
  utimesSync(join(dir, "persisted-documents.json"), at, at);
}

const text = (files: ConsoleFiles, rel: string) => files.get(rel)?.body.toString("utf8");

describe("ConsoleFiles", () => {
  it("serves a rebuild without a restart, once complete, with the previous build's assets (one build back)", () => {
    build("one", 1_000);
    const files = new ConsoleFiles(dir, 0);
    expect(text(files, "index.html")).toContain("one.js");
    // A build under way: emptied, then a page without its manifest yet. The old build stays served.
    rmSync(join(dir, "index.html"));
    rmSync(join(dir, "persisted-documents.json"));
    expect(text(files, "index.html")).toContain("one.js");
    writeFileSync(join(dir, "index.html"), `<script src="/console/assets/two.js"></script>`);
    utimesSync(join(dir, "index.html"), 2_000, 2_000);
    expect(text(files, "index.html")).toContain("one.js");
    // Complete: the new page, its asset, and the old asset for pages loaded before.
    build("two", 2_000);
    rmSync(join(dir, "assets", "one.js"));
    expect(text(files, "index.html")).toContain("two.js");
    expect(text(files, "assets/two.js")).toContain("two");
    expect(text(files, "assets/one.js")).toContain("one");
    // Two builds later the first build's asset is gone: what is held stays bounded.
    rmSync(join(dir, "assets", "two.js"));
    build("three", 3_000);
    expect(text(files, "index.html")).toContain("three.js");
    expect(text(files, "assets/two.js")).toContain("two");
    expect(files.get("assets/one.js")).toBeUndefined();
    // Manifests are the gateway's, never served.
    expect(files.get("persisted-documents.json")).toBeUndefined();
  });
});
