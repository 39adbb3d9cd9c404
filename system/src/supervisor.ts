import { type ChildProcess, fork } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { ensureDevIssuer, ensureServiceIssuer } from "@concert/auth";
import { databaseServer, type RunningPostgres } from "@concert/db";
import {
  DEFAULT_PORTS,
  envPrefix,
  partEnvironment,
  type ServiceName,
  SUBGRAPH_NAMES,
  type SystemConfig,
  startDemoData,
  startHost,
} from "./config/index.js";
import { lockDataDir } from "./data-dir-lock.js";
import { migrateAll } from "./migrate.js";

/** The gateway is stopped first, engagements (the partner registry the others read) last. */
const START_ORDER: ServiceName[] = ["engagements", "risk", "peacekeeping", "alerts", "gateway", "exchange"];
const SERVE = join(__dirname, "cli", "serve.js");
const MAX_BACKOFF_MS = 30_000;
/** A part that ran this long before dying starts again from the shortest backoff. */
const HEALTHY_RUN_MS = 60_000;
const STOP_GRACE_MS = 15_000;

export class StartFailed extends Error {}

export interface Supervisor {
  gatewayUrl: string;
  databaseUrl: string;
  /** Stops the parts in reverse order, then the database, and releases the data directory. */
  stop(): Promise<void>;
}

