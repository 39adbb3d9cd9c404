import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { type Comparison, nodeEnvOf } from "./compare.js";
import type { DataSet } from "./data/index.js";
import type { Measurements, Run } from "./measure.js";
import type { BenchOptions } from "./options.js";
import { LARGE_TABLE, type StatementPlan } from "./plans.js";
import type { PreparedJourney } from "./prepare.js";

export interface Target {
  target: string;
  result: string;
  met: boolean;
}

/** Versions of what is compared, read from the installed packages. */
function versions(): Record<string, string> {
  const version = (name: string) => {
    // Some packages do not export their package.json: walk up from their entry point.
    for (let dir = dirname(require.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
      const file = join(dir, "package.json");
      if (existsSync(file)) {
        const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version: string };
        if (pkg.name === name) return pkg.version;
      }
    }
    return "unknown";
  };
  return Object.fromEntries(["@apollo/gateway", "@apollo/server", "@graphql-hive/gateway", "autocannon"].map((n) => [n, version(n)]));
}

export interface Report {
  date: string;
  versions: Record<string, string>;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; platform: string };
  options: BenchOptions;
  data: DataSet;
  seconds: number;
  journeys: {
    name: string;
    description: string;
    persona: string;
    answer: string;
    sameAnswerFromHive: boolean;
    bytes: PreparedJourney["bytes"];
    directFetches: string[];
    statements: PreparedJourney["statements"];
    runs: Measurements["journeys"][number]["byConnections"];
  }[];
  memoryAfterWarmup: Record<string, number>;
  memoryAfterRun: Record<string, number>;
  gatewayHeap: Measurements["gatewayHeap"];
  /** Every query the measured load sent, with its plan. */
  plans: StatementPlan[];
  targets: Target[];
  /** Issue 15's figures and targets against the results given with `--baseline`, `--full`, `--scale-result`. */
  comparison?: Comparison;
}

const ratio = (a: number, b: number) => a / b;
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : "–");
const lat = (r: Run) => `${f1(r.p50)} / ${f1(r.p95)} / ${f1(r.p99)}`;

function checkTargets(journeys: PreparedJourney[], m: Measurements, plans: StatementPlan[]): Target[] {
  const targets: Target[] = [];
  for (const [i, runs] of m.journeys.entries()) {
    const s = journeys[i]!.statements;
    targets.push({
      target: `${runs.name}: SQL statements per operation constant in the size of the answer`,
      result: `${s.concertSmaller.total} for "${s.smallerSize}", ${s.concert.total} for "${journeys[i]!.size}"`,
      met: s.concertSmaller.total === s.concert.total,
    });
    const at32 = runs.byConnections.find((r) => r.connections === 32);
    if (at32) {
      const r = ratio(at32.concert.rps, at32.hive.rps);
      targets.push({ target: `${runs.name}: throughput at 32 connections, Concert ÷ Hive Gateway ≥ 1.0`, result: f2(r), met: r >= 1 });
    }
    const at8 = runs.byConnections.find((r) => r.connections === 8);
    if (at8) {
      const r = ratio(at8.concert.p99, at8.direct.p99);
      targets.push({ target: `${runs.name}: p99 at 8 connections, Concert ÷ direct fetches ≤ 1.5`, result: f2(r), met: r <= 1.5 });
    }
  }
  // Hive Gateway's errors are its own (its subgraph client's "socket hang up" under load), shown beside Concert's.
  const errors = (paths: ("concert" | "hive" | "direct")[]) =>
    m.journeys.flatMap((j) => j.byConnections.flatMap((r) => paths.map((p) => r[p].errors))).reduce((a, b) => a + b, 0);
  const ours = errors(["concert", "direct"]);
  targets.push({
    target: "zero errors through Concert and in the direct fetches",
    result: `${ours} (Hive Gateway's path: ${errors(["hive"])})`,
    met: ours === 0,
  });
  // RSS follows the collector's timing (and the heaviest journey's answers); the live heap is what a leak grows.
  const growth = ratio(m.gatewayHeap.afterRun, m.gatewayHeap.afterWarmup);
  targets.push({
    target: "Concert gateway memory (live heap after a full GC) after the run within 20% of after warm-up",
    result: `${f1(m.gatewayHeap.afterWarmup)} → ${f1(m.gatewayHeap.afterRun)} MiB (${f2(growth)}×); RSS ${f1(m.memoryAfterWarmup.concert!)} → ${f1(m.memoryAfterRun.concert!)} MiB`,
    met: Math.abs(growth - 1) <= 0.2,
  });
  const fullScans = plans.filter((p) => p.fullScans.length > 0);
  // pg_stat_statements' normalised text (constants as $n, in GROUP BY or interval literals too) is not always valid
  // SQL for EXPLAIN: such statements are listed with their error and counted apart, not taken for a missing index.
  const unexplained = plans.filter((p) => p.planError).length;
  const apart = unexplained ? `; ${unexplained} could not be explained from their normalised text (listed above)` : "";
  targets.push({
    target: `every query of the load has an index for its filters and joins on tables over ${LARGE_TABLE} rows (EXPLAIN)`,
    result:
      fullScans.length === 0
        ? `${plans.length} queries, none without; ${plans.filter((p) => p.chosenFullScans.length).length} read a table whole by PostgreSQL's choice or for an answer of most of its rows${apart}`
        : `${fullScans.length} of ${plans.length} queries read a large table whole with no index to narrow it${apart}`,
    met: fullScans.length === 0,
  });
  return targets;
}

