import type { HttpRoute } from "@concert/edge";
import type { ConsoleAuth } from "./auth.js";
import { downloadsRoute } from "./downloads.js";
import { consoleStaticRoute } from "./static.js";

/** The console's routes: its files (when built), `/` to it, `/auth/*` and CSV downloads; kept apart from the gateway's own routing. */
export function consoleRoutes(distDir: string | undefined, auth: ConsoleAuth): HttpRoute[] {
  return [...(distDir ? [consoleStaticRoute(distDir)] : []), auth.route(), downloadsRoute(auth)];
}
