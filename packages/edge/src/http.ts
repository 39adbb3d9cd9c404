import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type ApolloServer, type BaseContext, HeaderMap, type HTTPGraphQLRequest } from "@apollo/server";
import { AdmissionAbandoned, AdmissionRefused, type OperationGate } from "./admission.js";
import { describeForLog, type ErrorCode, isUnavailable, type Unavailable } from "./errors.js";

/** What the response headers of every Concert server depend on. */
export interface HeaderSettings {
  /** Adds HSTS. */
  production: boolean;
  /** Origins that browsers may call from; `"*"` allows every origin (development only). */
  corsOrigins: readonly string[] | "*";
}

/** What `GET /healthz` and `GET /readyz` answer: an HTTP status and a small JSON body. */
export interface HealthAnswer {
  status: number;
  body: unknown;
}

/** The liveness and readiness of the service behind the front (see @concert/subgraph-kit's health.ts). */
export interface HealthEndpoints {
  live(): HealthAnswer;
  ready(): Promise<HealthAnswer>;
}

/** How long one connection may take; Node's own defaults let a slow client hold one for 300 s. */
export interface HttpTimeouts {
  /** The whole request, headers and body, must have arrived within this time (HTTP 408, then closed). */
  requestTimeoutMs: number;
  /** The headers must have arrived within this time; at most `requestTimeoutMs`. */
  headersTimeoutMs: number;
  /** An idle keep-alive connection is closed after this time. */
  keepAliveTimeoutMs: number;
}

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, keepAliveTimeoutMs: 5_000 };

/**
 * How often Node checks the request and headers timeouts (its default, 30 s, would let a slow
 * client overstay a 10 s headers timeout by up to 30 s).
 */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

export interface HttpFrontOptions<C extends BaseContext> {
  /** Names the server in logs. */
  name: string;
  port: number;
  host?: string;
  /** Larger request bodies are refused with HTTP 413 before they are parsed. */
  bodyLimitBytes: number;
  headers: HeaderSettings;
  /** `DEFAULT_HTTP_TIMEOUTS` when absent. */
  timeouts?: HttpTimeouts;
  /**
   * Plain HTTP routes (`/metrics`, the IDE, the console), tried in order after the health checks and the
   * security and CORS headers, before any admission check: each answers the request and returns true, or
   * returns false. What no route answers goes to GraphQL at `GRAPHQL_PATH`; any other path is a JSON 404.
   */
  routes?: readonly HttpRoute[];
  /**
   * Runs before the body is read, e.g. to authenticate and rate-limit; throw an `HttpRefusal`
   * to answer the request without any GraphQL work. Headers set on `response` stay on a refusal.
   */
  admit?(request: IncomingMessage, response: ServerResponse): Promise<void>;
  /**
   * Bounds how many GraphQL operations execute at once (the subgraphs'). An operation takes its turn after
   * `admit` and before its body is read, so that one waiting holds nothing but its socket; it hands the turn
   * back once it is answered, or once its work stops after the client went away. Refused turns are 503
   * SERVICE_UNAVAILABLE with `Retry-After` and `extensions.serviceName` = `name`. Health checks, `routes` and
   * CORS preflights never wait.
   */
  gate?: OperationGate;
  context(request: IncomingMessage): Promise<C>;
  /** Answers GET /healthz and /readyz, before any admission check: probes carry no token. */
  health?: HealthEndpoints;
  /** Where an unexpected failure of the front itself is reported; stderr when absent. */
  logError?(description: string): void;
  /** Told of every request answered with a refusal (401, 404, 413, 429, 503…) before any GraphQL work: to log it. */
  onRefusal?(request: IncomingMessage, response: ServerResponse, refusal: HttpRefusal): void;
}

/** Answers a request it recognises and returns true; returns false for anything else. */
export type HttpRoute = (request: IncomingMessage, response: ServerResponse) => boolean | Promise<boolean>;

/** The one path GraphQL answers at, on the gateway and on every subgraph. */
export const GRAPHQL_PATH = "/graphql";

/** The paths every front answers before anything else, without a token: liveness and readiness probes. */
export const HEALTH_PATHS = ["/healthz", "/readyz"] as const;

