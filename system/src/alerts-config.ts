import { join } from "node:path";
import { type AlertsSettings, type AlertsWorker, DEFAULT_ALERTS_SETTINGS, type FeedName, startAlertsWorker } from "@concert/alerts";
import type { PartnerDirectory } from "@concert/auth";
import type { SubgraphRunOptions } from "@concert/subgraph-kit";
import { ensureSecretKeyFile, parseSecretKey } from "@concert/webhooks";
import type { JWK } from "jose";
import { z } from "zod";

const unset = (v: unknown) => (v === "" ? undefined : v);
const flag = z.preprocess(unset, z.enum(["0", "1", "true", "false"], { error: "must be 1 or 0" }).optional());
const int = (min: number, max: number) =>
  z.preprocess(
    unset,
    z.coerce
      .number({ error: `must be a whole number (${min}–${max})` })
      .int()
      .min(min)
      .max(max)
      .optional(),
  );

/** The alerts service's own variables (besides its port, database and the subgraphs' URLs). */
export const ALERTS_ENV_FIELDS = {
  /** 32 bytes in base64: the key that seals the rules' signing secrets. Required in production. */
  ALERTS_SECRET_KEY: z.preprocess(unset, z.string().optional()),
  /** Tests only: webhooks may reach loopback and private addresses. Refused in production. */
  ALERTS_ALLOW_PRIVATE_ADDRESSES: flag,
  ALERTS_MAX_ATTEMPTS: int(1, 50),
  ALERTS_RETRY_DELAY_SECONDS: int(0, 86_400),
  ALERTS_DELIVERY_TIMEOUT_MS: int(100, 120_000),
  /** 0: do not follow the change feeds (the queue still delivers). */
  ALERTS_FOLLOW_FEEDS: flag,
  ALERTS_FEED_POLL_MS: int(100, 3_600_000),
};

const on = (v: unknown) => v === "1" || v === "true";

/**
 * The alerts settings from parsed `ALERTS_*` values. Development: the secrets' key is generated under the data
 * directory (`alerts/secret-key`) when not given; http URLs are allowed. Production: https only, the key is required,
 * and private addresses can never be allowed. Returns the problems instead when there are any.
 */
export function alertsSettingsFrom(
  values: Record<string, unknown>,
  { development, dataDir }: { development: boolean; dataDir: string },
): AlertsSettings | string[] {
  const problems: string[] = [];
  let secretKey: Buffer | undefined;
  const raw = values.ALERTS_SECRET_KEY as string | undefined;
  if (raw) {
    try {
      secretKey = parseSecretKey(raw, "ALERTS_SECRET_KEY");
    } catch (err) {
      problems.push((err as Error).message);
    }
  } else if (development) secretKey = ensureSecretKeyFile(join(dataDir, "alerts", "secret-key"));
  else problems.push("ALERTS_SECRET_KEY is required in production (32 bytes in base64)");
  const allowPrivate = on(values.ALERTS_ALLOW_PRIVATE_ADDRESSES);
  if (allowPrivate && !development) problems.push("ALERTS_ALLOW_PRIVATE_ADDRESSES is for tests only and refused in production");
  if (problems.length > 0 || !secretKey) return problems;
  const d = DEFAULT_ALERTS_SETTINGS;
  return {
    secretKey,
    urlRules: { httpsOnly: !development, allowPrivateAddresses: allowPrivate },
    maxAttempts: (values.ALERTS_MAX_ATTEMPTS as number | undefined) ?? d.maxAttempts,
    retryDelaySeconds: (values.ALERTS_RETRY_DELAY_SECONDS as number | undefined) ?? d.retryDelaySeconds,
    deliveryTimeoutMs: (values.ALERTS_DELIVERY_TIMEOUT_MS as number | undefined) ?? d.deliveryTimeoutMs,
    followFeeds: values.ALERTS_FOLLOW_FEEDS === undefined ? d.followFeeds : on(values.ALERTS_FOLLOW_FEEDS),
    feedPollMs: (values.ALERTS_FEED_POLL_MS as number | undefined) ?? d.feedPollMs,
  };
}

/**
 * The alerts worker as a subgraph's `background` (undefined for the other subgraphs): the queue in the alerts
 * database itself, and the follower of the three feeds at `feedUrls` with a service token.
 */
export function alertsWorker(
  name: string,
  options: {
    database: { serverUrl: string; dbName: string };
    directory?: PartnerDirectory;
    settings?: AlertsSettings;
    feedUrls: Partial<Record<FeedName | "alerts", string>>;
    /** The service issuer's private key, or the development data directory holding it. */
    serviceKey?: JWK | string;
  },
): ((...args: Parameters<NonNullable<SubgraphRunOptions["background"]>>) => Promise<AlertsWorker>) | undefined {
  if (name !== "alerts" || !options.directory || !options.settings) return undefined;
  const { directory, settings } = options;
  const url = new URL(options.database.serverUrl);
  url.pathname = `/${options.database.dbName}`;
  const { risk, peacekeeping, engagements } = options.feedUrls;
  return (orm, logger) =>
    startAlertsWorker({
      orm,
      databaseUrl: url.toString(),
      directory,
      settings,
      logger,
      feedUrls: { risk, peacekeeping, engagements },
      serviceKey: options.serviceKey,
    });
}