export function buildReport(
  options: BenchOptions,
  data: DataSet,
  journeys: PreparedJourney[],
  m: Measurements,
  plans: StatementPlan[],
  seconds: number,
): Report {
  return {
    date: new Date().toISOString(),
    versions: versions(),
    machine: {
      cpu: cpus()[0]?.model ?? "unknown",
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    },
    options,
    data,
    seconds,
    journeys: journeys.map((j, i) => ({
      name: j.journey.name,
      description: j.journey.description,
      persona: j.journey.personas.map((p) => p.description).join(", then "),
      answer: j.size,
      sameAnswerFromHive: j.sameAnswer,
      bytes: j.bytes,
      directFetches: j.direct.map((d) => (d.requests.length > 1 ? `${d.subgraph} ×${d.requests.length}` : d.subgraph)),
      statements: j.statements,
      runs: m.journeys[i]!.byConnections,
    })),
    memoryAfterWarmup: m.memoryAfterWarmup,
    memoryAfterRun: m.memoryAfterRun,
    gatewayHeap: m.gatewayHeap,
    plans,
    targets: checkTargets(journeys, m, plans),
  };
}

/** The machine, versions, data set and method of a run. */
function headerSection(r: Report, lines: string[]): void {
  lines.push(
    `Run ${r.date.slice(0, 16).replace("T", " ")} UTC on ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGiB} GiB, Node ${r.machine.node} (${r.machine.platform}); ${r.seconds.toFixed(0)} s in all.`,
  );
  lines.push(
    `Concert: @apollo/gateway ${r.versions["@apollo/gateway"]} on @apollo/server ${r.versions["@apollo/server"]}, every part with NODE_ENV=${nodeEnvOf(r)}; Hive Gateway ${r.versions["@graphql-hive/gateway"]} with NODE_ENV=production; load from autocannon ${r.versions.autocannon}.`,
  );
  lines.push("");
  lines.push(
    `Data: ${r.data.countries} countries, ${Object.entries(r.data.counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(
        ", ",
      )} (generated in ${r.data.seconds.toFixed(0)} s${r.options.quick ? "; QUICK run: small data, short durations" : ""}${(r.options.scale ?? 1) > 1 ? `; ${r.options.scale}× the data set, the rows added outside every journey's answer` : ""}).`,
  );
  lines.push(
    `Each run: at least ${r.options.warmupSeconds} s warm-up (longer where the queue of connections takes longer to fill at the journey's single-connection rate, up to 40 s), then ${r.options.durationSeconds} s measured per gateway, in two halves ordered Concert, Hive, Hive, Concert (each half after its own warm-up) so that a drift weighs on both alike; each direct fetch at least ${r.options.directWarmupSeconds} s + ${r.options.directDurationSeconds} s. Every measured stretch lasts at least two passes of the queue (two answers per connection), so that one wave of answers more or less inside it does not decide the rate. Each connection is a different user of the persona. A journey of several operations (console) is measured in passes: one pass is its requests in order on one connection, its latency their sum, and "req/s" passes per second.`,
  );
  lines.push("");
}