/**
 * How much of an oversized body is read and thrown away before the 413 goes out. A server that answers and
 * closes while the client is still sending resets the connection, and clients such as Node's `fetch` then see
 * EPIPE instead of the answer; a body declared larger than this is answered at once (curl reads that), and
 * the request timeout bounds how long discarding may take.
 */
export const DISCARD_LIMIT_BYTES = 64 * 1024 * 1024;

export interface RunningHttpFront {
  /** Where GraphQL answers: `http://host:port/graphql`. */
  url: string;
  stop(): Promise<void>;
}

/** A request refused at the HTTP level, answered as a GraphQL error in JSON. */
export class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    /** Besides `code`, e.g. `serviceName`. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** 503 SERVICE_UNAVAILABLE naming the service and when to retry: the server's condition, not the caller's fault. */
export function unavailableRefusal(error: Unavailable): HttpRefusal {
  return new HttpRefusal(
    503,
    "SERVICE_UNAVAILABLE",
    error.message,
    { "retry-after": String(error.retryAfterSeconds) },
    { serviceName: error.serviceName, retryAfterSeconds: error.retryAfterSeconds },
  );
}

const CORS_ALLOWED_HEADERS = "authorization, content-type, apollo-require-preflight, x-apollo-operation-name, x-request-id";

function securityHeaders(res: ServerResponse, settings: HeaderSettings): void {
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("x-frame-options", "DENY");
  res.setHeader("referrer-policy", "no-referrer");
  if (settings.production) res.setHeader("strict-transport-security", "max-age=31536000; includeSubDomains");
}

/** Sets the CORS headers for an allowed origin; true when the request was a preflight, now answered. */
function cors(req: IncomingMessage, res: ServerResponse, settings: HeaderSettings): boolean {
  const origin = req.headers.origin;
  const allowed = origin !== undefined && (settings.corsOrigins === "*" || settings.corsOrigins.includes(origin));
  res.setHeader("vary", "Origin");
  if (allowed) {
    res.setHeader("access-control-allow-origin", settings.corsOrigins === "*" ? "*" : origin);
  }
  if (req.method !== "OPTIONS") return false;
  if (allowed) {
    res.setHeader("access-control-allow-methods", "GET, POST, OPTIONS");
    res.setHeader("access-control-allow-headers", CORS_ALLOWED_HEADERS);
    res.setHeader("access-control-max-age", "600");
  }
  res.statusCode = 204;
  res.end();
  return true;
}

function sendError(res: ServerResponse, refusal: HttpRefusal): void {
  if (res.headersSent) return void res.destroy();
  res.statusCode = refusal.status;
  for (const [name, value] of Object.entries(refusal.headers)) res.setHeader(name, value);
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.end(JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: refusal.code, ...refusal.extensions } }] }));
}

/**
 * The request body as text; an HttpRefusal (413) once it outgrows `limit`. The rest of an oversized body, up
 * to `DISCARD_LIMIT_BYTES`, is read and dropped first, so that the client has finished sending when the
 * answer comes and reads it (see `DISCARD_LIMIT_BYTES`).
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const tooLarge = () =>
    new HttpRefusal(413, "BAD_REQUEST", `request body is larger than the limit of ${limit} bytes`, { connection: "close" });
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > DISCARD_LIMIT_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > DISCARD_LIMIT_BYTES) {
        req.removeAllListeners("data");
        reject(tooLarge());
      } else chunks.length = 0;
    });
    req.on("end", () => (size > limit ? reject(tooLarge()) : resolve(Buffer.concat(chunks).toString("utf8"))));
    req.on("error", reject);
  });
}

function parseBody(req: IncomingMessage, text: string): unknown {
  const type = req.headers["content-type"] ?? "";
  if (!/^application\/(graphql-response\+)?json\b/i.test(type) || text === "") return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpRefusal(400, "BAD_REQUEST", "request body is not valid JSON");
  }
}

/** Seconds a client refused a turn is told to wait: turns come back as soon as operations finish. */
const BUSY_RETRY_AFTER_SECONDS = 1;

