import { engagementsSubgraph } from "@concert/engagements";
import { peacekeepingSubgraph } from "@concert/peacekeeping";
import type { EntityManager } from "@mikro-orm/postgresql";
import { JOURNEYS } from "../journeys.js";
import type { BenchOptions } from "../options.js";
import type { Random } from "../random.js";
import { type EngagementsData, engagementRow, type PracticeContext, practiceRow, TOPICS } from "./engagements.js";
import { insertPlainRows, insertRows, type Row } from "./insert.js";
import { addPledge, deploymentRows, monthsOf, type PeacekeepingContext } from "./peacekeeping.js";
import { type AssessmentRows, addAssessment, basePeriods, insertAssessments, olderPlace, type RiskContext } from "./risk.js";

/**
 * `--scale N`: the rows N× the data set adds to the base one (which stays exactly as at scale 1), all of them outside
 * every journey's answer, so that a journey asks for the same answer from tables N times as large:
 * - assessments: the same authors' earlier years, all before the base series' oldest (from 2017 back to 1946 at
 *   scale 10); the shared watchlist reads each author's latest and its previous (for the trend), which the base
 *   series holds when it has two periods of the author or more (as in full runs); drafts otherwise (quick runs);
 * - pledges: for closed missions, deployed, withdrawn or expired; pledge tracking reads the outstanding (pledged,
 *   verified) pledges and the gaps of active missions;
 * - deployments: the earlier years' months; the gaps read the latest month;
 * - practices: by partners other than the five compared, about none of the countries the shared watchlist can list
 *   (those any assessment, the seed's included, rates at its minimum: RiskContext.watched), with texts that share no
 *   word with the journey's search; engagements: more of the same (no journey reads them).
 */

/** Rows generated and inserted at a time, so that ten times the data set never sits in memory at once. */
const BATCH = 10_000;

async function inBatches(total: number, first: number, make: (i: number) => Row[], insert: (rows: Row[]) => Promise<number>) {
  let inserted = 0;
  for (let start = first; start < total; start += BATCH) {
    const rows: Row[] = [];
    for (let i = start; i < Math.min(total, start + BATCH); i++) rows.push(...make(i));
    inserted += await insert(rows);
  }
  return inserted;
}

const practiceComparison = JOURNEYS.find((j) => j.name === "practice-comparison")!.operations[0]!.variables as {
  partners: string[];
  text: string;
};

export async function growEngagements(
  em: EntityManager,
  options: BenchOptions,
  rng: Random,
  base: EngagementsData,
  watched: Set<string>,
): Promise<Record<string, number>> {
  const m = engagementsSubgraph;
  const searched = practiceComparison.text.toLowerCase().split(/\s+/);
  const engagementsTotal = options.engagements * options.scale;
  const ctx: PracticeContext = {
    originators: base.partners.filter((p) => !practiceComparison.partners.includes(p)),
    topics: TOPICS.filter(
      (t) =>
        !t
          .toLowerCase()
          .split(/\s+/)
          .some((w) => searched.includes(w)),
    ),
    countries: base.countries.filter((c) => !watched.has(c)),
    themes: base.themes,
    engagements: engagementsTotal,
  };
  return {
    engagements: await inBatches(
      engagementsTotal,
      options.engagements,
      (i) => [engagementRow(i, base, rng)],
      (rows) => insertPlainRows(em, m, "Engagement", rows),
    ),
    practices: await inBatches(
      options.practices * options.scale,
      options.practices,
      (i) => [practiceRow(i, ctx, rng)],
      (rows) => insertPlainRows(em, m, "Practice", rows),
    ),
  };
}

export async function growPeacekeeping(
  em: EntityManager,
  options: BenchOptions,
  rng: Random,
  ctx: PeacekeepingContext,
): Promise<Record<string, number>> {
  const m = peacekeepingSubgraph;
  const history = { ...ctx, missions: ctx.closedMissions, statuses: ["DEPLOYED", "WITHDRAWN", "EXPIRED"] };
  let pledges = 0;
  let pledgeTransitions = 0;
  for (let start = options.pledges; start < options.pledges * options.scale; start += BATCH) {
    const rows: Row[] = [];
    const transitions: Row[] = [];
    for (let i = start; i < Math.min(options.pledges * options.scale, start + BATCH); i++) addPledge(rows, transitions, i, history, rng);
    pledges += await insertPlainRows(em, m, "Pledge", rows);
    pledgeTransitions += await insertPlainRows(em, m, "PledgeTransition", transitions);
  }
  const years = Array.from({ length: options.scale - 1 }, (_, k) => 2024 - k);
  const deployments = deploymentRows(
    { ...ctx, months: years.flatMap(monthsOf) },
    ctx.existingDeployments,
    // after the base data set's: its ids are numbered from 0, one per mission, month and contributor
    1_000_000,
    rng,
  );
  return { pledges, pledgeTransitions, deploymentSnapshots: await insertRows(em, m, "DeploymentSnapshot", deployments) };
}

export async function growRisk(em: EntityManager, options: BenchOptions, rng: Random, ctx: RiskContext): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const periods = basePeriods(options.assessments, ctx);
  for (let start = options.assessments; start < options.assessments * options.scale; start += BATCH) {
    const rows: AssessmentRows = { assessments: [], ratings: [], findings: [] };
    for (let i = start; i < Math.min(options.assessments * options.scale, start + BATCH); i++) {
      const at = olderPlace(i - options.assessments, options.assessments, ctx);
      addAssessment(rows, i, ctx, options, rng, at);
      // An author with a single period in the base series (all of them in quick runs): an older published assessment
      // would become its latest's `previous` and change the latest's `trend`; a draft is nobody's latest or previous.
      if ((periods.get(`${at.country}|${at.author}`) ?? 0) < 2) rows.assessments.at(-1)!.status = "DRAFT";
    }
    for (const [k, n] of Object.entries(await insertAssessments(em, rows, insertPlainRows))) counts[k] = (counts[k] ?? 0) + n;
  }
  return counts;
}
