/**
 * Preload: `node --require @concert/telemetry/register entry.js`, or `import "@concert/telemetry/register"`
 * as the very first import of an entry point. Starts tracing before `http`, `undici` users and `pg` load.
 * The service name comes from `OTEL_SERVICE_NAME`, else `CONCERT_SERVICE`, else "concert".
 */
import { startTracing } from "./tracing.js";

startTracing({ service: process.env.CONCERT_SERVICE || "concert" });
