import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import { freePort } from "@concert/db";
import { committedSupergraph, migrateAll, SERVICE_NAMES, type ServiceName, SUBGRAPH_NAMES, type SubgraphName } from "@concert/system";
import type { ChildSpec, FromChild, ToChild } from "./child.js";
import { benchDeployment, type Deployment } from "./deployment.js";
import { spawnHiveGateway, supergraphFor } from "./hive.js";
import { ownPostmaster, ProcessSampler } from "./processes.js";

export interface Cluster {
  subgraphUrls: Record<SubgraphName, string>;
  concertUrl: string;
  hiveUrl: string;
  /** Signs a journey user's token with the bench's identity provider (the deployment's trusted issuer). */
  signToken: Deployment["signToken"];
  issuers: Deployment["issuers"];
  /** Every Concert part's NODE_ENV. */
  nodeEnv: Deployment["nodeEnv"];
  processes: ProcessSampler;
  /** SQL statements each subgraph sent since the last call; `reset` starts counting afresh. */
  statements(reset: boolean): Promise<Record<SubgraphName, number>>;
  /** Concert gateway's live heap (MiB) after a full garbage collection. */
  gatewayHeap(): Promise<number>;
  stop(): Promise<void>;
}

function startChild(spec: ChildSpec, env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const execArgv = spec.name === "gateway" ? [...process.execArgv, "--expose-gc"] : process.execArgv;
  // Only the part's own environment: NODE_ENV must be set before graphql-js loads, and nothing of the shell's leaks in.
  const child = fork(join(__dirname, "child.js"), [JSON.stringify(spec)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    execArgv,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
  });
  return new Promise((resolve, reject) => {
    child.once("message", (m: FromChild) =>
      m.type === "ready" ? resolve({ child, url: m.url }) : reject(new Error(`unexpected ${m.type}`)),
    );
    child.once("exit", (code) => reject(new Error(`${spec.name} exited with ${code} before it was ready`)));
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
 * Every part in its own process, deployed as in production (deployment.ts): the subgraphs, Concert's gateway and
 * Hive Gateway in front of the same subgraphs. Separate processes let us read each one's memory, and give each the event loop it has in production.
 */
export async function startCluster(serverUrl: string, workDir: string, partners: string[]): Promise<Cluster> {
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
    // An operator's `npm run migrate`: the data set has made three databases, the alerts one is made here.
    await migrateAll(Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, { serverUrl, dbName: name }])), { demoData: false });
    const ports = {} as Record<ServiceName, number>;
    for (const name of SERVICE_NAMES) ports[name] = await freePort();
    const deployment = await benchDeployment(workDir, serverUrl, ports, partners);
    const subgraphs = {} as Record<SubgraphName, { child: ChildProcess; url: string }>;
    // engagements first: the others wait for its partner registry before they are ready.
    for (const name of SUBGRAPH_NAMES) {
      subgraphs[name] = await startChild({ name }, deployment.partEnvironment(name));
      children.push(subgraphs[name].child);
    }
    const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, subgraphs[n].url])) as Record<SubgraphName, string>;
    const concert = await startChild({ name: "gateway" }, deployment.partEnvironment("gateway"));
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
      signToken: deployment.signToken,
      issuers: deployment.issuers,
      nodeEnv: deployment.nodeEnv,
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