/** Requests per second and latency of each journey and concurrency, through each gateway and direct. */
function throughputSection(r: Report, lines: string[], row: (cells: (string | number)[]) => void): void {
  row([
    "journey",
    "conns",
    "Concert req/s",
    "Hive req/s",
    "direct req/s",
    "Concert p50 / p95 / p99 ms",
    "Hive p50 / p95 / p99 ms",
    "direct p50 / p95 / p99 ms",
    "Concert ÷ Hive (req/s)",
    "Concert ÷ direct (req/s)",
    "Concert ÷ direct (p99)",
    "errors",
  ]);
  row(Array(12).fill("---"));
  for (const j of r.journeys) {
    for (const c of j.runs) {
      row([
        j.name,
        c.connections,
        f1(c.concert.rps),
        f1(c.hive.rps),
        f1(c.direct.rps),
        lat(c.concert),
        lat(c.hive),
        lat(c.direct),
        f2(ratio(c.concert.rps, c.hive.rps)),
        f2(ratio(c.concert.rps, c.direct.rps)),
        f2(ratio(c.concert.p99, c.direct.p99)),
        c.concert.errors + c.hive.errors + c.direct.errors,
      ]);
    }
  }
  lines.push("");
  lines.push(
    "Direct = the subgraph fetches of Concert's query plan sent straight to the subgraphs, each measured alone at the same concurrency (for a journey of several operations, each subgraph's fetches as one pass); latencies are summed, req/s = 1 / Σ(1 / req/s of each fetch or pass).",
  );
  lines.push("");
}

/** SQL statements, answers and response sizes of each journey. */
function statementsSection(r: Report, lines: string[], row: (cells: (string | number)[]) => void): void {
  row([
    "journey",
    "persona",
    "answer",
    "SQL statements per op: Concert (engagements + risk + peacekeeping)",
    "Hive",
    "direct",
    "smaller answer: Concert",
    "direct fetches",
    "Hive answer = Concert's",
    "response bytes: Concert / Hive / direct fetches",
  ]);
  row(Array(10).fill("---"));
  for (const j of r.journeys) {
    const s = j.statements;
    const split = (x: typeof s.concert) => `${x.total} (${x.engagements} + ${x.risk} + ${x.peacekeeping})`;
    row([
      j.name,
      j.persona,
      j.answer,
      split(s.concert),
      split(s.hive),
      split(s.direct),
      `${s.concertSmaller.total} (${s.smallerSize})`,
      j.directFetches.join(", "),
      j.sameAnswerFromHive ? "yes" : "NO",
      `${j.bytes.concert} / ${j.bytes.hive} / ${j.bytes.direct.join(" + ")}`,
    ]);
  }
  lines.push("");
}

