import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { Run } from "./measure.js";
import type { Report } from "./report.js";

/** A target of issue 15, met, missed, or not checked for want of the result it compares with. */
export interface Check {
  target: string;
  result: string;
  met: boolean | null;
}

/** Issue 15's figures and targets for one run, against its side-by-side baseline and its scale-10 (or full) twin. */
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

/** Issue 15: Node CPU per operation of each journey against the baseline's. */
function baselineSection(out: Output, run: Report, baseline: Given | undefined): void {
  const { lines, row, targets } = out;
  const journeys = run.journeys.map((j) => j.name);
  const base = baseline?.report;
  lines.push("## Issue 15: against the baseline", "");
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
      target: `${name}: Node CPU per operation (gateway + subgraphs) at ${CONNECTIONS} connections ≤ 0.5× the baseline's`,
      result: then ? `${f1(nodeCpu(now))} against ${f1(nodeCpu(then))} ms (${f2(ratio)}×)` : "no baseline",
      met: ratio === undefined ? null : ratio <= 0.5,
    });
  }
  lines.push("");
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
        target: `${name}: at ${scaled.report.options.scale}× the data, latency (p50) at one connection ≤ 1.3× the full data set's, same answer`,
        result:
          ratio === undefined
            ? "not measured"
            : `${f1(b!.p50)} against ${f1(a!.p50)} ms (${f2(ratio)}×)${same ? "" : "; the answers differ"}`,
        met: ratio === undefined ? null : ratio <= 1.3 && same,
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
        target: `${name}: at 10× the data, latency at one connection ≤ 1.3× the full data set's`,
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
      target: `${name}: Concert ÷ Hive Gateway req/s ≥ 0.95, median of the three concurrencies`,
      result: `${f2(m)} (${ratios.map(f2).join(", ")} at ${runs.map((c) => c.connections).join(", ")})`,
      met: m >= 0.95,
    });
    const c8 = at(run, name, CONNECTIONS);
    if (c8) {
      const r = c8.concert.p99 / c8.direct.p99;
      targets.push({ target: `${name}: p99 at ${CONNECTIONS} connections, Concert ÷ direct fetches ≤ 1.5`, result: f2(r), met: r <= 1.5 });
    }
  }
  for (const sub of SUBGRAPHS) {
    const peaks = run.journeys.flatMap((j) =>
      j.runs.filter((c) => c.connections === 32).flatMap((c) => [c.concert, c.hive, c.direct].map((p) => p.memory[sub] ?? 0)),
    );
    const peak = peaks.length ? Math.max(...peaks) : undefined;
    targets.push({
      target: `${sub}: peak RSS at 32 connections ≤ 450 MiB (any journey, any path)`,
      result: peak === undefined ? "not measured" : `${f1(peak)} MiB`,
      met: peak === undefined ? null : peak <= 450,
    });
  }
  // The checks every run makes: errors, SQL statements constant in the answer size, every query on an index.
  for (const t of run.targets)
    if (/zero errors|SQL statements|has an index/.test(t.target)) targets.push({ target: t.target, result: t.result, met: t.met });
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

  lines.push("Issue 15's targets:", "");
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
