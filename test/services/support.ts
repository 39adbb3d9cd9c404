import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";

const CLI = resolve(__dirname, "../../packages/system/dist/cli");

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
