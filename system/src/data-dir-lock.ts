import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export class DataDirLocked extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `Concert is already running on ${dataDir} (process ${pid}). Stop it first (Ctrl-C in its terminal, or \`kill ${pid}\`), ` +
        "or give this one another CONCERT_DATA_DIR.",
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as { code?: string }).code === "EPERM";
  }
}

/**
 * Takes the data directory for this process: a pid file, created exclusively. A file left by a
 * process that is gone (killed outright) is taken over; one whose process lives makes this throw
 * `DataDirLocked`, leaving that process and its database alone. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, "concert.pid");
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: "wx" });
      break;
    } catch (err) {
      if ((err as { code?: string }).code !== "EEXIST" || attempt > 2) throw err;
      const pid = Number.parseInt(readFileSync(file, "utf8"), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw new DataDirLocked(dataDir, pid);
      rmSync(file, { force: true });
    }
  }
  return () => {
    try {
      if (Number.parseInt(readFileSync(file, "utf8"), 10) === process.pid) rmSync(file, { force: true });
    } catch {
      // Already gone.
    }
  };
}