/** Waits for a turn of `gate`; leaves the queue if the client goes away first. */
async function takeTurn(gate: OperationGate, res: ServerResponse, serviceName: string): Promise<() => void> {
  const gone = new AbortController();
  res.once("close", () => gone.abort());
  try {
    return await gate.acquire(gone.signal);
  } catch (err) {
    if (!(err instanceof AdmissionRefused)) throw err;
    throw new HttpRefusal(
      503,
      "SERVICE_UNAVAILABLE",
      `service ${serviceName} is at capacity (${err.message}); try again shortly`,
      { "retry-after": String(BUSY_RETRY_AFTER_SECONDS) },
      { serviceName },
    );
  }
}

function headerMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

/**
 * Serves `server` over plain node:http: the one HTTP front of the gateway and every subgraph.
 * It bounds the body, answers malformed requests with JSON errors (never an HTML page), sets the
 * security and CORS headers, and hands the rest to Apollo's `executeHTTPGraphQLRequest`.
 */
export async function serveGraphQL<C extends BaseContext>(
  server: ApolloServer<C>,
  options: HttpFrontOptions<C>,
): Promise<RunningHttpFront> {
  await server.start();
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    securityHeaders(res, options.headers);
    const url = new URL(req.url ?? "/", "http://localhost");
    if (options.health && req.method === "GET" && (HEALTH_PATHS as readonly string[]).includes(url.pathname)) {
      const answer = url.pathname === "/healthz" ? options.health.live() : await options.health.ready();
      res.writeHead(answer.status, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify(answer.body));
      return;
    }
    if (cors(req, res, options.headers)) return;
    for (const route of options.routes ?? []) if (await route(req, res)) return;
    if (url.pathname !== GRAPHQL_PATH) {
      throw new HttpRefusal(404, "NOT_FOUND", `nothing here: GraphQL answers at ${GRAPHQL_PATH}`);
    }
    await options.admit?.(req, res);
    // Held until the operation is answered, or its work stops after the client went away (a body that stops
    // arriving rejects `readBody`; an execution runs to its end): releasing a turn while its work goes on would
    // let abandoned operations pile up, exactly when the gateway gives up on a busy subgraph.
    const release = options.gate ? await takeTurn(options.gate, res, options.name) : undefined;
    try {
      const body = req.method === "POST" ? parseBody(req, await readBody(req, options.bodyLimitBytes)) : undefined;
      const httpGraphQLRequest: HTTPGraphQLRequest = { method: req.method ?? "GET", headers: headerMap(req), search: url.search, body };
      const result = await server.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: () => options.context(req) });
      res.statusCode = result.status ?? 200;
      for (const [name, value] of result.headers) res.setHeader(name, name === "vary" ? `Origin, ${value}` : value);
      if (result.body.kind === "complete") {
        res.end(result.body.string);
        return;
      }
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    } finally {
      release?.();
    }
  };
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const timeouts = options.timeouts ?? DEFAULT_HTTP_TIMEOUTS;
  const http = createServer({ connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS }, (req, res) => {
    inFlight += 1;
    res.once("close", () => {
      inFlight -= 1;
      if (inFlight === 0) drained?.();
    });
    handle(req, res).catch((err: unknown) => {
      const refusal = err instanceof HttpRefusal ? err : isUnavailable(err) ? unavailableRefusal(err) : undefined;
      if (refusal) {
        options.onRefusal?.(req, res, refusal);
        return sendError(res, refusal);
      }
      // it left the queue: nobody to answer
      if (err instanceof AdmissionAbandoned) return;
      // the client went away, or the request timeout closed its connection: no fault of ours, nobody to answer
      if (res.destroyed && (err as NodeJS.ErrnoException | null)?.code === "ECONNRESET") return;
      const description = describeForLog(err);
      if (options.logError) options.logError(description);
      else console.error(`[${options.name}]`, description);
      sendError(res, new HttpRefusal(500, "INTERNAL_SERVER_ERROR", "Internal server error"));
    });
  });
  http.requestTimeout = timeouts.requestTimeoutMs;
  http.headersTimeout = timeouts.headersTimeoutMs;
  http.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port, options.host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const host = options.host && options.host !== "0.0.0.0" && options.host !== "::" ? options.host : "localhost";
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}${GRAPHQL_PATH}`,
    async stop() {
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      // New connections are refused now; the requests already received finish. How long that may take
      // is the caller's to bound (`npm run serve`: SHUTDOWN_TIMEOUT_MS).
      if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve));
      await server.stop();
      http.closeAllConnections();
      await closed;
    },
  };
}
