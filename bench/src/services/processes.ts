import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat times (`getconf CLK_TCK`, 100 on Linux). */
const TICKS = 100;

/** Resident memory of a process in MiB, read from /proc (Linux). */
export function rssMiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** Fields of /proc/<pid>/stat after the command name (which is in parentheses and may hold spaces), or null once it is gone. */
function stat(pid: number): { command: string; fields: string[] } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    return { command: text.slice(text.indexOf("(") + 1, text.lastIndexOf(")")), fields: text.slice(text.lastIndexOf(")") + 2).split(" ") };
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used, in seconds; with `children`, also that of its children, finished or not. */
export function cpuSeconds(pid: number, children = false): number {
  const own = stat(pid)!.fields;
  // utime, stime, cutime (finished children), cstime are fields 14–17 of the file, 12–15 here.
  let ticks = Number(own[11]) + Number(own[12]);
  if (children) {
    ticks += Number(own[13]) + Number(own[14]);
    for (const child of childrenOf(pid)) ticks += Number(stat(child)?.fields[11] ?? 0) + Number(stat(child)?.fields[12] ?? 0);
  }
  return ticks / TICKS;
}

function childrenOf(parent: number, command?: string): number[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => {
      const s = stat(pid);
      return s !== null && Number(s.fields[1]) === parent && (command === undefined || s.command === command);
    });
}

/** The PostgreSQL server (postmaster) that this process started, if any. */
export function ownPostmaster(): number | undefined {
  return childrenOf(process.pid, "postgres")[0];
}

export interface ProcessUsage {
  /** Peak resident memory in MiB. */
  peakMiB: Record<string, number>;
  /** CPU seconds used. */
  cpuSeconds: Record<string, number>;
}

/**
 * Watches named processes: samples their resident memory every 200 ms (keeping the peak) and the CPU time they use.
 * PostgreSQL (`postmaster`) is counted for CPU only, with its backends: its shared buffers make RSS meaningless.
 */
export class ProcessSampler {
  private peaks: Record<string, number> = {};
  private cpuAtStart: Record<string, number> = {};
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly pids: Record<string, number>,
    private readonly postmaster?: number,
  ) {}

  private cpu(): Record<string, number> {
    const cpu = this.each((pid) => cpuSeconds(pid));
    if (this.postmaster) cpu.postgres = cpuSeconds(this.postmaster, true);
    return cpu;
  }

  start(): void {
    this.peaks = {};
    this.cpuAtStart = this.cpu();
    this.sample();
    this.timer = setInterval(() => this.sample(), 200);
  }

  /** Stops watching and returns what each process used since `start()`. */
  stop(): ProcessUsage {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    const cpu = this.cpu();
    return {
      peakMiB: this.peaks,
      cpuSeconds: Object.fromEntries(Object.entries(cpu).map(([name, s]) => [name, s - this.cpuAtStart[name]!])),
    };
  }

  /** CPU the watched services use at rest (timers, registry refreshes), in cores: what `settle` waits to come back to. */
  private restCores = 0;

  private busySeconds(): number {
    return Object.entries(this.cpu()).reduce((sum, [name, s]) => (name === "loadgen" ? sum : sum + s), 0);
  }

  /** The services' CPU over the next `seconds`, in cores. */
  private async busyOver(seconds: number): Promise<number> {
    const before = this.busySeconds();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    return (this.busySeconds() - before) / seconds;
  }

  /**
   * Measures the services at rest, before any load: the least CPU of five 1 s windows, in cores. The parts refresh
   * their registry copies and poll even when nobody asks anything, so "at rest" is this floor, not zero.
   */
  async measureRest(): Promise<number> {
    const windows: number[] = [];
    for (let i = 0; i < 5; i++) windows.push(await this.busyOver(1));
    this.restCores = Math.min(...windows);
    return this.restCores;
  }

  /**
   * Waits until the watched services are back at rest (within 5% of a core, plus a quarter, of `measureRest`'s
   * floor, over 1 s), at most `maxSeconds`: a client that gave up does not stop the work it asked for. Over 1 s
   * rather than half a second, the rounding of each process's CPU to 10 ms ticks weighs half as much. Returns the
   * seconds waited.
   */
  async settle(maxSeconds = 60): Promise<number> {
    const threshold = this.restCores * 1.25 + 0.05;
    for (let waited = 1; waited <= maxSeconds; waited++) {
      if ((await this.busyOver(1)) > threshold) continue;
      // A long wait is worth knowing about: work left behind by a run, or a threshold too tight.
      if (waited > 5) console.log(`[bench] services back at rest after ${waited} s`);
      return waited;
    }
    console.warn(`[bench] services still busy after ${maxSeconds} s; measuring anyway`);
    return maxSeconds;
  }

  /** Resident memory of each process now, in MiB. */
  now(): Record<string, number> {
    return this.each(rssMiB);
  }

  private each(read: (pid: number) => number): Record<string, number> {
    return Object.fromEntries(Object.entries(this.pids).map(([name, pid]) => [name, read(pid)]));
  }

  private sample(): void {
    for (const [name, mib] of Object.entries(this.now())) this.peaks[name] = Math.max(this.peaks[name] ?? 0, mib);
  }
}
