import { readFileSync } from "node:fs";

/** Resident memory of a process in MiB, read from /proc (Linux). */
export function rssMiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** Samples the resident memory of named processes every 200 ms and keeps each one's peak. */
export class MemorySampler {
  private peaks: Record<string, number> = {};
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly pids: Record<string, number>) {}

  start(): void {
    this.peaks = {};
    this.sample();
    this.timer = setInterval(() => this.sample(), 200);
  }

  /** Stops sampling and returns the peak of each process since `start()`, in MiB. */
  stop(): Record<string, number> {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    return this.peaks;
  }

  now(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.pids).map(([name, pid]) => [name, rssMiB(pid)]));
  }

  private sample(): void {
    for (const [name, mib] of Object.entries(this.now())) this.peaks[name] = Math.max(this.peaks[name] ?? 0, mib);
  }
}
