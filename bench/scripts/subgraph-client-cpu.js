// The CPU a subgraph fetch costs the gateway's client, alone: Node's `fetch` (what the gateway used before issue 15)
// against the gateway's undici client (gateway/src/subgraph-client.ts), in one process, alternating, 8 in flight,
// against a stand-in subgraph in its own process. Run after `npm run build`: node bench/scripts/subgraph-client-cpu.js
const { fork } = require("node:child_process");
const { join } = require("node:path");

if (process.argv[2] === "subgraph") {
  const http = require("node:http");
  const body = JSON.stringify({ data: { items: Array.from({ length: 20 }, (_, id) => ({ id, name: "x".repeat(40) })) } });
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      res.end(body);
    });
  });
  server.keepAliveTimeout = 5000;
  server.listen(0, "127.0.0.1", () => process.send(server.address().port));
} else {
  const { subgraphAgent, subgraphFetcher } = require(join(__dirname, "..", "..", "gateway", "dist", "subgraph-client.js"));
  const subgraph = fork(__filename, ["subgraph"]);
  subgraph.on("message", async (port) => {
    const url = `http://127.0.0.1:${port}/graphql`;
    const init = {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer x" },
      body: JSON.stringify({ query: "{ items { id name } }", variables: {} }),
    };
    const agent = subgraphAgent();
    const clients = {
      fetch: (u, i) => fetch(u, { ...i, signal: AbortSignal.timeout(10_000) }),
      undici: subgraphFetcher(agent, 10_000),
    };
    /** CPU milliseconds per fetch of `n` fetches, `inFlight` at a time. */
    const run = async (client, n, inFlight = 8) => {
      const start = process.cpuUsage();
      let sent = 0;
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          while (sent++ < n) await (await client(url, init)).json();
        }),
      );
      const used = process.cpuUsage(start);
      return (used.user + used.system) / 1000 / n;
    };
    for (const client of Object.values(clients)) await run(client, 500);
    const results = { fetch: [], undici: [] };
    for (let round = 0; round < 3; round++)
      for (const [name, client] of Object.entries(clients)) results[name].push(await run(client, 3000));
    for (const [name, ms] of Object.entries(results)) console.log(`${name}: ${ms.map((x) => x.toFixed(3)).join(", ")} ms CPU per fetch`);
    await agent.close();
    subgraph.kill();
  });
}
