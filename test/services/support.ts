import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import type { GraphQLResponse, UntypedData } from "@concert/system/testing";

const CLI = resolve(__dirname, "../../system/dist/cli");

export interface Run {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Resolves when the output matches `pattern`; rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
}

/**
 * Runs a built CLI (`migrate`, `serve`, `start`) as `npm run …` runs it. The environment is exactly
 * `env` on top of PATH and HOME, so that the test runner's own variables (DATABASE_URL) do not leak in.
 */
export function runCli(name: "migrate" | "serve" | "start" | "db", args: string[], env: Record<string, string>): Run {
  const child = spawn(process.execPath, [resolve(CLI, `${name}.js`), ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  return {
    child,
    output: () => output,
    exited,
    waitFor: (pattern) =>
      new Promise((resolvePromise, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) {
            listeners.delete(check);
            resolvePromise(match);
          }
        };
        listeners.add(check);
        check();
        exited.then((code) => reject(new Error(`exited with ${code} before printing ${pattern}:\n${output}`)));
      }),
  };
}

/** The server URL of the test run's PostgreSQL (started by the jest global setup). */
export function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run the tests with `npm test`, whose global setup starts PostgreSQL");
  return url;
}

/** The processes a test file started: `kill()` them all in its afterAll, whatever happened. */
export class Processes {
  private readonly runs: Run[] = [];

  run(name: "migrate" | "serve" | "start" | "db", args: string[], env: Record<string, string>): Run {
    const run = runCli(name, args, env);
    this.runs.push(run);
    return run;
  }

  /** `npm run serve -- <name>` on 127.0.0.1, resolved once it says it is serving. */
  async serve(name: string, env: Record<string, string>): Promise<Run> {
    const run = this.run("serve", [name], { HOST: "127.0.0.1", ...env });
    await run.waitFor(new RegExp(`${name}: serving`));
    return run;
  }

  async kill(): Promise<void> {
    for (const { child } of this.runs) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      child.kill("SIGCONT");
      child.kill("SIGKILL");
    }
    await Promise.all(this.runs.map((r) => r.exited));
  }
}

export interface Probe {
  status: number;
  body: { status?: string; checks?: Record<string, { ok: boolean; problem?: string }> };
}

export async function readyz(url: string): Promise<Probe> {
  const response = await fetch(new URL("/readyz", url));
  return { status: response.status, body: (await response.json()) as Probe["body"] };
}

/** POSTs `query` (anonymous unless `token`) and returns the GraphQL response with its HTTP status. */
export async function post<TData = UntypedData>(
  url: string,
  query: string,
  options: { token?: string; variables?: Record<string, unknown> } = {},
): Promise<GraphQLResponse<TData>> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query, variables: options.variables }) });
  return { status: response.status, ...((await response.json()) as object) } as GraphQLResponse<TData>;
}

/** Probes until `done` holds (a thrown error counts as a value), or `timeoutMs` passes; returns the last value. */
export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch((err: unknown) => err as T);
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
}
