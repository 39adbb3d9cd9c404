// First: tracing must patch http, undici and pg before anything loads them.
import "@concert/telemetry/register";
import "reflect-metadata";
import { runningTracing } from "@concert/telemetry";
import { ConfigError, configFromEnv, type SystemConfig } from "../config.js";
import { startSystem } from "../start-system.js";

async function main(): Promise<void> {
  let config: SystemConfig;
  try {
    config = configFromEnv();
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
  const system = await startSystem(config);
  console.log(`Concert is ready: http://localhost:${config.gatewayPort}/graphql`);
  for (const [name, s] of Object.entries(system.subgraphs)) console.log(`  subgraph ${name}: ${s.url}`);
  if (system.metricsUrl) console.log(`  metrics: ${system.metricsUrl}`);
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
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
