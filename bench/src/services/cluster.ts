import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import { freePort } from "@concert/db";
import { committedSupergraph, SUBGRAPH_NAMES, type SubgraphName } from "@concert/system";
import type { ChildSpec, FromChild, ToChild } from "./child.js";
import { spawnHiveGateway, supergraphFor } from "./hive.js";
import { ownPostmaster, ProcessSampler } from "./processes.js";

export interface Cluster {
  subgraphUrls: Record<SubgraphName, string>;
  concertUrl: string;
  hiveUrl: string;
  processes: ProcessSampler;
  /** SQL statements each subgraph sent since the last call; `reset` starts counting afresh. */
  statements(reset: boolean): Promise<Record<SubgraphName, number>>;
  /** Concert gateway's live heap (MiB) after a full garbage collection. */
  gatewayHeap(): Promise<number>;
  stop(): Promise<void>;
}

function startChild(spec: ChildSpec): Promise<{ child: ChildProcess; url: string }> {
  const execArgv = spec.kind === "gateway" ? [...process.execArgv, "--expose-gc"] : process.execArgv;
  // Hive Gateway runs with LOG_LEVEL=warn too: neither side pays for a log line per operation in the measurement.
  const env = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" };
  const child = fork(join(__dirname, "child.js"), [JSON.stringify(spec)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    execArgv,
    env,
  });
  return new Promise((resolve, reject) => {
    child.once("message", (m: FromChild) =>
      m.type === "ready" ? resolve({ child, url: m.url }) : reject(new Error(`unexpected ${m.type}`)),
    );
    child.once("exit", (code) =>
      reject(new Error(`${spec.kind} ${"name" in spec ? spec.name : ""} exited with ${code} before it was ready`)),
    );
  });
}

function ask(child: ChildProcess, message: ToChild): Promise<number> {
  return new Promise((resolve) => {
    child.once("message", (m: FromChild) => resolve(m.type === "statements" ? m.total : m.type === "heap" ? m.mib : NaN));
    child.send(message);
  });
}

async function waitUntilServing(url: string, child: ChildProcess, seconds = 60): Promise<void> {
  for (let waited = 0; waited < seconds * 10; waited++) {
    if (child.exitCode !== null) throw new Error(`Hive Gateway exited with ${child.exitCode}`);
    const ok = await fetch(new URL("/readiness", url)).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Hive Gateway did not answer on ${url} within ${seconds}s`);
}

/**
 * Every part in its own process: the three subgraphs, Concert's gateway and Hive Gateway in front of the same
 * subgraphs. Separate processes let us read each one's memory, and give each the event loop it has in production.
 */
export async function startCluster(serverUrl: string, dataDir: string, workDir: string): Promise<Cluster> {
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children.reverse()) {
      if (child.exitCode !== null) continue;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  };
  try {
    const subgraphs = {} as Record<SubgraphName, { child: ChildProcess; url: string }>;
    let engagementsUrl = "";
    for (const name of SUBGRAPH_NAMES) {
      subgraphs[name] = await startChild({ kind: "subgraph", name, serverUrl, port: await freePort(), dataDir, engagementsUrl });
      children.push(subgraphs[name].child);
      if (name === "engagements") engagementsUrl = subgraphs[name].url;
    }
    const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, subgraphs[n].url])) as Record<SubgraphName, string>;
    const concert = await startChild({ kind: "gateway", port: await freePort(), dataDir, subgraphUrls, engagementsUrl });
    children.push(concert.child);
    const hivePort = await freePort();
    const hive = spawnHiveGateway(workDir, supergraphFor(committedSupergraph(), subgraphUrls), hivePort);
    children.push(hive);
    const hiveUrl = `http://127.0.0.1:${hivePort}/graphql`;
    await waitUntilServing(hiveUrl, hive);
    const pids = {
      concert: concert.child.pid!,
      hive: hive.pid!,
      ...Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, subgraphs[n].child.pid!])),
    };
    return {
      subgraphUrls,
      concertUrl: concert.url,
      hiveUrl,
      processes: new ProcessSampler({ ...pids, loadgen: process.pid }, ownPostmaster()),
      async statements(reset) {
        const out = {} as Record<SubgraphName, number>;
        for (const name of SUBGRAPH_NAMES) out[name] = await ask(subgraphs[name].child, { type: "statements", reset });
        return out;
      },
      gatewayHeap: () => ask(concert.child, { type: "heap" }),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
