import type { LogDestination } from "@concert/telemetry";

/** One JSON log line of a service (docs/operations.md, "Logs"). */
export type LogLine = { level: string; service: string; msg: string } & Record<string, unknown>;

const KEPT_LOG_LINES = 20_000;

/**
 * A log destination for tests: keeps the last lines, parsed, instead of printing every operation;
 * error lines still go to stderr so that a failing test shows them.
 */
export function capturedLogs(): { destination: LogDestination; lines(): LogLine[] } {
  const kept: LogLine[] = [];
  return {
    destination: {
      write(text: string) {
        const line = JSON.parse(text) as LogLine;
        if (line.level === "error" || line.level === "fatal") process.stderr.write(text);
        kept.push(line);
        if (kept.length > KEPT_LOG_LINES) kept.splice(0, kept.length - KEPT_LOG_LINES);
      },
    },
    lines: () => [...kept],
  };
}
