// Run by trace.test.ts in its own process: tracing starts (in-memory exporter) before the system loads,
// as `@concert/telemetry/register` does in `npm start`. One raw HTTP request with a traceparent goes to
// the gateway; prints the spans of the process as one JSON line.
const { startTracing } = require("@concert/telemetry");
const { InMemorySpanExporter, waitForSpans } = require("@concert/telemetry/testing");

const exporter = new InMemorySpanExporter();
const tracing = startTracing({ service: "concert", exporter, env: {} });

require("reflect-metadata");
const net = require("node:net");
const { startTestSystem } = require("@concert/system/testing");

const QUERY =
  "query TracedCountry($code: ID!) { country(code: $code) { code riskAssessments { likelihood author { code } } missions { acronym } } }";

function rawPost(url, headers, body) {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let data = "";
    socket.on("data", (chunk) => (data += chunk));
    socket.on("end", () => resolve(data));
    socket.on("error", reject);
    const lines = [
      `POST ${pathname} HTTP/1.1`,
      `Host: ${hostname}:${port}`,
      "Connection: close",
      "Content-Type: application/json",
      `Content-Length: ${Buffer.byteLength(body)}`,
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    socket.write(`${lines.join("\r\n")}\r\n\r\n${body}`);
  });
}

async function main() {
  const [traceId, parentId] = [process.argv[2], process.argv[3]];
  // The alerts worker's feed rounds are the parts' own background requests, each its own trace: not followed here.
  const system = await startTestSystem([], { alerts: { followFeeds: false } });
  try {
    const token = await system.token("USA", "analyst");
    exporter.reset();
    const reply = await rawPost(
      system.gatewayUrl,
      { authorization: `Bearer ${token}`, traceparent: `00-${traceId}-${parentId}-01` },
      JSON.stringify({ query: QUERY, variables: { code: "CAF" } }),
    );
    // The gateway's server span ends last, after its response was written.
    const gatewayPort = Number(new URL(system.gatewayUrl).port);
    const spans = await waitForSpans(exporter, (all) => all.some((s) => s.kind === 1 && s.port === gatewayPort));
    // Registry reads (ConcertRegistry) are the parts' own background requests, each its own trace.
    const logs = system.logs().filter((l) => l.msg === "graphql operation" && l.operation !== "ConcertRegistry");
    process.stdout.write(`${JSON.stringify({ body: reply.slice(reply.indexOf("\r\n\r\n") + 4), spans, logs })}\n`);
  } finally {
    await system.stop();
    await tracing.shutdown();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
