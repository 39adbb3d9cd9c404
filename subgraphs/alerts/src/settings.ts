import type { UrlRules } from "@concert/webhooks";

/** What the alerts service reads from its configuration (ALERTS_* variables, see system/src/config/). */
export interface AlertsSettings {
  /** AES-256-GCM key that seals the rules' signing secrets (`ALERTS_SECRET_KEY`; development: generated in the data dir). */
  secretKey: Buffer;
  /** https only in production; private addresses only with `ALERTS_ALLOW_PRIVATE_ADDRESSES` (never in production). */
  urlRules: UrlRules;
  /** Tries of one message before it is dead (`ALERTS_MAX_ATTEMPTS`, default 8). */
  maxAttempts: number;
  /** Delay before the first retry, doubled for each later one (`ALERTS_RETRY_DELAY_SECONDS`, default 30). */
  retryDelaySeconds: number;
  /** Each try's time limit, connect to last byte (`ALERTS_DELIVERY_TIMEOUT_MS`, default 10 000). */
  deliveryTimeoutMs: number;
  /** Follow the three change feeds (`ALERTS_FOLLOW_FEEDS`). */
  followFeeds: boolean;
  /** Pause between two polls of a feed that had nothing new (`ALERTS_FEED_POLL_MS`, default 5 000). */
  feedPollMs: number;
}

export const DEFAULT_ALERTS_SETTINGS: AlertsSettings = {
  secretKey: Buffer.alloc(32),
  urlRules: { httpsOnly: true, allowPrivateAddresses: false },
  maxAttempts: 8,
  retryDelaySeconds: 30,
  deliveryTimeoutMs: 10_000,
  followFeeds: true,
  feedPollMs: 5_000,
};
