import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpRefusal } from "@concert/edge";
import { fromGateway, handleCsv, TaxiiError } from "@concert/exchange";
import type { ConsoleAuth } from "./auth.js";

/** Where people download CSV on the API's origin: the exchange's `/csv/…` paths (docs/integrators.md) under this prefix. */
export const DOWNLOADS_PATH = "/downloads/csv/";

/** This gateway's own GraphQL endpoint, at the address the request came in on (reachable, whatever the listen host). */
function selfUrl(req: IncomingMessage): string {
  const address = (req.socket.localAddress ?? "127.0.0.1").replace(/^::ffff:/, "");
  return `http://${address.includes(":") ? `[${address}]` : address}:${req.socket.localPort}/graphql`;
}

function refuse(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/**
 * CSV downloads for people signed in to the console (issue 28): the same files as the exchange's, made by
 * `@concert/exchange`'s `csvDownload` with the caller's own credentials (the session's token or a Bearer token),
 * asked of this gateway, so they hold exactly what that caller's GraphQL queries would.
 */
export function downloadsRoute(auth: ConsoleAuth): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (!url.pathname.startsWith(DOWNLOADS_PATH)) return false;
    (async () => {
      if (req.method !== "GET") return refuse(res, 405, "BAD_REQUEST", "downloads are read with GET", { allow: "GET" });
      const { authorization } = await auth.credentials(req);
      // As at the exchange, a download names who asked: anonymous visitors read the pages, not the files.
      if (!authorization) return refuse(res, 401, "UNAUTHENTICATED", "sign in to download");
      const csv = new URL(`/csv/${url.pathname.slice(DOWNLOADS_PATH.length)}${url.search}`, url);
      await handleCsv(req, res, csv, authorization, selfUrl(req));
    })().catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (err instanceof HttpRefusal) return refuse(res, err.status, err.code, err.message, err.headers);
      const error = err instanceof TaxiiError ? err : isGatewayError(err) ? fromGateway(err) : null;
      if (error)
        return refuse(
          res,
          error.status,
          error.errorCode ?? (error.status === 404 ? "NOT_FOUND" : "BAD_REQUEST"),
          error.description ?? error.title,
        );
      refuse(res, 500, "INTERNAL_SERVER_ERROR", "Internal server error");
    });
    return true;
  };
}

function isGatewayError(err: unknown): err is Parameters<typeof fromGateway>[0] {
  return err instanceof Error && "httpStatus" in err && "code" in err;
}
