// Run by tracing.test.ts in its own process, as a service would run: tracing starts before http and pg load.
// Two node:http servers, the front calling the back with fetch, the back querying PostgreSQL; a raw
// request with a traceparent hits the front. Prints the spans it recorded as one JSON line.
const { startTracing } = require("../dist/index.js");
const { InMemorySpanExporter, waitForSpans } = require("../dist/testing.js");

const exporter = new InMemorySpanExporter();
const tracing = startTracing({ service: "traced-pair", exporter, env: {} });

const http = require("node:http");
const net = require("node:net");
const pg = require("pg");

function listen(handler) {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function rawGet(port, path, headers) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let data = "";
    socket.on("data", (chunk) => (data += chunk));
    socket.on("end", () => resolve(data));
    socket.on("error", reject);
    const lines = [
      `GET ${path} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      "Connection: close",
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    socket.write(`${lines.join("\r\n")}\r\n\r\n`);
  });
}

async function main() {
  const [traceId, parentId] = [process.argv[2], process.argv[3]];
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const back = await listen(async (_req, res) => {
    const { rows } = await client.query("SELECT 1 + 1 AS two");
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(rows[0]));
  });
  const front = await listen(async (_req, res) => {
    const answer = await fetch(`http://127.0.0.1:${back.address().port}/back`);
    res.end(await answer.text());
  });
  const reply = await rawGet(front.address().port, "/front", { traceparent: `00-${traceId}-${parentId}-01` });
  // Both server spans (kind 1) ended: the front's ends last.
  const spans = await waitForSpans(exporter, (all) => all.filter((s) => s.kind === 1).length >= 2);
  process.stdout.write(`${JSON.stringify({ reply: reply.split("\r\n\r\n")[1], spans })}\n`);
  await client.end();
  back.close();
  front.close();
  await tracing.shutdown();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
