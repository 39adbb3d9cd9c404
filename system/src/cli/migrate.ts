import "reflect-metadata";
import { migrateSessionDatabase } from "@concert/gateway";
import { ConfigError, migrateSettings } from "../config/index.js";
import { migrateAll } from "../migrate.js";

/** `npm run migrate`: applies every subgraph's migrations, seeds reference (and, if asked, demo) data, and exits. */
async function main(): Promise<void> {
  const settings = migrateSettings();
  const applied = await migrateAll(settings.databases, { demoData: settings.demoData });
  for (const [name, migrations] of Object.entries(applied)) {
    const db = settings.databases[name as keyof typeof settings.databases];
    console.log(
      migrations.length > 0
        ? `${name}: applied ${migrations.length} migration(s) to database "${db.dbName}"`
        : `${name}: database "${db.dbName}" is up to date`,
    );
  }
  if (settings.gateway) {
    const gateway = await migrateSessionDatabase(settings.gateway);
    console.log(
      gateway.length > 0
        ? `gateway: applied ${gateway.length} migration(s) to database "${settings.gateway.dbName}" (console sessions)`
        : `gateway: database "${settings.gateway.dbName}" is up to date`,
    );
  }
  if (settings.demoData) console.log("Demo data seeded (CONCERT_DEMO_DATA=1).");
}

main().catch((err) => {
  console.error(
    err instanceof ConfigError ? `npm run migrate: ${err.message}` : `npm run migrate failed: ${err instanceof Error ? err.message : err}`,
  );
  process.exit(err instanceof ConfigError ? 2 : 1);
});
