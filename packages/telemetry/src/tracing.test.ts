import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { promisify } from "node:util";
import { currentTraceId, startTracing, tracingWanted } from "./tracing.js";

const run = promisify(execFile);

describe("tracing", () => {
  it("is off, and starts nothing, without an OTLP endpoint or an exporter", () => {
    expect(tracingWanted({})).toBe(false);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" })).toBe(true);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_SDK_DISABLED: "true" })).toBe(false);
    const tracing = startTracing({ service: "off", env: {} });
    expect(tracing.enabled).toBe(false);
    expect(currentTraceId()).toBeUndefined();
  });

  it("follows a traceparent through node:http, fetch (undici) and pg with one trace id", async () => {
    const traceId = randomBytes(16).toString("hex");
    const parentId = randomBytes(8).toString("hex");
    const fixture = join(__dirname, "..", "test", "traced-pair.js");
    const { stdout } = await run(process.execPath, [fixture, traceId, parentId], { env: process.env, timeout: 30_000 });
    const { reply, spans } = JSON.parse(stdout.trim().split("\n").pop()!) as {
      reply: string;
      spans: { name: string; kind: number; traceId: string; scope: string }[];
    };
    expect(JSON.parse(reply)).toEqual({ two: 2 });
    const scopes = spans.map((s) => s.scope);
    // Two server spans (front, back), one undici client span, one pg query span at least.
    expect(scopes.filter((s) => s === "@opentelemetry/instrumentation-http")).toHaveLength(2);
    expect(scopes).toContain("@opentelemetry/instrumentation-undici");
    expect(spans.some((s) => s.scope === "@opentelemetry/instrumentation-pg" && /query/i.test(s.name))).toBe(true);
    // The fixture connects to PostgreSQL before the request: that span has a trace of its own.
    const inRequest = spans.filter((s) => s.name !== "pg.connect");
    expect(inRequest.length).toBeGreaterThanOrEqual(4);
    expect(new Set(inRequest.map((s) => s.traceId))).toEqual(new Set([traceId]));
  });
});
