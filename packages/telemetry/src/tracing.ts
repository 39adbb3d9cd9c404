import { context, trace } from "@opentelemetry/api";
import type { SpanExporter } from "@opentelemetry/sdk-trace-base";

export interface TracingOptions {
  /** `service.name` of every span; `OTEL_SERVICE_NAME` wins when set. */
  service: string;
  /**
   * Exports every span at once to this exporter (tests use the SDK's `InMemorySpanExporter`).
   * Without it, spans go in batches to the OTLP exporter the standard `OTEL_*` variables configure.
   */
  exporter?: SpanExporter;
  env?: NodeJS.ProcessEnv;
}

export interface Tracing {
  /** False when tracing is off: no SDK, no instrumentation, nothing to pay. */
  enabled: boolean;
  /** Exports the spans that ended and are still buffered. */
  flush(): Promise<void>;
  /** Flushes and stops the SDK; call it when the process stops. */
  shutdown(): Promise<void>;
}

const OFF: Tracing = { enabled: false, flush: async () => {}, shutdown: async () => {} };
let running: Tracing | undefined;

/** Whether `startTracing` would start the SDK with these settings. */
export function tracingWanted(env: NodeJS.ProcessEnv = process.env, exporter?: SpanExporter): boolean {
  if (exporter) return true;
  if (env.OTEL_SDK_DISABLED === "true") return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/**
 * Starts OpenTelemetry (http, undici and pg instrumentations, W3C trace context) once per process.
 * Instrumentations patch modules as they are required, so this must run before anything requires
 * `http` or `pg`: load `@concert/telemetry/register` first, or call this first thing in the entry point.
 * Without `OTEL_EXPORTER_OTLP_ENDPOINT` (or `_TRACES_ENDPOINT`) and without an exporter it does nothing.
 */
export function startTracing(options: TracingOptions): Tracing {
  if (running) return running;
  const env = options.env ?? process.env;
  if (!tracingWanted(env, options.exporter)) return OFF;
  // Loaded only when tracing is on: with it off, the SDK is not even read from disk.
  const { W3CTraceContextPropagator } = require("@opentelemetry/core") as typeof import("@opentelemetry/core");
  const { HttpInstrumentation } = require("@opentelemetry/instrumentation-http") as typeof import("@opentelemetry/instrumentation-http");
  const { PgInstrumentation } = require("@opentelemetry/instrumentation-pg") as typeof import("@opentelemetry/instrumentation-pg");
  const { UndiciInstrumentation } =
    require("@opentelemetry/instrumentation-undici") as typeof import("@opentelemetry/instrumentation-undici");
  const { NodeSDK } = require("@opentelemetry/sdk-node") as typeof import("@opentelemetry/sdk-node");
  const { SimpleSpanProcessor } = require("@opentelemetry/sdk-trace-base") as typeof import("@opentelemetry/sdk-trace-base");
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME || options.service,
    textMapPropagator: new W3CTraceContextPropagator(),
    instrumentations: [
      new HttpInstrumentation({
        // Prometheus scrapes and the IDE's assets would only add noise to every trace store.
        ignoreIncomingRequestHook: (req) => req.method === "GET" && /^\/(metrics|graphql\/ide\/)/.test(req.url ?? ""),
      }),
      new UndiciInstrumentation(),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
    ],
    ...(options.exporter ? { spanProcessors: [new SimpleSpanProcessor(options.exporter)] } : {}),
    // Metrics go through prom-client and logs through pino: the SDK's own OTLP metrics and logs stay off.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  const provider = trace.getTracerProvider() as { forceFlush?: () => Promise<void> };
  const handle: Tracing = {
    enabled: true,
    flush: async () => {
      // The global provider is a proxy; its delegate is the SDK's provider.
      const delegate = (provider as { getDelegate?: () => { forceFlush?: () => Promise<void> } }).getDelegate?.() ?? provider;
      await delegate.forceFlush?.();
    },
    shutdown: async () => {
      running = undefined;
      await sdk.shutdown();
    },
  };
  running = handle;
  return handle;
}

/** The tracing `startTracing` started in this process, or the no-op one. */
export function runningTracing(): Tracing {
  return running ?? OFF;
}

/** The trace id of the active span, for log lines; undefined when tracing is off or no span is active. */
export function currentTraceId(): string | undefined {
  const span = trace.getSpan(context.active());
  const id = span?.spanContext().traceId;
  return id && id !== "00000000000000000000000000000000" ? id : undefined;
}
