import { join } from "node:path";
import { type RunningPostgres, startEmbeddedPostgres } from "./embedded-postgres.js";

/**
 * The PostgreSQL server the system uses: the one `DATABASE_URL` names, or an embedded one,
 * persistent under `<dataDir>/postgres` when `dataDir` is given, throwaway otherwise.
 */
export async function databaseServer(options: { databaseUrl?: string; dataDir?: string; port?: number }): Promise<RunningPostgres> {
  if (options.databaseUrl) return { url: options.databaseUrl, stop: async () => {} };
  return startEmbeddedPostgres({
    persistentDir: options.dataDir ? join(options.dataDir, "postgres") : undefined,
    port: options.port,
  });
}
