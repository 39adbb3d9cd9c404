import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { Agent } from "undici";
import { KEEP_ALIVE_MARGIN_MS, subgraphAgent, subgraphFetcher } from "./subgraph-client.js";

/** A subgraph stand-in that counts the connections opened to it; `/hang` never answers, `/reset` drops the socket. */
async function subgraph(keepAliveTimeoutMs: number): Promise<{ url: string; connections: () => number; server: Server }> {
  let connections = 0;
  const server = createServer((req, res) => {
    if (req.url === "/hang") return;
    if (req.url === "/reset") return void req.socket.destroy();
    req.resume();
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ data: { ok: true } }));
    });
  });
  server.keepAliveTimeout = keepAliveTimeoutMs;
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections, server };
}

const post = { method: "POST", headers: { "content-type": "application/json" }, body: '{"query":"{ ok }"}' };

describe("the gateway's subgraph client", () => {
  let agent: Agent;
  let stand: Awaited<ReturnType<typeof subgraph>>;
  beforeEach(async () => {
    agent = subgraphAgent();
    // Keep-Alive: timeout=3, so the client keeps an idle connection at most 3 s less the margin.
    stand = await subgraph(KEEP_ALIVE_MARGIN_MS + 1_000);
  });
  afterEach(async () => {
    await agent.close();
    stand.server.closeAllConnections();
    await new Promise((resolve) => stand.server.close(resolve));
  });

  it("answers what the subgraph answered, and reuses its connections for fetches one after another", async () => {
    const fetcher = subgraphFetcher(agent, 5_000);
    for (let i = 0; i < 6; i++) {
      const response = await fetcher(`${stand.url}/graphql`, post);
      expect(response.ok).toBe(true);
      expect(response.headers.get("Content-Type")).toBe("application/json");
      expect(await response.json()).toEqual({ data: { ok: true } });
    }
    // The next fetch may leave before undici has put the last connection back in the pool: one more, never one each.
    expect(stand.connections()).toBeLessThanOrEqual(2);
  });

  it("retires an idle connection before the subgraph's keep-alive timeout, so a later fetch opens a new one and succeeds", async () => {
    const fetcher = subgraphFetcher(agent, 5_000);
    await (await fetcher(`${stand.url}/graphql`, post)).text();
    await sleep(100);
    const before = stand.connections();
    // Past the client's idle limit (1 s), well before the subgraph's (3 s): only the client can have closed it.
    await sleep(1_500);
    expect((await fetcher(`${stand.url}/graphql`, post)).status).toBe(200);
    expect(stand.connections()).toBe(before + 1);
  });

  it("rejects when the subgraph drops the connection, and after its timeout as a TimeoutError", async () => {
    const fetcher = subgraphFetcher(agent, 300);
    await expect(fetcher(`${stand.url}/reset`, post)).rejects.toThrow();
    await expect(fetcher(`${stand.url}/hang`, post)).rejects.toMatchObject({ name: "TimeoutError" });
  });
});
