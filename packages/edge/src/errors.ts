import { GraphQLError, type GraphQLFormattedError } from "graphql";

/**
 * Every `extensions.code` a client can get, with the HTTP status it comes with. docs/limits.md
 * documents each; a code not listed here never reaches a client.
 */
export const ERROR_STATUS = {
  /** No token, or a bad one (401); or a field that needs a signed-in caller (200, beside the other fields). */
  UNAUTHENTICATED: 401,
  FORBIDDEN: 200,
  BAD_USER_INPUT: 200,
  /** A record that does not exist (200); or, with 404, a path that is neither /graphql nor a health check. */
  NOT_FOUND: 200,
  CONFLICT: 200,
  /** A change-feed cursor that can no longer be followed (forged, expired, another database's, or the caller's access changed). */
  RESYNC_REQUIRED: 200,
  /** The document is not GraphQL, or has more tokens than the limit. */
  GRAPHQL_PARSE_FAILED: 400,
  /** The document does not fit the schema, or exceeds a depth, alias, directive or cost limit. */
  GRAPHQL_VALIDATION_FAILED: 400,
  /** The HTTP request itself: malformed JSON, too large a body, an unknown operationName, a subscription. */
  BAD_REQUEST: 400,
  PERSISTED_QUERY_NOT_FOUND: 200,
  OPERATION_RESOLUTION_FAILURE: 400,
  RATE_LIMITED: 429,
  /**
   * A subgraph is down or did not answer in time, or its database is unreachable; `extensions.serviceName` names it at the
   * gateway. A subgraph at capacity answers it itself with HTTP 503 (see admission.ts).
   */
  SERVICE_UNAVAILABLE: 200,
  INTERNAL_SERVER_ERROR: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The error codes partners can rely on. */
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

/** Extensions never shown: an upstream `response` holds internal URLs and bodies. */
const HIDDEN_EXTENSIONS = new Set(["stacktrace", "exception", "response", "http"]);

/** Longest message shown to a client or written to a log: a coercion error can echo a megabyte variable. */
export const MAX_MESSAGE_LENGTH = 1000;

export function truncate(text: string, max = MAX_MESSAGE_LENGTH): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

export function badUserInput(field: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", field } });
}

/** A mistake found before execution, so the whole request is refused with HTTP 400. */
export function refusedInput(field: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", field, http: { status: 400 } } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "FORBIDDEN" } });
}

/** `what` is e.g. "RiskAssessment 42": a record that is missing and one the caller may not see look the same. */
export function notFound(what: string): GraphQLError {
  return new GraphQLError(`${what} not found`, { extensions: { code: "NOT_FOUND" } });
}

export function conflict(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "CONFLICT", ...extensions } });
}

/**
 * A field that needs a signed-in caller. It answers HTTP 200 so that the other fields of the
 * same request are still served; a bad token is `tokenRejected` (401) instead, and so is a
 * whole operation refused before execution (`status` 401).
 */
export function unauthenticated(message: string, status?: 401): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED", ...(status ? { http: { status } } : {}) } });
}

/** A token that does not verify: the whole request is refused with HTTP 401. */
export function tokenRejected(message: string): GraphQLError {
  return new GraphQLError(`Token rejected: ${message}`, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
}

/** A document refused before any work, e.g. over a limit: HTTP 400, GRAPHQL_VALIDATION_FAILED. */
export function validationFailed(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "GRAPHQL_VALIDATION_FAILED", http: { status: 400 } } });
}

/** A request that names no operation to run: HTTP 400, BAD_REQUEST. */
export function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_REQUEST", http: { status: 400 } } });
}

export function serviceUnavailable(serviceName: string, message: string, path?: readonly (string | number)[]): GraphQLFormattedError {
  return { message, path, extensions: { code: "SERVICE_UNAVAILABLE", serviceName } };
}

/** SQLSTATE classes and codes that mean the server is gone or refusing connections, not that a statement is wrong. */
const UNREACHABLE_SQLSTATE = /^(08|57P0[1-3]|53300)/;
const UNREACHABLE_ERRNO = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "ENOTFOUND"]);
const UNREACHABLE_MESSAGE =
  /Connection terminated|Timeout acquiring a connection|connect ECONNREFUSED|Client has encountered a connection error|the database system is (shutting down|starting up)/i;

