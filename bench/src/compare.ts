import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { Run } from "./measure.js";
import type { Report } from "./report.js";

/** A target, met, missed, or not checked for want of the result it compares with. */
export interface Check {
  target: string;
  result: string;
  met: boolean | null;
}

/** A run's figures and targets, against its side-by-side baseline and its scale-10 (or full) twin. */
export interface Comparison {
  baseline: string | null;
  full: string | null;
  scaled: string | null;
  /** Markdown: the tables, then the targets. */
  markdown: string;
  targets: Check[];
}

/**
 * A results JSON of this bench or of an older one: the 2026-11-22 format that the baseline commit 6dc6f58 writes has
 * the same journeys, runs and per-process CPU (PostgreSQL included); it has no `options.scale` (1).
 */
export function readResults(file: string): Report {
  const r = JSON.parse(readFileSync(file, "utf8")) as Report;
  if (!Array.isArray(r.journeys) || !r.journeys.every((j) => Array.isArray(j.runs)))
    throw new Error(`${file}: not a bench results JSON (no journeys with runs)`);
  r.options = { ...r.options, scale: r.options?.scale ?? 1 };
  return r;
}

/** The subgraphs and the gateway: Node processes whose CPU is Concert's own. */
const SUBGRAPHS = ["engagements", "risk", "peacekeeping"];
const NODE = ["concert", ...SUBGRAPHS];
const CONNECTIONS = 8;

/**
 * Issue 29's targets (issue 15's were 0.5× Node CPU, Concert ÷ Hive 0.95, 450 MiB, with no PostgreSQL target).
 * PostgreSQL on pledge tracking at most half the baseline's, and on no journey above it.
 */
const TARGET = {
  nodeCpuVsBaseline: 0.7,
  pledgePostgresVsBaseline: 0.5,
  postgresVsBaseline: 1,
  concertVsHive: 1,
  p99VsDirect: 1.5,
  peakMiB: 300,
  growth: 1.3,
} as const;

const f1 = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? n.toFixed(1) : "–");
const f2 = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? n.toFixed(2) : "–");
const nodeCpu = (run: Run) => NODE.reduce((s, p) => s + (run.cpuMsPerOp[p] ?? 0), 0);
const at = (r: Report, journey: string, connections: number) =>
  r.journeys.find((j) => j.name === journey)?.runs.find((c) => c.connections === connections);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
/** The mode Concert's parts ran in: results before issue 29 have no `nodeEnv`, as those benches ran them in development. */
export const nodeEnvOf = (r: Report) => r.options.nodeEnv ?? "development";
const describe = (r: Report, file: string) =>
  `\`${basename(file)}\` (${r.date.slice(0, 16).replace("T", " ")} UTC${r.options.quick ? ", quick" : ""}${r.options.scale > 1 ? `, scale ${r.options.scale}` : ""}, NODE_ENV=${nodeEnvOf(r)})`;

type Given = { file: string; report: Report };

/** The markdown lines written so far, a table row writer, and the targets checked. */
interface Output {
  lines: string[];
  row(cells: (string | number)[]): void;
  targets: Check[];
}

function output(): Output {
  const lines: string[] = [];
  return { lines, row: (cells) => lines.push(`| ${cells.join(" | ")} |`), targets: [] };
}

/** Node's and PostgreSQL's CPU per operation of each journey against the baseline's. */
function baselineSection(out: Output, run: Report, baseline: Given | undefined): void {
  const { lines, row, targets } = out;
  const journeys = run.journeys.map((j) => j.name);
  const base = baseline?.report;
  lines.push("## Against the baseline", "");
  if (base) {
    lines.push(`Baseline: ${describe(base, baseline!.file)}.`);
    if (base.options.quick !== run.options.quick || base.options.scale !== run.options.scale)
      lines.push("", "**The baseline was not measured on the same data set (quick or scale differ): its figures do not compare.**");
    if (nodeEnvOf(base) !== nodeEnvOf(run))
      lines.push(
        "",
        `**The baseline's parts ran with NODE_ENV=${nodeEnvOf(base)}, this run's with NODE_ENV=${nodeEnvOf(run)}: the mode weighs on Node's CPU.**`,
      );
  } else lines.push("No baseline given (`--baseline FILE`): the CPU targets are not checked.");
  lines.push("");
  row([
    `journey (${CONNECTIONS} connections)`,
    "Node CPU ms/op (gateway + subgraphs)",
    "gateway / engagements / risk / peacekeeping",
    "baseline Node CPU ms/op",
    "÷ baseline",
    "PostgreSQL CPU ms/op",
    "Node ÷ PostgreSQL",
    "baseline Node ÷ PostgreSQL",
  ]);
  row(Array(8).fill("---"));
  for (const name of journeys) {
    const now = at(run, name, CONNECTIONS)?.concert;
    const then = base ? at(base, name, CONNECTIONS)?.concert : undefined;
    if (!now) continue;
    const ratio = then ? nodeCpu(now) / nodeCpu(then) : undefined;
    row([
      name,
      f1(nodeCpu(now)),
      NODE.map((p) => f1(now.cpuMsPerOp[p])).join(" / "),
      then ? f1(nodeCpu(then)) : "–",
      f2(ratio),
      f1(now.cpuMsPerOp.postgres),
      f2(nodeCpu(now) / now.cpuMsPerOp.postgres!),
      then ? f2(nodeCpu(then) / then.cpuMsPerOp.postgres!) : "–",
    ]);
    targets.push({
      target: `${name}: Node CPU per operation (gateway + subgraphs) at ${CONNECTIONS} connections ≤ ${TARGET.nodeCpuVsBaseline}× the baseline's`,
      result: then ? `${f1(nodeCpu(now))} against ${f1(nodeCpu(then))} ms (${f2(ratio)}×)` : "no baseline",
      met: ratio === undefined ? null : ratio <= TARGET.nodeCpuVsBaseline,
    });
    targets.push(postgresTarget(name, now, then));
  }
  lines.push("");
}