/** Memory and CPU of each process. */
function resourcesSection(r: Report, lines: string[], row: (cells: (string | number)[]) => void): void {
  const services = ["concert", "hive", "engagements", "risk", "peacekeeping"];
  lines.push("Memory and CPU are read from /proc for each process: every service runs in its own process.");
  row([
    "peak RSS MiB, journey",
    "conns",
    "during Concert run: Concert gateway / engagements / risk / peacekeeping",
    "during Hive run: Hive gateway / engagements / risk / peacekeeping",
  ]);
  row(Array(4).fill("---"));
  const mem = (run: Run, gateway: string) => [gateway, "engagements", "risk", "peacekeeping"].map((s) => f1(run.memory[s]!)).join(" / ");
  for (const j of r.journeys) for (const c of j.runs) row([j.name, c.connections, mem(c.concert, "concert"), mem(c.hive, "hive")]);
  lines.push("");
  lines.push("");
  row([
    "CPU ms per operation at 8 connections, journey",
    "path",
    "gateway",
    "engagements",
    "risk",
    "peacekeeping",
    "PostgreSQL",
    "load generator",
  ]);
  row(Array(8).fill("---"));
  for (const j of r.journeys) {
    const c = j.runs.find((x) => x.connections === 8) ?? j.runs[0]!;
    for (const [path, run, gateway] of [
      ["Concert", c.concert, "concert"],
      ["Hive", c.hive, "hive"],
      ["direct", c.direct, ""],
    ] as const) {
      const cpu = (s: string) => (s ? f1(run.cpuMsPerOp[s]!) : "–");
      row([j.name, path, cpu(gateway), cpu("engagements"), cpu("risk"), cpu("peacekeeping"), cpu("postgres"), cpu("loadgen")]);
    }
  }
  lines.push("");
  lines.push(
    `RSS after warm-up → after the last run (MiB): ${services.map((s) => `${s} ${f1(r.memoryAfterWarmup[s]!)} → ${f1(r.memoryAfterRun[s]!)}`).join(", ")}.`,
  );
  lines.push("");
}

/** Every query the load sent, with its plan. */
function plansSection(r: Report, lines: string[], row: (cells: (string | number)[]) => void): void {
  lines.push(
    `Every query the measured load sent (pg_stat_statements; the alerts queue's own pg-boss statements left out), most total time first, with the plan PostgreSQL uses whatever the values (EXPLAIN (GENERIC_PLAN)):`,
  );
  row([
    "database",
    "calls",
    "mean ms",
    "rows per call",
    "indexes read",
    `tables over ${LARGE_TABLE} rows read whole (bold: no index could narrow the read)`,
    "statement",
  ]);
  row(Array(7).fill("---"));
  const cell = (text: string, max: number) =>
    (text.length > max ? `${text.slice(0, max)}…` : text).replace(/\s+/g, " ").replace(/\|/g, "\\|");
  for (const p of r.plans) {
    const whole = p.planError
      ? `no plan: ${cell(p.planError, 80)}`
      : [...p.fullScans.map((s) => `**${s}**`), ...p.chosenFullScans].join(", ") || "none";
    row([p.database, p.calls, p.meanMs.toFixed(2), f1(p.rowsPerCall), p.indexes.join(", ") || "–", whole, `\`${cell(p.statement, 140)}\``]);
  }
  lines.push("");
}

export function markdown(r: Report): string {
  const lines: string[] = [];
  const row = (cells: (string | number)[]) => lines.push(`| ${cells.join(" | ")} |`);
  headerSection(r, lines);
  throughputSection(r, lines, row);
  statementsSection(r, lines, row);
  resourcesSection(r, lines, row);
  plansSection(r, lines, row);
  row(["target", "result", "met"]);
  row(["---", "---", "---"]);
  for (const t of r.targets) row([t.target, t.result, t.met ? "yes" : "**no**"]);
  if (r.comparison) lines.push("", r.comparison.markdown);
  return `${lines.join("\n")}\n`;
}

/**
 * Writes `bench/results/<date>[-quick][-scaleN][-<name>].json` and `.md` (quick runs are not meant to be kept):
 * `--scale 10` gives `<date>-scale10.json`, `--name baseline` gives `<date>-baseline.json`.
 */
export function resultsStem(report: Report, name?: string): string {
  const scale = report.options.scale ?? 1;
  return `${report.date.slice(0, 10)}${report.options.quick ? "-quick" : ""}${scale > 1 ? `-scale${scale}` : ""}${name ? `-${name}` : ""}`;
}

export function writeReport(report: Report, resultsDir: string, name?: string): string[] {
  mkdirSync(resultsDir, { recursive: true });
  const stem = join(resultsDir, resultsStem(report, name));
  writeFileSync(`${stem}.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${stem}.md`, markdown(report));
  return [`${stem}.json`, `${stem}.md`];
}
