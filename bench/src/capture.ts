import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createTokenVerifier, remoteDirectory, type TrustedIssuer } from "@concert/auth";
import { freePort } from "@concert/db";
import { startGateway } from "@concert/gateway";
import { committedSupergraph, edgeFromEnv, SUBGRAPH_NAMES, type SubgraphName } from "@concert/system";

/** One request the gateway sent to a subgraph, replayable without any gateway. */
export interface SubgraphFetch {
  subgraph: SubgraphName;
  url: string;
  body: string;
}

export interface Capture {
  /** Runs `send` (one request to `gatewayUrl`) and returns the subgraph fetches it caused, in order. */
  record(send: (gatewayUrl: string) => Promise<void>): Promise<SubgraphFetch[]>;
  stop(): Promise<void>;
}

/**
 * A Concert gateway whose subgraph traffic passes through a recording proxy: the fetches it records are exactly
 * those of the query plan (root fetches and `_entities` fetches with their representations), so the direct
 * measurement replays the same work without a gateway. It trusts the deployment's issuers (`issuers`).
 */
export async function startCapture(issuers: TrustedIssuer[], subgraphUrls: Record<SubgraphName, string>): Promise<Capture> {
  let recorded: SubgraphFetch[] = [];
  const proxy: Server = createServer(async (req, res) => {
    const subgraph = req.url!.slice(1) as SubgraphName;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    recorded.push({ subgraph, url: subgraphUrls[subgraph], body });
    const answer = await fetch(subgraphUrls[subgraph], {
      method: "POST",
      headers: { "content-type": "application/json", authorization: req.headers.authorization ?? "" },
      body,
    });
    res.writeHead(answer.status, { "content-type": "application/json" }).end(await answer.text());
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const gateway = await startGateway({
    supergraphSdl: committedSupergraph(),
    subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, `${proxyUrl}/${n}`])),
    verify: createTokenVerifier(issuers),
    directory: remoteDirectory(subgraphUrls.engagements),
    port: await freePort(),
    host: "127.0.0.1",
    development: true,
    edge: edgeFromEnv({}, true),
  });
  return {
    async record(send) {
      recorded = [];
      await send(gateway.url);
      return recorded;
    },
    async stop() {
      await gateway.stop();
      await new Promise((resolve) => proxy.close(resolve));
    },
  };
}
