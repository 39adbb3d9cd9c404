import { RekeyRefused, rekeyRuleSecrets } from "@concert/alerts";
import { withDatabaseClient } from "@concert/db";
import { ConfigError, rekeySettings } from "../config/index.js";

/**
 * `npm run alerts:rekey`: re-seals every alert rule's signing secret under a new ALERTS_SECRET_KEY, in one transaction,
 * with the old key given once in ALERTS_PREVIOUS_SECRET_KEY (docs/operations.md, "Rotating ALERTS_SECRET_KEY").
 */
async function main(): Promise<void> {
  const { database, previousKey, secretKey } = rekeySettings();
  const outcome = await withDatabaseClient(database.serverUrl, database.dbName, (client) =>
    rekeyRuleSecrets(client, previousKey, secretKey),
  );
  console.log(
    `alerts: re-sealed ${outcome.resealed} rule secret(s) under the new ALERTS_SECRET_KEY in database "${database.dbName}"` +
      (outcome.unchanged > 0 ? `; ${outcome.unchanged} already were` : ""),
  );
}

main().catch((err) => {
  const known = err instanceof ConfigError || err instanceof RekeyRefused;
  console.error(`npm run alerts:rekey: ${known ? err.message : `failed: ${err instanceof Error ? err.message : err}`}`);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
