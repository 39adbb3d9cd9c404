import pino, { type DestinationStream, type Logger } from "pino";
import { currentTraceId } from "./tracing.js";

export type { DestinationStream as LogDestination, Logger } from "pino";

export interface LoggerOptions {
  service: string;
  /** Pretty, coloured lines for a terminal instead of JSON. */
  development?: boolean;
  /** `LOG_LEVEL`, else "info". */
  level?: string;
  /** Where lines go; stdout when absent. Tests pass a stream to read them back. */
  destination?: DestinationStream;
}

const CENSOR = "[redacted]";

/**
 * Paths that may carry a credential or a client's data. Callers should not log such objects at all;
 * this is the net under them. `variables` covers GraphQL variables wherever they are nested.
 */
export const REDACTED_PATHS = [
  "authorization",
  "token",
  "accessToken",
  "password",
  "secretKey",
  "cookie",
  "variables",
  "headers.authorization",
  "headers.cookie",
  "req.headers.authorization",
  "req.headers.cookie",
  "request.headers.authorization",
  "request.http.headers.authorization",
  "*.authorization",
  "*.token",
  "*.password",
  "*.secretKey",
  "*.variables",
  "*.headers.authorization",
  "*.request.variables",
];

const JWT = /\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;
const BEARER = /\bBearer\s+[^\s"',]+/gi;
/** `scheme://user:password@host`: the password goes. */
const URL_CREDENTIALS = /(\b[a-z][\w+.-]*:\/\/[^:/\s@]*:)[^@\s]+@/gi;
const MAX_TEXT = 1_000;
const MAX_FRAMES = 10;
const MAX_CAUSES = 4;

/** Text that may name a credential (a bearer token, a JWT, a password in a URL), with the credential cut out. */
export function scrub(text: string): string {
  const cut = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
  return cut.replace(BEARER, "Bearer [redacted]").replace(JWT, "[token]").replace(URL_CREDENTIALS, "$1[redacted]@");
}

/** What a log line says of an error: never the objects it carries (a database client, a request, their keys). */
export interface SerializedError {
  type: string;
  message: string;
  /** A driver's or the system's code (`ECONNREFUSED`, a SQLSTATE), when it has one. */
  code?: string | number;
  stack?: string;
  cause?: SerializedError;
}

/**
 * The one way an error is written to a log: its type, message and code, its stack frames and its causes, each
 * scrubbed of credentials. Every other property is left out, whatever it holds: a pg error's client (with its
 * connection parameters and the backend's cancel key), a request with its headers, an upstream body.
 */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (typeof error !== "object" || error === null) return { type: typeof error, message: scrub(String(error)) };
  const { name, message, code, stack, cause } = error as {
    name?: unknown;
    message?: unknown;
    code?: unknown;
    stack?: unknown;
    cause?: unknown;
  };
  const serialized: SerializedError = {
    type: typeof name === "string" ? name : (error.constructor?.name ?? "Error"),
    message: scrub(typeof message === "string" ? message : ""),
  };
  if (typeof code === "string" || typeof code === "number") serialized.code = typeof code === "string" ? scrub(code) : code;
  if (typeof stack === "string") {
    const frames = stack
      .split("\n")
      .filter((line) => line.startsWith("    at "))
      .slice(0, MAX_FRAMES);
    if (frames.length > 0) serialized.stack = scrub(frames.join("\n"));
  }
  if (cause !== undefined && depth < MAX_CAUSES) serialized.cause = serializeError(cause, depth + 1);
  return serialized;
}

/** The process's root logger for one service: JSON lines with `service`, or pretty lines in development. */
export function createLogger(options: LoggerOptions): Logger {
  const settings: pino.LoggerOptions = {
    level: options.level ?? "info",
    base: { service: options.service },
    redact: { paths: REDACTED_PATHS, censor: CENSOR },
    // pino's own would write every enumerable property of an error, client objects and all.
    serializers: { err: serializeError, error: serializeError },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  if (options.destination) return pino(settings, options.destination);
  if (options.development) {
    // Loaded only here: production never pays for the pretty printer. Synchronous, so lines are never lost on exit.
    // One line per entry: a block per entry pushed `npm start`'s banner off the screen.
    const pretty = require("pino-pretty") as typeof import("pino-pretty");
    return pino(settings, pretty({ sync: true, colorize: process.stdout.isTTY, ignore: "pid,hostname", singleLine: true }));
  }
  return pino(settings);
}

export interface RequestFields {
  requestId: string;
  /** The caller's partner code, when the request carried a valid token. */
  partner?: string | null;
  /** The caller's subject (`sub`), when known. */
  subject?: string | null;
  /** The trace id; the active span's when absent. */
  traceId?: string;
}

/** A child logger whose every line carries the request id, and the partner, subject and trace id where known. */
export function requestLogger(base: Logger, fields: RequestFields): Logger {
  const bindings: Record<string, string> = { requestId: fields.requestId };
  if (fields.partner) bindings.partner = fields.partner;
  if (fields.subject) bindings.subject = fields.subject;
  const traceId = fields.traceId ?? currentTraceId();
  if (traceId) bindings.traceId = traceId;
  return base.child(bindings);
}

/** Apollo Server's `logger` option, writing to pino. */
export function apolloLogger(logger: Logger): {
  debug(m?: unknown): void;
  info(m?: unknown): void;
  warn(m?: unknown): void;
  error(m?: unknown): void;
} {
  const write = (level: "debug" | "info" | "warn" | "error") => (message?: unknown) => {
    if (message instanceof Error) logger[level]({ err: message }, message.message);
    else logger[level](String(message));
  };
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}
