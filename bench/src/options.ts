/** How big the data set is and how long each measurement runs. */
export interface BenchOptions {
  quick: boolean;
  /**
   * N× the data set (`--scale N`): N times the assessments, pledges, engagements and practices (and deployments over N
   * years), the rows added lying outside every journey's answer (data/growth.ts). Absent in results of older benches: 1.
   */
  scale: number;
  partners: number;
  assessments: number;
  /** Factor ratings per assessment, each with one finding. */
  ratingsPerAssessment: number;
  pledges: number;
  engagements: number;
  practices: number;
  concurrencies: number[];
  /** Seconds of discarded load before each gateway measurement. */
  warmupSeconds: number;
  durationSeconds: number;
  /** Each direct subgraph fetch is measured on its own, shorter. */
  directWarmupSeconds: number;
  directDurationSeconds: number;
  /**
   * NODE_ENV of Concert's parts: `production` since issue 29 (the bench deploys them as an operator does). Absent in
   * results of older benches, which ran them in development mode.
   */
  nodeEnv?: string;
}

const FULL: Omit<BenchOptions, "quick" | "scale"> = {
  partners: 40,
  assessments: 20_000,
  ratingsPerAssessment: 3,
  pledges: 20_000,
  engagements: 10_000,
  practices: 10_000,
  concurrencies: [1, 8, 32],
  warmupSeconds: 3,
  durationSeconds: 12,
  directWarmupSeconds: 1,
  directDurationSeconds: 5,
};

const QUICK: Omit<BenchOptions, "quick" | "scale"> = {
  ...FULL,
  assessments: 1_000,
  pledges: 1_000,
  engagements: 500,
  practices: 500,
  warmupSeconds: 1,
  durationSeconds: 3,
  directWarmupSeconds: 0.5,
  directDurationSeconds: 2,
};

/** What a run is compared with, and where it is written; none of it changes what is measured. */
export interface RunOptions {
  /** Written as `<date>[-quick][-scaleN]-<name>.json` and `.md` (`--name baseline`: `<date>-baseline.json`). */
  name?: string;
  /** A results JSON (this bench's or the older one of 6dc6f58) to compare CPU per operation with: issue 15's targets. */
  baseline?: string;
  /** A full-data results JSON to compare this run's latency at one connection with (a `--scale` run). */
  full?: string;
  /** A `--scale 10` results JSON to compare this full-data run's latency at one connection with. */
  scaleResult?: string;
  /** Measures nothing: rewrites the report (`.md`) of this results JSON with the comparisons asked for. */
  report?: string;
}

const USAGE = `npm run bench [-- --quick] [--scale N] [--name NAME] [--baseline FILE] [--full FILE] [--scale-result FILE] [--report FILE]`;

/**
 * `npm run bench` measures the full data set; `--quick` a small one, briefly, while developing; `--scale N` N× the
 * data set with the same answers. `--baseline`, `--full` and `--scale-result` name results to compare with.
 */
export function parseOptions(argv: string[]): BenchOptions & RunOptions {
  const run: RunOptions = {};
  let quick = false;
  let scale = 1;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${arg} needs a value\nusage: ${USAGE}`);
      return v;
    };
    if (arg === "--quick") quick = true;
    else if (arg === "--scale") {
      scale = Number(value());
      if (!Number.isInteger(scale) || scale < 1 || scale > 100) throw new Error("--scale takes a whole number from 1 to 100");
    } else if (arg === "--name") {
      run.name = value();
      if (!/^[a-z0-9][a-z0-9-]*$/.test(run.name)) throw new Error("--name takes lower-case letters, digits and dashes");
    } else if (arg === "--baseline") run.baseline = value();
    else if (arg === "--full") run.full = value();
    else if (arg === "--scale-result") run.scaleResult = value();
    else if (arg === "--report") run.report = value();
    else throw new Error(`unknown argument: ${arg}\nusage: ${USAGE}`);
  }
  return { quick, scale, ...(quick ? QUICK : FULL), ...run };
}