/**
 * Whether `error` (or anything in its `cause` chain) says that PostgreSQL cannot be reached: MikroORM's
 * ConnectionException, a socket refused or reset, a connection the server terminated, or the pool giving
 * up waiting for one. Judged by shape, so that the edge depends on no database driver.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (let e = error, depth = 0; typeof e === "object" && e !== null && depth < 8; depth++) {
    const { name, code, message } = e as { name?: unknown; code?: unknown; message?: unknown };
    if (name === "ConnectionException") return true;
    if (typeof code === "string" && (UNREACHABLE_ERRNO.has(code) || (code.length === 5 && UNREACHABLE_SQLSTATE.test(code)))) return true;
    if (typeof message === "string" && UNREACHABLE_MESSAGE.test(message)) return true;
    e = (e as { cause?: unknown; previous?: unknown }).cause ?? (e as { previous?: unknown }).previous;
  }
  return false;
}

/**
 * A server condition the client may retry, raised outside GraphQL (the partner registry that cannot be read):
 * any error with `code: "SERVICE_UNAVAILABLE"`, a `serviceName` and `retryAfterSeconds`, judged by shape.
 */
export interface Unavailable {
  code: "SERVICE_UNAVAILABLE";
  serviceName: string;
  retryAfterSeconds: number;
  message: string;
}

export function isUnavailable(error: unknown): error is Unavailable {
  const e = error as Partial<Unavailable> | null;
  return typeof e === "object" && e !== null && e.code === "SERVICE_UNAVAILABLE" && typeof e.serviceName === "string";
}

/** One line for a log: the name, the message cut to a sane length, and the stack frames. */
export function describeForLog(error: unknown): string {
  // DOMExceptions (an aborted fetch) are not always `instanceof Error`: judge by shape
  if (typeof error !== "object" || error === null || typeof (error as Error).message !== "string") {
    return truncate(typeof error === "string" ? error : (JSON.stringify(error) ?? String(error)));
  }
  const frames = ((error as Error).stack ?? "")
    .split("\n")
    .filter((line) => line.startsWith("    at "))
    .slice(0, 10);
  const { name, message, cause } = error as Error;
  return [`${name}: ${truncate(message)}`, ...frames].join("\n") + (cause ? `\n  caused by: ${describeForLog(cause)}` : "");
}

/**
 * Lets through errors we raised on purpose, GraphQL's own request errors and a subgraph's refusals
 * (keeping their code, `path` and `serviceName`); masks everything else (no stack traces, SQL,
 * internal URLs or upstream bodies) and reports it to `log`.
 */
export function maskErrors(
  log: (description: string) => void = (d) => console.error(d),
  options: {
    /** A subgraph's: an unreachable database is SERVICE_UNAVAILABLE, not an internal error. */
    database?: boolean;
  } = {},
) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    const serviceName = typeof formatted.extensions?.serviceName === "string" ? formatted.extensions.serviceName : undefined;
    const known = typeof code === "string" && code in ERROR_STATUS;
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    const raisedOnPurpose = original instanceof GraphQLError;
    // A subgraph's error reaches the gateway as a plain object: the subgraph has already masked it.
    const fromSubgraph = serviceName !== undefined && !(original instanceof Error);
    if (known && (code !== "INTERNAL_SERVER_ERROR" || raisedOnPurpose)) {
      const extensions = Object.fromEntries(Object.entries(formatted.extensions ?? {}).filter(([k]) => !HIDDEN_EXTENSIONS.has(k)));
      return { message: truncate(formatted.message), locations: formatted.locations, path: formatted.path, extensions };
    }
    if (isUnavailable(original)) {
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: "SERVICE_UNAVAILABLE", serviceName: original.serviceName, retryAfterSeconds: original.retryAfterSeconds },
      };
    }
    if (options.database && !raisedOnPurpose && isDatabaseUnreachable(original)) {
      log(describeForLog(original));
      // The gateway adds this subgraph's name as `serviceName` when it passes the error on.
      return {
        message: "The database is unavailable; try again shortly",
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: "SERVICE_UNAVAILABLE" },
      };
    }
    if (!fromSubgraph || code !== "INTERNAL_SERVER_ERROR") log(describeForLog(original ?? formatted.message));
    return {
      message: serviceName ? `Internal server error in service ${serviceName}` : "Internal server error",
      locations: formatted.locations,
      path: formatted.path,
      extensions: serviceName ? { code: "INTERNAL_SERVER_ERROR", serviceName } : { code: "INTERNAL_SERVER_ERROR" },
    };
  };
}
