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
  "*.variables",
  "*.headers.authorization",
  "*.request.variables",
];

/** The process's root logger for one service: JSON lines with `service`, or pretty lines in development. */
export function createLogger(options: LoggerOptions): Logger {
  const settings: pino.LoggerOptions = {
    level: options.level ?? "info",
    base: { service: options.service },
    redact: { paths: REDACTED_PATHS, censor: CENSOR },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  if (options.destination) return pino(settings, options.destination);
  if (options.development) {
    // Loaded only here: production never pays for the pretty printer. Synchronous, so lines are never lost on exit.
    const pretty = require("pino-pretty") as typeof import("pino-pretty");
    return pino(settings, pretty({ sync: true, colorize: process.stdout.isTTY, ignore: "pid,hostname" }));
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
