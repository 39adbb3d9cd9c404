import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Apollo Server's key-value store interface (`persistedQueries.cache`), as far as the gateway needs it. */
export interface DocumentStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<boolean | undefined>;
}

/** The manifests the console's build writes, and the previous release's, kept so that pages open during a deploy keep working. */
export const MANIFEST_FILES = ["persisted-documents.json", "persisted-documents.previous.json"];

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The documents the console may send, by the SHA-256 (hex) of their text. */
export class PersistedDocuments {
  private constructor(private readonly byHash: ReadonlyMap<string, string>) {}

  /**
   * Reads the manifests of `distDir` (GraphQL Code Generator's client preset: `{ "<sha256 hex>": "<document>" }`);
   * an entry whose hash is not its text's is a broken build and stops the start.
   */
  static load(distDir: string | undefined, extra: string[] = []): PersistedDocuments {
    const byHash = new Map<string, string>();
    const files = [...(distDir ? MANIFEST_FILES.map((f) => join(distDir, f)) : []), ...extra];
    for (const file of files) {
      if (!existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, "utf8")) as unknown;
      if (typeof manifest !== "object" || manifest === null || Array.isArray(manifest)) throw new Error(`${file}: not a manifest object`);
      for (const [hash, text] of Object.entries(manifest)) {
        if (!SHA256_HEX.test(hash) || typeof text !== "string" || sha256(text) !== hash) {
          throw new Error(`${file}: entry ${hash.slice(0, 80)} is not the SHA-256 of its document`);
        }
        byHash.set(hash, text);
      }
    }
    return new PersistedDocuments(byHash);
  }

  get size(): number {
    return this.byHash.size;
  }

  has(hash: string | undefined): boolean {
    return hash !== undefined && this.byHash.has(hash);
  }

  text(hash: string): string | undefined {
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
      get: async (key) => this.byHash.get(key.slice(key.lastIndexOf(":") + 1)),
      set: async () => undefined,
      delete: async () => undefined,
    };
  }
}

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
