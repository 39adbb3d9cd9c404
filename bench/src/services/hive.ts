import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The committed supergraph with its placeholder URLs (`http://<name>.concert.local/graphql`) replaced by the running subgraphs'. */
export function supergraphFor(sdl: string, subgraphUrls: Record<string, string>): string {
  return sdl.replace(/http:\/\/([a-z]+)\.concert\.local\/graphql/g, (placeholder, name: string) => {
    const url = subgraphUrls[name];
    if (!url) throw new Error(`no running subgraph for ${placeholder}`);
    return url;
  });
}

/**
 * Hive Gateway forwards the caller's Authorization header: every subgraph verifies it, as behind Concert's gateway.
 * Its merging of identical in-flight subgraph fetches is off: the merge key leaves out propagated headers, so one
 * user's fetch would answer another's, which Concert's policy forbids (each answer depends on the caller) and which
 * would spare Hive work that Concert's gateway does.
 */
const CONFIG = `export const gatewayConfig = {
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get("authorization") ?? undefined }),
  },
  transportEntries: { "*.http": { options: { deduplicateInflightRequests: false } } },
};
`;

/** Starts Hive Gateway's own command line (one process, no workers) on `port`, serving the supergraph in `workDir`. */
export function spawnHiveGateway(workDir: string, supergraphSdl: string, port: number): ChildProcess {
  const supergraphPath = join(workDir, "supergraph.graphql");
  const configPath = join(workDir, "gateway.config.mjs");
  writeFileSync(supergraphPath, supergraphSdl);
  writeFileSync(configPath, CONFIG);
  const bin = join(
    dirname(require.resolve("@graphql-hive/gateway/package.json")),
    JSON.parse(readFileSync(require.resolve("@graphql-hive/gateway/package.json"), "utf8")).bin["hive-gateway"],
  );
  return spawn(
    process.execPath,
    [bin, "supergraph", supergraphPath, "--port", String(port), "--host", "127.0.0.1", "--fork", "1", "--config-path", configPath],
    {
      cwd: workDir,
      env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn" },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
}