/** Resolves once `port` can be bound on `host`; a part killed a moment ago may still hold it briefly. */
async function waitForFreePort(port: number, host: string | undefined, name: string, waitMs = 5_000): Promise<void> {
  const free = () =>
    new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once("error", () => resolve(false));
      server.listen(port, host, () => server.close(() => resolve(true)));
    });
  for (const started = Date.now(); !(await free()); ) {
    if (Date.now() - started > waitMs)
      throw new StartFailed(`port ${port} (${name}) is in use; stop what holds it or set ${envPrefix(name as ServiceName)}_PORT`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** How long `npm start` waits for every part's /readyz before it gives up. */
const READY_WAIT_MS = 120_000;

/**
 * Resolves once every part's `GET /readyz` answers 200: a subgraph is ready once its database answers, its
 * migrations are current and its copy of the partner registry has loaded; the gateway once its copy has.
 * Says once which parts it is still waiting for, if that takes more than a moment. With `wanted`, it stops waiting
 * (resolving false) as soon as `wanted()` is false, e.g. when the process it waits for has died.
 */
export async function untilReady(urls: Record<string, string>, waitMs = READY_WAIT_MS, wanted = () => true): Promise<boolean> {
  const started = Date.now();
  let told = false;
  for (;;) {
    if (!wanted()) return false;
    const pending: string[] = [];
    await Promise.all(
      Object.entries(urls).map(async ([name, url]) => {
        const ok = await fetch(url, { signal: AbortSignal.timeout(3_000) }).then(
          (r) => r.status === 200,
          () => false,
        );
        if (!ok) pending.push(name);
      }),
    );
    if (pending.length === 0) return true;
    if (Date.now() - started > waitMs)
      throw new StartFailed(`not ready after ${waitMs / 1000} s: ${pending.sort().join(", ")} (see GET /readyz)`);
    if (!told && Date.now() - started > 2_000) {
      told = true;
      console.log(`Waiting for ${pending.sort().join(", ")} to be ready…`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A part's `/readyz` on the address it listens on (a wildcard address is probed on loopback). */
function readyzUrl(listenHost: string, port: number): string {
  const h = listenHost === "0.0.0.0" ? "127.0.0.1" : listenHost === "::" ? "::1" : listenHost;
  return `http://${h.includes(":") ? `[${h}]` : h}:${port}/readyz`;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
}

/** Stops the parts in the reverse of their start order, each killed if it outlives the grace period. */
async function stopChildren(children: Map<ServiceName, ChildProcess>): Promise<void> {
  for (const name of [...START_ORDER].reverse()) {
    const child = children.get(name);
    if (!child) continue;
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
    await exited(child);
    clearTimeout(killer);
  }
}

/**
 * The embedded server is supervised like the parts: when it dies, it is started again (same port and data) with
 * backoff; the parts' pools reconnect by themselves, answering SERVICE_UNAVAILABLE meanwhile.
 */
function superviseDatabase(
  running: RunningPostgres,
  dataDir: string,
  supervisor: { stopping(): boolean; replaced(again: RunningPostgres): void },
  delayMs = 1_000,
): void {
  running.exited?.then((how) => {
    if (supervisor.stopping()) return;
    console.error(`PostgreSQL died (${how}); restarting it in ${delayMs / 1000} s`);
    setTimeout(() => {
      if (supervisor.stopping()) return;
      databaseServer({ dataDir, port: Number(new URL(running.url).port) }).then(
        (again) => {
          if (supervisor.stopping()) return void again.stop();
          supervisor.replaced(again);
          console.log("PostgreSQL is running again");
          superviseDatabase(again, dataDir, supervisor);
        },
        (err: unknown) => {
          console.error(`PostgreSQL did not start again: ${err instanceof Error ? err.message.split("\n")[0] : err}`);
          const failed = { ...running, exited: Promise.resolve("did not start") };
          superviseDatabase(failed, dataDir, supervisor, Math.min(delayMs * 2, MAX_BACKOFF_MS));
        },
      );
    }, delayMs);
  });
}

/**
 * `npm start`: the embedded PostgreSQL (unless DATABASE_URL names a server), `npm run migrate`'s work,
 * then each part as its own `serve` process, restarted with backoff when it dies.
 */
export async function startSupervised(config: SystemConfig, env: NodeJS.ProcessEnv = process.env): Promise<Supervisor> {
  const release = lockDataDir(config.dataDir);
  let db: RunningPostgres | undefined;
  const children = new Map<ServiceName, ChildProcess>();
  let stopping = false;

  const stop = async () => {
    stopping = true;
    await stopChildren(children);
    await db?.stop().catch((err) => console.error(err));
    release();
  };

  try {
    db = await databaseServer({
      databaseUrl: config.databaseUrl,
      dataDir: config.persistent ? config.dataDir : undefined,
      port: config.embeddedDatabasePort,
    });
    if (config.persistent && !config.databaseUrl)
      superviseDatabase(db, config.dataDir, {
        stopping: () => stopping,
        replaced: (again) => {
          db = again;
        },
      });
    const demoData = startDemoData(env);
    const databases = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, { serverUrl: db!.url, dbName: `${config.databasePrefix}${n}` }]));
    await migrateAll(databases, { demoData });

    const host = startHost(env);
    const ports: Record<ServiceName, number> = {
      gateway: config.gatewayPort,
      ...config.subgraphPorts,
      exchange: config.exchangePort ?? DEFAULT_PORTS.exchange,
    };
    const system = { ports, databaseServerUrl: db.url, dataDir: config.dataDir, databasePrefix: config.databasePrefix };
    const readyUrl = (name: ServiceName) => readyzUrl(name === "gateway" ? env.HOST || "127.0.0.1" : host, ports[name]);

    const spawnPart = (name: ServiceName): Promise<void> => {
      const child = fork(SERVE, [name], {
        env: partEnvironment(env, name, system),
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      children.set(name, child);
      const startedAt = Date.now();
      return new Promise((resolve, reject) => {
        let ready = false;
        child.on("message", (message: { type?: string }) => {
          if (message.type === "ready") {
            ready = true;
            resolve();
          }
        });
        child.once("exit", (code, signal) => {
          if (!ready) return reject(new StartFailed(`${name} stopped while starting (${signal ?? `exit code ${code}`})`));
          if (stopping) return;
          restart(name, Date.now() - startedAt, code, signal);
        });
      });
    };

    const backoff = new Map<ServiceName, number>();
    const restart = (name: ServiceName, ranMs: number, code: number | null, signal: NodeJS.Signals | null) => {
      const delay = ranMs > HEALTHY_RUN_MS ? 1_000 : Math.min((backoff.get(name) ?? 500) * 2, MAX_BACKOFF_MS);
      backoff.set(name, delay);
      console.error(`${name} died (${signal ?? `exit code ${code}`}); restarting in ${delay / 1000} s`);
      setTimeout(() => {
        if (stopping) return;
        waitForFreePort(ports[name], name === "gateway" || name === "exchange" ? undefined : host, name)
          .then(() => spawnPart(name))
          .then(
            () => awaitReadyAgain(name),
            (err) => {
              console.error(`${name} did not restart: ${err instanceof Error ? err.message : err}`);
              if (!stopping) restart(name, 0, null, null);
            },
          );
      }, delay);
    };

    // A restarted part counts as up once its /readyz says so (its database, migrations and registry copy), as at the
    // start; until then it is only running. Waiting stops when it dies again (its exit restarts it) or npm start stops.
    const awaitReadyAgain = async (name: ServiceName) => {
      const child = children.get(name);
      const current = () => !stopping && children.get(name) === child && child?.exitCode === null && child.signalCode === null;
      try {
        if (await untilReady({ [name]: readyUrl(name) }, READY_WAIT_MS, current)) console.log(`${name} is ready again`);
      } catch (err) {
        if (current()) console.error(`${name} is running again but not ready: ${err instanceof Error ? err.message : err}`);
      }
    };

    // Made once here: parts starting together would race to create the development issuer's keys.
    if (config.development) {
      await ensureDevIssuer(config.dataDir);
      await ensureServiceIssuer(config.dataDir);
    }
    const launch = async (name: ServiceName) => {
      await waitForFreePort(ports[name], name === "gateway" || name === "exchange" ? undefined : host, name);
      await spawnPart(name);
    };
    // Every part at once: none needs another to start (the gateway composes the committed supergraph, each part reads
    // the registry and the others when a request or its readiness needs them), and the banner waits for every /readyz.
    const started = await Promise.allSettled(START_ORDER.map(launch));
    const failed = started.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
    await untilReady(Object.fromEntries(START_ORDER.map((n) => [n, readyUrl(n)])));
    return { gatewayUrl: `http://localhost:${ports.gateway}/graphql`, databaseUrl: db.url, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
