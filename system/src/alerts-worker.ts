import { type AlertsSettings, type AlertsWorker, type FeedName, startAlertsWorker } from "@concert/alerts";
import type { PartnerDirectory } from "@concert/auth";
import type { SubgraphRunOptions } from "@concert/subgraph-kit/server";
import type { JWK } from "jose";

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
