import { openDatabase } from "@concert/db";
import { engagementsSubgraph } from "@concert/engagements";
import { peacekeepingSubgraph } from "@concert/peacekeeping";
import { riskSubgraph } from "@concert/risk";
import type { SubgraphModule } from "@concert/subgraph-kit/server";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { BenchOptions } from "../options.js";
import { Random } from "../random.js";
import { generateEngagements } from "./engagements.js";
import { growEngagements, growPeacekeeping, growRisk } from "./growth.js";
import { generatePeacekeeping } from "./peacekeeping.js";
import { generateRisk } from "./risk.js";

export interface DataSet {
  /** Rows per generated table (partners include the registry's own). */
  counts: Record<string, number>;
  countries: number;
  seconds: number;
}

/** Migrates and seeds one subgraph's fresh database as the subgraph itself does, then lets `fill` add the generated rows. */
async function withDatabase<T>(
  serverUrl: string,
  module: SubgraphModule,
  fill: (em: EntityManager) => Promise<T>,
  seed = true,
): Promise<T> {
  const db = await openDatabase({ serverUrl, dbName: module.name, entities: module.entities, migrationsPath: module.migrationsPath });
  try {
    if (seed) await module.seed(db.orm.em.fork(), { demo: true });
    const filled = await db.orm.em.transactional((em) => fill(em as EntityManager));
    // What autovacuum does on a live database: planner statistics (without them PostgreSQL takes every table
    // for empty) and GIN indexes' pending entries merged (until then every index scan reads them all).
    await db.orm.em.getConnection().execute("vacuum analyze");
    return filled;
  } finally {
    await db.close();
  }
}

/** Generates the deterministic data set (seed 7; `--scale N` adds rows outside the journeys' answers, growth.ts) into fresh databases on `serverUrl`, one per subgraph. */
export async function loadDataSet(serverUrl: string, options: BenchOptions): Promise<DataSet> {
  const started = Date.now();
  const rng = new Random(7);
  const base = await withDatabase(serverUrl, engagementsSubgraph, (em) => generateEngagements(em, options, rng));
  const peacekeeping = await withDatabase(serverUrl, peacekeepingSubgraph, (em) => generatePeacekeeping(em, options, rng, base));
  const risk = await withDatabase(serverUrl, riskSubgraph, (em) => generateRisk(em, options, rng, base, peacekeeping.hosts));
  const counts = { ...base.counts, ...risk.counts, ...peacekeeping.counts };
  if (options.scale > 1) {
    // The rows N× the data set adds, from random sources of their own (the base data set stays as at scale 1),
    // into the three databases at once: PostgreSQL's index and foreign-key upkeep is most of the loading time.
    const more = (subgraph: number) => new Random(7_000 + 100 * subgraph + options.scale);
    const added = await Promise.all([
      withDatabase(serverUrl, engagementsSubgraph, (em) => growEngagements(em, options, more(1), base, risk.context.watched), false),
      withDatabase(serverUrl, peacekeepingSubgraph, (em) => growPeacekeeping(em, options, more(2), peacekeeping.context), false),
      withDatabase(serverUrl, riskSubgraph, (em) => growRisk(em, options, more(3), risk.context), false),
    ]);
    for (const [k, n] of added.flatMap((a) => Object.entries(a))) counts[k] = (counts[k] ?? 0) + n;
  }
  return {
    counts,
    countries: base.countries.length,
    seconds: (Date.now() - started) / 1000,
  };
}
