import { databaseServer } from "@concert/db";
import { ConfigError, systemConfig } from "../config/index.js";
import { DataDirLocked, lockDataDir } from "../data-dir-lock.js";

/** `npm run db`: only the embedded PostgreSQL, for running parts by hand with `npm run serve`. */
async function main(): Promise<void> {
  const config = systemConfig({ ...process.env, DATABASE_URL: "" });
  // The same lock as `npm start`: a start on this directory would otherwise take this server for a leftover.
  const release = lockDataDir(config.dataDir);
  const db = await databaseServer({ dataDir: config.dataDir, port: config.embeddedDatabasePort }).catch((err) => {
    release();
    throw err;
  });
  console.log(`PostgreSQL is running (data in ${config.dataDir}/postgres). For \`npm run migrate\` and \`npm run serve\`:`);
  console.log(`DATABASE_URL=${db.url}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    db.stop().finally(() => {
      release();
      process.exit(0);
    });
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err) => {
  console.error(err instanceof DataDirLocked || err instanceof ConfigError ? err.message : err instanceof Error ? err.message : err);
  process.exit(err instanceof DataDirLocked ? 3 : 1);
});
