import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { promisify } from "node:util";
import type { LogLine } from "@concert/system/testing";
import type { SpanSummary } from "@concert/telemetry/testing";

const run = promisify(execFile);

const SERVER = 1;

describe("tracing through the system", () => {
  it("follows a client's traceparent from the gateway to the subgraphs and their SQL, in one trace", async () => {
    const traceId = randomBytes(16).toString("hex");
    const parentId = randomBytes(8).toString("hex");
    const { stdout } = await run(process.execPath, [join(__dirname, "traced-system.js"), traceId, parentId], {
      env: process.env,
      timeout: 150_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    const { body, spans, logs } = JSON.parse(stdout.trim().split("\n").pop()!) as { body: string; spans: SpanSummary[]; logs: LogLine[] };
    // The body may be chunked; it holds the answer either way.
    expect(body).toContain('"code":"CAF"');
    const inTrace = spans.filter((s) => s.traceId === traceId);
    const scopes = new Set(inTrace.map((s) => s.scope));
    expect(inTrace.some((s) => s.scope === "apollo/gateway-js" && s.name === "gateway.request")).toBe(true);
    expect(scopes).toContain("@opentelemetry/instrumentation-undici");
    expect(inTrace.some((s) => s.scope === "@opentelemetry/instrumentation-pg" && s.name !== "pg.connect")).toBe(true);
    // Every request a server received continued a trace: the client's, or one a part began for a request of its own
    // (a registry read on its timer), so none lost its caller's context; the client's reached the gateway and at
    // least two subgraphs.
    const servers = spans.filter((s) => s.scope === "@opentelemetry/instrumentation-http" && s.kind === SERVER);
    expect(servers.filter((s) => s.root)).toEqual([]);
    expect(new Set(servers.filter((s) => s.traceId === traceId).map((s) => s.port)).size).toBeGreaterThanOrEqual(3);
    // The operation's log lines, in the gateway and the subgraphs, name the same trace.
    expect(logs.find((l) => l.service === "gateway")?.traceId).toBe(traceId);
    expect(logs.filter((l) => l.service !== "gateway").length).toBeGreaterThanOrEqual(2);
    expect(logs.every((l) => l.traceId === traceId)).toBe(true);
  }, 180_000);
});
