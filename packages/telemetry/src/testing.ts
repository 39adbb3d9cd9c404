/** For tests: the SDK's in-memory exporter, of the same SDK version as `startTracing`'s. */
export { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
