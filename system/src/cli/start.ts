// First: tracing must patch http, undici and pg before anything loads them.
import "@concert/telemetry/register";
import "reflect-metadata";
import { existsSync } from "node:fs";
import { runningTracing } from "@concert/telemetry";
import { CONSOLE_DIST, ConfigError, type SystemConfig, systemConfig } from "../config/index.js";
import { DataDirLocked } from "../data-dir-lock.js";
import { StartFailed, startSupervised } from "../supervisor.js";

async function main(): Promise<void> {
  let config: SystemConfig;
  try {
    config = systemConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  console.log(
    config.databaseUrl
      ? "Using the PostgreSQL server of DATABASE_URL"
      : `Starting embedded PostgreSQL (data in ${config.dataDir}/postgres)`,
  );
  const system = await startSupervised(config);
  console.log(`Concert is ready: http://localhost:${config.gatewayPort}/graphql`);
  console.log(
    `  console: http://localhost:${config.gatewayPort}/console/${existsSync(CONSOLE_DIST) ? "" : " (not built: no console/dist)"}`,
  );
  for (const [name, port] of Object.entries(config.subgraphPorts)) console.log(`  subgraph ${name}: http://127.0.0.1:${port}/graphql`);
  console.log(`  exchange (TAXII 2.1 discovery): http://localhost:${config.exchangePort}/taxii2/`);
  console.log(
    config.development ? "Development mode: `npm run token -- --partner USA --role analyst` prints a token." : "Production mode.",
  );
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    system
      .stop()
      .then(() => runningTracing().shutdown())
      .then(
        () => process.exit(0),
        (err) => {
          console.error(err);
          process.exit(1);
        },
      );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((err) => {
  const known = err instanceof DataDirLocked || err instanceof StartFailed;
  console.error(known ? err.message : err instanceof Error ? err.message : err);
  process.exit(known ? 3 : 1);
});
