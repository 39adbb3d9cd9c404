import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";

/** For tests: the SDK's in-memory exporter, of the same SDK version as `startTracing`'s. */
export { InMemorySpanExporter };

/** What tests look at in a finished span. */
export interface SpanSummary {
  name: string;
  /** SpanKind: 0 internal, 1 server, 2 client. */
  kind: number;
  traceId: string;
  /** The instrumentation that made it, e.g. "@opentelemetry/instrumentation-pg", "apollo/gateway-js". */
  scope: string;
  /** The port a server span listened on, else null. */
  port: number | null;
  /** Whether the span began its trace (it has no parent, local or remote). */
  root: boolean;
}

export function spanSummaries(exporter: InMemorySpanExporter): SpanSummary[] {
  return exporter.getFinishedSpans().map((s) => ({
    name: s.name,
    kind: s.kind,
    traceId: s.spanContext().traceId,
    scope: s.instrumentationScope.name,
    port: Number(s.attributes["server.port"] ?? s.attributes["net.host.port"]) || null,
    root: s.parentSpanContext === undefined,
  }));
}

/**
 * Waits until `done` holds for the finished spans, or `timeoutMs` passed. A server span ends when its
 * response is written, a moment after the client read it.
 */
export async function waitForSpans(
  exporter: InMemorySpanExporter,
  done: (spans: SpanSummary[]) => boolean,
  timeoutMs = 10_000,
): Promise<SpanSummary[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const spans = spanSummaries(exporter);
    if (done(spans) || Date.now() > until) return spans;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
