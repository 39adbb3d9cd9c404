import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ChangeCheck, CONSOLE_RELOAD_INTERVAL_MS } from "./reload.js";

/** Apollo Server's key-value store interface (`persistedQueries.cache`), as far as the gateway needs it. */
export interface DocumentStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<boolean | undefined>;
}

/** The manifests the console's build writes, and the previous release's, kept so that pages open during a deploy keep working. */
export const MANIFEST_FILES = ["persisted-documents.json", "persisted-documents.previous.json"];

const SHA256_HEX = /^[0-9a-f]{64}$/;

type Manifest = ReadonlyMap<string, string>;

/** A manifest file's entries (GraphQL Code Generator's client preset: `{ "<sha256 hex>": "<document>" }`), checked. */
function readManifest(file: string): Manifest {
  const manifest = JSON.parse(readFileSync(file, "utf8")) as unknown;
  if (typeof manifest !== "object" || manifest === null || Array.isArray(manifest)) throw new Error(`${file}: not a manifest object`);
  const entries = new Map<string, string>();
  for (const [hash, text] of Object.entries(manifest)) {
    if (!SHA256_HEX.test(hash) || typeof text !== "string" || sha256(text) !== hash) {
      throw new Error(`${file}: entry ${hash.slice(0, 80)} is not the SHA-256 of its document`);
    }
    entries.set(hash, text);
  }
  return entries;
}

const sameKeys = (a: Manifest, b: Manifest) => a.size === b.size && [...a.keys()].every((k) => b.has(k));

/**
 * The documents the console may send, by the SHA-256 (hex) of their text: the current build's manifest and the previous
 * release's. When the console is rebuilt under a running gateway, the manifest it served until then becomes the
 * previous one (one build back only, beside `persisted-documents.previous.json`), so pages opened before keep working.
 */
export class PersistedDocuments {
  private byHash: ReadonlyMap<string, string> = new Map();
  private current: Manifest = new Map();
  /** The manifest a rebuild replaced while the gateway ran. */
  private replaced: Manifest = new Map();
  private readonly check: ChangeCheck | null;

  private constructor(
    private readonly distDir: string | undefined,
    private readonly extra: string[],
    intervalMs: number,
  ) {
    this.check = distDir
      ? new ChangeCheck(
          MANIFEST_FILES.map((f) => join(distDir, f)),
          intervalMs,
        )
      : null;
    this.read();
  }

  /**
   * Reads the manifests of `distDir` and `extra`; an entry whose hash is not its text's is a broken build and stops the
   * start. Afterwards they are looked at again at most once per `intervalMs`.
   */
  static load(distDir: string | undefined, extra: string[] = [], intervalMs = CONSOLE_RELOAD_INTERVAL_MS): PersistedDocuments {
    return new PersistedDocuments(distDir, extra, intervalMs);
  }

  private read(): void {
    const [currentFile, previousFile] = this.distDir ? MANIFEST_FILES.map((f) => join(this.distDir!, f)) : [];
    const current = currentFile && existsSync(currentFile) ? readManifest(currentFile) : new Map<string, string>();
    const others = [...(previousFile ? [previousFile] : []), ...this.extra].filter((f) => existsSync(f)).map(readManifest);
    if (this.current.size > 0 && !sameKeys(current, this.current)) this.replaced = this.current;
    this.current = current;
    const byHash = new Map<string, string>();
    for (const manifest of [this.replaced, ...others, current]) for (const [hash, text] of manifest) byHash.set(hash, text);
    this.byHash = byHash;
  }

  /** Reads the manifests again when they changed; a build under way (no manifest yet) or a broken one keeps the old. */
  private refresh(): void {
    if (!this.check?.changed() || !this.distDir || !existsSync(join(this.distDir, MANIFEST_FILES[0]!))) return;
    try {
      this.read();
    } catch {
      // Half written or broken: the documents read before stay served.
    }
  }

  get size(): number {
    this.refresh();
    return this.byHash.size;
  }

  has(hash: string | undefined): boolean {
    this.refresh();
    return hash !== undefined && this.byHash.has(hash);
  }

  text(hash: string): string | undefined {
    this.refresh();
    return this.byHash.get(hash);
  }

  /**
   * Apollo Server's persisted-query store, read-only: a manifest hash is served on a freshly started gateway, an unknown
   * one gets PERSISTED_QUERY_NOT_FOUND before any parsing, and what clients send with a hash is never registered
   * (automatic persisted queries are off).
   */
  store(): DocumentStore {
    return {
      // Apollo prefixes its keys ("apq:"): the hash is what follows the last colon.
      get: async (key) => this.text(key.slice(key.lastIndexOf(":") + 1)),
      set: async () => undefined,
      delete: async () => undefined,
    };
  }
}

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
