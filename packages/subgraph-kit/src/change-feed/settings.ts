import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** How a subgraph's change feed signs cursors and how long it keeps entries. */
export interface ChangeFeedSettings {
  /** HMAC key of the cursors (CHANGE_FEED_KEY); the same for every replica of every subgraph. */
  key: string;
  /** Entries older than this are pruned, and cursors older than this refused (CHANGE_FEED_RETENTION_DAYS). */
  retentionDays: number;
}

export const DEFAULT_CHANGE_FEED_RETENTION_DAYS = 30;
/** Shortest key accepted from configuration. */
export const CHANGE_FEED_KEY_MIN_LENGTH = 32;

/** The development key of the cursors, created under `dataDir` on first use (production reads CHANGE_FEED_KEY). */
export function ensureChangeFeedKey(dataDir: string): string {
  const file = join(dataDir, "change-feed", "cursor-key");
  if (!existsSync(file)) {
    mkdirSync(join(dataDir, "change-feed"), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
  return readFileSync(file, "utf8").trim();
}

/** Settings for development and tests: the data dir's key, the default retention. */
export function developmentChangeFeed(dataDir: string): ChangeFeedSettings {
  return { key: ensureChangeFeedKey(dataDir), retentionDays: DEFAULT_CHANGE_FEED_RETENTION_DAYS };
}
