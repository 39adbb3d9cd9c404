import {
  CHANGE_FEED_KEY_MIN_LENGTH,
  type ChangeFeedSettings,
  DEFAULT_CHANGE_FEED_RETENTION_DAYS,
  ensureChangeFeedKey,
} from "@concert/subgraph-kit";

export class ChangeFeedConfigError extends Error {}

/** Longest retention accepted (ten years). */
const MAX_RETENTION_DAYS = 3650;

/** CHANGE_FEED_RETENTION_DAYS, checked; 30 when unset. */
export function changeFeedRetention(env: NodeJS.ProcessEnv): number {
  const raw = env.CHANGE_FEED_RETENTION_DAYS;
  if (raw === undefined || raw === "") return DEFAULT_CHANGE_FEED_RETENTION_DAYS;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_RETENTION_DAYS) {
    throw new ChangeFeedConfigError(`CHANGE_FEED_RETENTION_DAYS must be a whole number of days (1–${MAX_RETENTION_DAYS}), got "${raw}"`);
  }
  return Number(raw);
}

/** CHANGE_FEED_KEY, checked; undefined when unset. */
export function changeFeedKey(env: NodeJS.ProcessEnv): string | undefined {
  const key = env.CHANGE_FEED_KEY;
  if (key === undefined || key === "") return undefined;
  if (key.length < CHANGE_FEED_KEY_MIN_LENGTH) {
    throw new ChangeFeedConfigError(`CHANGE_FEED_KEY must be at least ${CHANGE_FEED_KEY_MIN_LENGTH} characters long`);
  }
  return key;
}

/**
 * A service's change-feed settings: CHANGE_FEED_KEY signs the cursors (required in production, the same for every
 * replica of every subgraph; in development a key kept in the data dir), CHANGE_FEED_RETENTION_DAYS how long
 * entries and cursors last (30 by default).
 */
export function changeFeedFromEnv(env: NodeJS.ProcessEnv, development: boolean, dataDir: string): ChangeFeedSettings {
  const retentionDays = changeFeedRetention(env);
  const key = changeFeedKey(env);
  if (key) return { key, retentionDays };
  if (!development) throw new ChangeFeedConfigError("CHANGE_FEED_KEY is required in production (a random secret of 32 characters or more)");
  return { key: ensureChangeFeedKey(dataDir), retentionDays };
}
