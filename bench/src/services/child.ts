import "reflect-metadata";
import { createTokenVerifier, remoteDirectory, systemIssuers } from "@concert/auth";
import { startGateway } from "@concert/gateway";
import { developmentChangeFeed, runSubgraph } from "@concert/subgraph-kit";
import { committedSupergraph, edgeFromEnv, SUBGRAPHS, type SubgraphName } from "@concert/system";

/** What the parent asks a child to run: one subgraph, or the Concert gateway. */
export type ChildSpec =
  | { kind: "subgraph"; name: SubgraphName; serverUrl: string; port: number; dataDir: string; engagementsUrl: string }
  | { kind: "gateway"; port: number; dataDir: string; subgraphUrls: Record<string, string>; engagementsUrl: string };

/** Messages between parent and child over the IPC channel. */
export type ToChild = { type: "statements"; reset: boolean } | { type: "heap" };
export type FromChild = { type: "ready"; url: string } | { type: "statements"; total: number } | { type: "heap"; mib: number };

const send = (message: FromChild) => process.send!(message);

/**
 * One part of the system in its own process, started as `startSystem` starts it, so that each part's memory
 * and CPU can be told apart. A subgraph answers its SQL statement count on request.
 */
async function main(spec: ChildSpec): Promise<void> {
  const verify = createTokenVerifier(await systemIssuers(spec.dataDir, { configured: [], development: true }));
  const directory = remoteDirectory(spec.engagementsUrl);
  if (spec.kind === "gateway") {
    const gateway = await startGateway({
      supergraphSdl: committedSupergraph(),
      subgraphUrls: spec.subgraphUrls,
      verify,
      directory,
      port: spec.port,
      host: "127.0.0.1",
      development: true,
      edge: edgeFromEnv({}, true),
    });
    // The gateway runs with --expose-gc: its live heap after a full collection is what a leak would grow.
    process.on("message", () => {
      (globalThis as { gc?: () => void }).gc?.();
      send({ type: "heap", mib: process.memoryUsage().heapUsed / 2 ** 20 });
    });
    send({ type: "ready", url: gateway.url });
    return;
  }
  const subgraph = await runSubgraph(SUBGRAPHS[spec.name], {
    serverUrl: spec.serverUrl,
    dbName: spec.name,
    port: spec.port,
    host: "127.0.0.1",
    verify,
    directory,
    development: true,
    demoData: true,
    edge: edgeFromEnv({}, true),
    changeFeed: developmentChangeFeed(spec.dataDir),
  });
  process.on("message", (message: ToChild) => {
    send({ type: "statements", total: subgraph.statements.total });
    if (message.type === "statements" && message.reset) subgraph.statements.reset();
  });
  send({ type: "ready", url: subgraph.url });
}

// The parent's exit closes the IPC channel: leave with it.
process.on("disconnect", () => process.exit(0));
main(JSON.parse(process.argv[2]!) as ChildSpec).catch((err) => {
  console.error(err);
  process.exit(1);
});