/** PostgreSQL's CPU per operation against the baseline's: halved on pledge tracking, nowhere higher. */
function postgresTarget(name: string, now: Run, then: Run | undefined): Check {
  const limit = name === "pledge-tracking" ? TARGET.pledgePostgresVsBaseline : TARGET.postgresVsBaseline;
  const ratio = then ? now.cpuMsPerOp.postgres! / then.cpuMsPerOp.postgres! : undefined;
  return {
    target: `${name}: PostgreSQL CPU per operation at ${CONNECTIONS} connections ≤ ${limit}× the baseline's`,
    result: then ? `${f1(now.cpuMsPerOp.postgres)} against ${f1(then.cpuMsPerOp.postgres)} ms (${f2(ratio)}×)` : "no baseline",
    met: ratio === undefined ? null : ratio <= limit,
  };
}

/** Issue 14: with tracing off, practice comparison costs the gateway no more CPU per operation than before. */
function gatewaySection(out: Output, run: Report, base: Report | undefined): void {
  const { lines, row } = out;
  lines.push("Issue 14: the Concert gateway's CPU ms per operation on practice-comparison, against the baseline:", "");
  row(["connections", "gateway CPU ms/op", "baseline", "÷ baseline", "req/s", "baseline req/s"]);
  row(Array(6).fill("---"));
  for (const c of run.journeys.find((j) => j.name === "practice-comparison")?.runs ?? []) {
    const then = base ? at(base, "practice-comparison", c.connections)?.concert : undefined;
    const gw = c.concert.cpuMsPerOp.concert;
    row([
      c.connections,
      f2(gw),
      f2(then?.cpuMsPerOp.concert),
      then ? f2(gw! / then.cpuMsPerOp.concert!) : "–",
      f1(c.concert.rps),
      f1(then?.rps),
    ]);
  }
  lines.push("");
}

/** Growth: the same answers from N× the data, at one connection. */
function growthSection(out: Output, run: Report, full: Given | undefined, scaled: Given | undefined): void {
  const { lines, row, targets } = out;
  const journeys = run.journeys.map((j) => j.name);
  lines.push("Growth: latency at one connection through Concert, N× the data set against the full one, for the same answers:", "");
  if (full && scaled) {
    lines.push(`Full: ${describe(full.report, full.file)}; scaled: ${describe(scaled.report, scaled.file)}.`, "");
    row(["journey", "answer (full / scaled)", "full p50 / p95 / p99 ms", "scaled p50 / p95 / p99 ms", "p50 ÷ full", "p99 ÷ full"]);
    row(Array(6).fill("---"));
    for (const name of journeys) {
      const a = at(full.report, name, 1)?.concert;
      const b = at(scaled.report, name, 1)?.concert;
      const answers = [full.report, scaled.report].map((r) => r.journeys.find((j) => j.name === name)?.answer ?? "–");
      const same = answers[0] === answers[1];
      const lat = (r: Run | undefined) => (r ? `${f1(r.p50)} / ${f1(r.p95)} / ${f1(r.p99)}` : "–");
      const ratio = a && b ? b.p50 / a.p50 : undefined;
      row([name, same ? answers[0]! : `**${answers[0]} / ${answers[1]}**`, lat(a), lat(b), f2(ratio), a && b ? f2(b.p99 / a.p99) : "–"]);
      targets.push({
        target: `${name}: at ${scaled.report.options.scale}× the data, latency (p50) at one connection ≤ ${TARGET.growth}× the full data set's, same answer`,
        result:
          ratio === undefined
            ? "not measured"
            : `${f1(b!.p50)} against ${f1(a!.p50)} ms (${f2(ratio)}×)${same ? "" : "; the answers differ"}`,
        met: ratio === undefined ? null : ratio <= TARGET.growth && same,
      });
    }
  } else {
    lines.push(
      run.options.scale > 1
        ? "No full-data result given (`--full FILE`): growth not checked."
        : "No scaled result given (`--scale-result FILE`): growth not checked.",
    );
    for (const name of journeys)
      targets.push({
        target: `${name}: at 10× the data, latency at one connection ≤ ${TARGET.growth}× the full data set's`,
        result: "not measured",
        met: null,
      });
  }
  lines.push("");
}

