import "reflect-metadata";
import { MigrationsBehind } from "@concert/db";
import { ConfigError, envPrefix, SERVICE_NAMES, type ServiceName, type ServiceSettings, serviceSettings } from "../config/index.js";
import { type RunningPart, startPart } from "../serve.js";

const USAGE = `usage: npm run serve -- <${SERVICE_NAMES.join("|")}>`;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

/**
 * Stops accepting, lets the requests in flight finish for up to `timeoutMs`, and exits:
 * 0 when everything drained in time, 1 otherwise.
 */
function stopOnSignals(name: string, part: RunningPart, timeoutMs: number): void {
  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${name}: ${reason}, draining (up to ${timeoutMs} ms)…`);
    const deadline = new Promise<"late">((r) => setTimeout(() => r("late"), timeoutMs).unref());
    Promise.race([part.stop().then(() => "drained" as const), deadline]).then(
      (outcome) => {
        if (outcome === "late")
          console.error(`${name}: requests still running after ${timeoutMs} ms (SHUTDOWN_TIMEOUT_MS); exiting anyway`);
        process.exit(outcome === "late" ? 1 : 0);
      },
      (err) => fail(`${name}: ${err instanceof Error ? err.message : err}`),
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  // Under `npm start`: the supervisor's exit, even a SIGKILL, closes the IPC channel. Leave with it.
  process.on("disconnect", () => stop("supervisor gone"));
}

/** `npm run serve -- <service>`: one built part in the foreground, configured by environment variables only. */
async function main(): Promise<void> {
  const name = process.argv[2] as ServiceName;
  if (!SERVICE_NAMES.includes(name)) fail(USAGE, 2);
  let settings: ServiceSettings;
  try {
    // Under `npm start` the part has the supervisor's IPC channel.
    settings = serviceSettings(name, process.env, { supervised: process.send !== undefined });
  } catch (err) {
    if (err instanceof ConfigError) fail(`${name}: ${err.message}`, 2);
    throw err;
  }
  const portInUse = (err: unknown) => {
    if ((err as { code?: string }).code !== "EADDRINUSE") return;
    fail(
      `${name}: port ${settings.port} is in use${settings.host ? ` on ${settings.host}` : ""}; stop what holds it or set PORT (or ${envPrefix(name)}_PORT)`,
      3,
    );
  };
  // Apollo's standalone server leaves a listen error unhandled: it arrives here rather than as a rejection.
  const onUncaught = (err: Error) => {
    portInUse(err);
    fail(`${name}: ${err.stack ?? err.message}`);
  };
  process.on("uncaughtException", onUncaught);
  let part: RunningPart;
  try {
    part = await startPart(settings);
  } catch (err) {
    portInUse(err);
    if (err instanceof MigrationsBehind) fail(`${name}: refusing to serve: ${err.message}`, 4);
    throw err;
  }
  process.off("uncaughtException", onUncaught);
  console.log(`${name}: serving ${part.url}`);
  stopOnSignals(name, part, settings.shutdownTimeoutMs);
  process.send?.({ type: "ready", url: part.url });
}

main().catch((err) => fail(`${process.argv[2]}: ${err instanceof Error ? err.message : err}`));
