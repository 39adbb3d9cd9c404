import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createLogger, type LogDestination } from "@concert/telemetry";
import { handleCsv } from "./csv.js";
import { askGateway, GatewayError } from "./records.js";
import { fromGateway, handleTaxii, sendError, TaxiiError } from "./taxii.js";

/** How the exchange turns an exchange key (HTTP Basic) into its partner's identity. */
export interface ExchangeKeySettings {
  /** Engagements' /graphql, reached straight (it owns the keys): `grantExchangeKey` is not on the gateway. */
  engagementsUrl: string;
  /** A service token naming "exchange", for engagements. */
  serviceToken(): Promise<string>;
  /** A short-lived `viewer` token for the partner, with the subject `exchange-key:<id>`, from an issuer the gateway trusts. */
  partnerToken(partner: string, keyId: string): Promise<string>;
  /**
   * The partners the exchange's issuer may act for (its entry among the trusted issuers); a key of any other partner
   * is refused here, as its token would be by the gateway. Absent: the development issuer, which speaks for all.
   */
  partners?: readonly string[];
}

export interface ExchangeOptions {
  /** The gateway's GraphQL URL: every answer is the gateway's, asked with the caller's own token. */
  gatewayUrl: string;
  port: number;
  host?: string;
  development?: boolean;
  logLevel?: string;
  logDestination?: LogDestination;
  /** Exchange keys; without them, HTTP Basic is refused and only Bearer tokens are accepted. */
  keys?: ExchangeKeySettings;
}

export interface RunningExchange {
  /** `http://host:port`. */
  url: string;
  /** The TAXII discovery URL, ending in /taxii2/. */
  discoveryUrl: string;
  stop(): Promise<void>;
}

const CHALLENGE = { "WWW-Authenticate": 'Basic realm="Concert exchange", Bearer realm="Concert exchange"' };

/** The caller's credentials as the gateway takes them: a partner's Bearer token unchanged, or an exchange key's identity. */
async function authorizationOf(req: IncomingMessage, keys: ExchangeKeySettings | undefined): Promise<string> {
  const header = req.headers.authorization;
  if (header && /^Basic\s/i.test(header)) {
    if (!keys)
      throw new TaxiiError(
        401,
        "Unauthenticated",
        "Exchange keys are not accepted here: send a partner's Bearer token.",
        "UNAUTHENTICATED",
      );
    const decoded = Buffer.from(header.replace(/^Basic\s+/i, ""), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    const grant = colon > 0 ? await grantOf(keys, decoded.slice(0, colon), decoded.slice(colon + 1)) : null;
    if (!grant) throw new TaxiiError(401, "Unauthenticated", "The exchange key is unknown, expired or revoked.", "UNAUTHENTICATED");
    if (keys.partners && !keys.partners.includes(grant.partner))
      throw new TaxiiError(
        403,
        "Forbidden",
        "This exchange may not act for the key's partner: its issuer is not configured for it. Ask the operator.",
        "FORBIDDEN",
      );
    return `Bearer ${await keys.partnerToken(grant.partner, grant.keyId)}`;
  }
  if (!header || !/^Bearer\s+\S+$/i.test(header)) {
    throw new TaxiiError(
      401,
      "Unauthenticated",
      "Send an exchange key (HTTP Basic: key id and secret) or a partner's Bearer token.",
      "UNAUTHENTICATED",
    );
  }
  return header;
}

/** Asks engagements whom a key speaks for; every ask is audited there. */
async function grantOf(keys: ExchangeKeySettings, id: string, secret: string): Promise<{ partner: string; keyId: string } | null> {
  const data = await askGateway<{ grantExchangeKey: { partner: string; keyId: string } | null }>(
    keys.engagementsUrl,
    `Bearer ${await keys.serviceToken()}`,
    "mutation($id: ID!, $secret: String!) { grantExchangeKey(id: $id, secret: $secret) { partner keyId } }",
    { id: id.slice(0, 100), secret: secret.slice(0, 200) },
  );
  return data.grantExchangeKey;
}

/**
 * Starts the exchange service: TAXII 2.1 (read-only) under /taxii2/ and /concert/, CSV downloads under /csv/, and
 * /healthz, /readyz. It owns no data: it asks the gateway, as the caller, for everything it serves.
 */
export async function startExchange(options: ExchangeOptions): Promise<RunningExchange> {
  const log = createLogger({
    service: "exchange",
    development: options.development,
    level: options.logLevel,
    destination: options.logDestination,
  });
  let baseUrl = "";
  const server = createServer((req, res) => {
    void route(req, res).catch((err) => {
      log.error({ err }, "exchange request failed");
      if (!res.headersSent) sendError(res, new TaxiiError(500, "Internal error"));
      else res.destroy();
    });
  });
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://exchange.invalid");
    if (url.pathname === "/healthz") return void res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
    if (url.pathname === "/readyz") {
      const ok = await fetch(options.gatewayUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"query":"{ __typename }"}',
        signal: AbortSignal.timeout(2_000),
      })
        .then((r) => r.ok)
        .catch(() => false);
      res.writeHead(ok ? 200 : 503, { "content-type": "application/json" });
      return void res.end(JSON.stringify({ status: ok ? "ok" : "unavailable", checks: { gateway: ok ? "ok" : "unreachable" } }));
    }
    try {
      const authorization = await authorizationOf(req, options.keys);
      if (url.pathname.startsWith("/csv/")) return await handleCsv(req, res, url, authorization, options.gatewayUrl);
      // TAXII's URLs are absolute: name this service as the client reached it (behind a proxy, by its Host).
      const reached =
        req.headers.host && /^[\w.:[\]-]{1,255}$/.test(req.headers.host)
          ? `${req.headers["x-forwarded-proto"] === "https" ? "https" : "http"}://${req.headers.host}`
          : baseUrl;
      await handleTaxii(req, res, url, authorization, { gatewayUrl: options.gatewayUrl, baseUrl: () => reached });
    } catch (err) {
      const error = err instanceof GatewayError ? fromGateway(err) : err instanceof TaxiiError ? err : null;
      if (!error) throw err;
      if (res.headersSent) return void res.destroy();
      sendError(res, error, error.status === 401 ? CHALLENGE : {});
    }
  }
  // Longer than clients' idle keep-alive, so that a client never reuses a connection the server is closing.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address === "0.0.0.0" ? "127.0.0.1" : address.address;
  baseUrl = `http://${host}:${address.port}`;
  log.info({ url: `${baseUrl}/taxii2/` }, "exchange ready");
  return {
    url: baseUrl,
    discoveryUrl: `${baseUrl}/taxii2/`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
