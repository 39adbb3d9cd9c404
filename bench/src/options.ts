/** How big the data set is and how long each measurement runs. */
export interface BenchOptions {
  quick: boolean;
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
}

const FULL: Omit<BenchOptions, "quick"> = {
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

const QUICK: Omit<BenchOptions, "quick"> = {
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

/** `npm run bench` measures the full data set; `npm run bench -- --quick` a small one, briefly, while developing. */
export function parseOptions(argv: string[]): BenchOptions {
  const unknown = argv.filter((a) => a !== "--quick");
  if (unknown.length) throw new Error(`unknown arguments: ${unknown.join(" ")} (only --quick is understood)`);
  const quick = argv.includes("--quick");
  return { quick, ...(quick ? QUICK : FULL) };
}