/** The targets every run is checked against: throughput against Hive Gateway, p99 against direct fetches, memory. */
function runTargets(out: Output, run: Report): void {
  const { targets } = out;
  const journeys = run.journeys.map((j) => j.name);
  for (const name of journeys) {
    const runs = run.journeys.find((j) => j.name === name)!.runs;
    const ratios = runs.map((c) => c.concert.rps / c.hive.rps);
    const m = median(ratios);
    targets.push({
      target: `${name}: Concert ÷ Hive Gateway req/s ≥ ${TARGET.concertVsHive}, median of the three concurrencies`,
      result: `${f2(m)} (${ratios.map(f2).join(", ")} at ${runs.map((c) => c.connections).join(", ")})`,
      met: m >= TARGET.concertVsHive,
    });
    const c8 = at(run, name, CONNECTIONS);
    if (c8) {
      const r = c8.concert.p99 / c8.direct.p99;
      targets.push({
        target: `${name}: p99 at ${CONNECTIONS} connections, Concert ÷ direct fetches ≤ ${TARGET.p99VsDirect}`,
        result: f2(r),
        met: r <= TARGET.p99VsDirect,
      });
    }
  }
  for (const sub of SUBGRAPHS) {
    const peaks = run.journeys.flatMap((j) =>
      j.runs.filter((c) => c.connections === 32).flatMap((c) => [c.concert, c.hive, c.direct].map((p) => p.memory[sub] ?? 0)),
    );
    const peak = peaks.length ? Math.max(...peaks) : undefined;
    targets.push({
      target: `${sub}: peak RSS at 32 connections ≤ ${TARGET.peakMiB} MiB (any journey, any path)`,
      result: peak === undefined ? "not measured" : `${f1(peak)} MiB`,
      met: peak === undefined ? null : peak <= TARGET.peakMiB,
    });
  }
  targets.push(errorsTarget(run));
  // The checks every run makes: SQL statements constant in the answer size, every query on an index.
  for (const t of run.targets)
    if (/SQL statements|has an index/.test(t.target)) targets.push({ target: t.target, result: t.result, met: t.met });
}

/** Errors of Concert and of the direct fetches; Hive Gateway's are its own (its subgraph client), shown beside them. */
function errorsTarget(run: Report): Check {
  const sum = (path: "concert" | "hive" | "direct") =>
    run.journeys.flatMap((j) => j.runs.map((c) => c[path].errors ?? 0)).reduce((a, b) => a + b, 0);
  const ours = sum("concert") + sum("direct");
  return {
    target: "zero errors through Concert and in the direct fetches",
    result: `${ours} (Hive Gateway's path: ${sum("hive")})`,
    met: ours === 0,
  };
}

export function compare(
  run: Report,
  given: {
    baseline?: { file: string; report: Report };
    full?: { file: string; report: Report };
    scaled?: { file: string; report: Report };
  },
): Comparison {
  const out = output();
  const { lines, row, targets } = out;
  const base = given.baseline?.report;

  baselineSection(out, run, given.baseline);
  gatewaySection(out, run, base);
  const full = run.options.scale > 1 ? given.full : { file: "this run", report: run };
  const scaled = run.options.scale > 1 ? { file: "this run", report: run } : given.scaled;
  growthSection(out, run, full, scaled);
  runTargets(out, run);

  lines.push("Targets (issue 29's):", "");
  row(["target", "result", "met"]);
  row(["---", "---", "---"]);
  for (const t of targets) row([t.target, t.result, t.met === null ? "not checked" : t.met ? "yes" : "**no**"]);
  return {
    baseline: given.baseline?.file ?? null,
    full: full?.file ?? null,
    scaled: scaled?.file ?? null,
    markdown: `${lines.join("\n")}\n`,
    targets,
  };
}
