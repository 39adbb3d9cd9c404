import { type LoadResult, load, summarize, sumOfFetches, type Target } from "./load.js";
import type { BenchOptions } from "./options.js";
import type { PreparedJourney } from "./prepare.js";
import type { ProcessSampler } from "./services/processes.js";

export type Path = "concert" | "hive" | "direct";

export interface Run extends LoadResult {
  /** Peak resident memory (MiB) of each process during the measured seconds. */
  memory: Record<string, number>;
  /** CPU milliseconds each process spent per operation (for direct: summed over the fetches). */
  cpuMsPerOp: Record<string, number>;
}

export interface JourneyRuns {
  name: string;
  byConnections: { connections: number; concert: Run; hive: Run; direct: Run }[];
}

export interface Measurements {
  journeys: JourneyRuns[];
  /** Resident memory (MiB) of each process after the warm-up and after the last run. */
  memoryAfterWarmup: Record<string, number>;
  memoryAfterRun: Record<string, number>;
  /** Concert gateway's live heap (MiB) after a full collection, after the warm-up and after the last run. */
  gatewayHeap: { afterWarmup: number; afterRun: number };
}

const log = (message: string) => console.log(`[bench] ${message}`);

/** The longest pass of the queue counted: a slower journey than this at 32 connections is reported as it comes. */
const MAX_QUEUE_SECONDS = 40;

/**
 * How long one answer takes at `connections`, estimated from the target's throughput at its first (lowest)
 * concurrency: the time for the queue of `connections` requests to go through once (at most 40 s).
 */
function queueSeconds(firstRate: Map<Target, number>, target: Target, connections: number): number {
  const rate = firstRate.get(target);
  return rate === undefined ? 0 : Math.min(MAX_QUEUE_SECONDS, connections / rate);
}

interface Slice {
  result: LoadResult;
  latencies: number[];
  usage: ReturnType<ProcessSampler["stop"]>;
}

/** One stretch of load on `target`, after the services are idle again and the target's own warm-up. */
async function slice(
  processes: ProcessSampler,
  firstRate: Map<Target, number>,
  target: Target,
  connections: number,
  warmup: number,
  seconds: number,
): Promise<Slice> {
  // Requests a previous run left behind (a client gone, the server still at work) must not weigh on this one.
  await processes.settle();
  // Warm up until the queue is full, so that a slow journey is measured in its steady state; measure at least two
  // answers per connection, or whether one wave of answers lands inside the window decides the rate.
  const queue = queueSeconds(firstRate, target, connections);
  const { latencies, ...result } = await load(target, connections, Math.max(warmup, queue), Math.max(seconds, 2 * queue), () =>
    processes.start(),
  );
  const usage = processes.stop();
  if (!firstRate.has(target)) firstRate.set(target, result.rps);
  return { result, latencies, usage };
}

function peakMemory(slices: Slice[]): Record<string, number> {
  const memory: Record<string, number> = {};
  for (const { usage } of slices) for (const [name, mib] of Object.entries(usage.peakMiB)) memory[name] = Math.max(memory[name] ?? 0, mib);
  return memory;
}

/** CPU milliseconds per operation of each process: the CPU of every slice over `operations`. */
function cpuPerOperation(slices: Slice[], operations: number, into: Record<string, number> = {}): Record<string, number> {
  for (const { usage } of slices)
    for (const [name, s] of Object.entries(usage.cpuSeconds)) into[name] = (into[name] ?? 0) + (s * 1000) / operations;
  return into;
}

/**
 * Both gateways in the order Concert, Hive, Hive, Concert, each slice half the duration, merged per gateway: a
 * drift during the run (caches still warming, background work in PostgreSQL) weighs on both alike instead of on
 * whichever went first.
 */
async function gatewaysInterleaved(
  processes: ProcessSampler,
  firstRate: Map<Target, number>,
  concert: Target,
  hive: Target,
  connections: number,
  warmup: number,
  seconds: number,
) {
  const slices = { concert: [] as Slice[], hive: [] as Slice[] };
  for (const [name, target] of [
    ["concert", concert],
    ["hive", hive],
    ["hive", hive],
    ["concert", concert],
  ] as const) {
    slices[name].push(await slice(processes, firstRate, target, connections, warmup, seconds / 2));
  }
  const merged = (parts: Slice[]): Run => {
    const latencies = parts.flatMap((p) => p.latencies);
    const total = (f: (r: LoadResult) => number) => parts.reduce((n, p) => n + f(p.result), 0);
    const result = summarize(
      latencies,
      connections,
      total((r) => r.warmup),
      total((r) => r.seconds),
      total((r) => r.errors),
    );
    return { ...result, memory: peakMemory(parts), cpuMsPerOp: cpuPerOperation(parts, result.requests) };
  };
  return { concert: merged(slices.concert), hive: merged(slices.hive) };
}

/** The direct fetches of a journey, each measured alone, summed into the cost of the journey without a gateway. */
async function directFetches(
  processes: ProcessSampler,
  firstRate: Map<Target, number>,
  targets: Target[],
  connections: number,
  warmup: number,
  seconds: number,
): Promise<Run> {
  const slices: Slice[] = [];
  for (const target of targets) slices.push(await slice(processes, firstRate, target, connections, warmup, seconds));
  const results = slices.map((s) => s.result);
  // CPU per operation of the journey: each fetch's CPU per fetch, added up.
  const cpuMsPerOp: Record<string, number> = {};
  for (const s of slices) cpuPerOperation([s], s.result.requests, cpuMsPerOp);
  return { ...(results.length === 1 ? results[0]! : sumOfFetches(results)), memory: peakMemory(slices), cpuMsPerOp };
}

/** Every journey at every concurrency, through Concert, through Hive Gateway, and as direct fetches, one after the other. */
export async function measureAll(
  journeys: PreparedJourney[],
  options: BenchOptions,
  processes: ProcessSampler,
  gatewayHeap: () => Promise<number>,
): Promise<Measurements> {
  // At the highest concurrency, so that memory after warm-up is that of the load the runs put on, not of a lighter one.
  const busiest = Math.max(...options.concurrencies);
  log(`warming up both gateways on every journey at ${busiest} connections`);
  for (const j of journeys) {
    for (const target of [j.concert, j.hive]) {
      await processes.settle();
      await load(target, busiest, options.warmupSeconds * 2, 0);
    }
  }
  await processes.settle();
  const memoryAfterWarmup = processes.now();
  const heapAfterWarmup = await gatewayHeap();
  const out: JourneyRuns[] = [];
  const firstRate = new Map<Target, number>();
  for (const j of journeys) {
    const runs: JourneyRuns = { name: j.journey.name, byConnections: [] };
    for (const connections of [...options.concurrencies].sort((a, b) => a - b)) {
      const { warmupSeconds: w, durationSeconds: d, directWarmupSeconds: dw, directDurationSeconds: dd } = options;
      const { concert, hive } = await gatewaysInterleaved(processes, firstRate, j.concert, j.hive, connections, w, d);
      const direct = await directFetches(processes, firstRate, j.direct, connections, dw, dd);
      log(
        `${j.journey.name} ×${connections}: Concert ${concert.rps.toFixed(1)}/s p99 ${concert.p99.toFixed(1)} ms, Hive ${hive.rps.toFixed(1)}/s p99 ${hive.p99.toFixed(1)} ms, direct ${direct.rps.toFixed(1)}/s p99 ${direct.p99.toFixed(1)} ms`,
      );
      runs.byConnections.push({ connections, concert, hive, direct });
    }
    out.push(runs);
  }
  const memoryAfterRun = processes.now();
  return { journeys: out, memoryAfterWarmup, memoryAfterRun, gatewayHeap: { afterWarmup: heapAfterWarmup, afterRun: await gatewayHeap() } };
}
