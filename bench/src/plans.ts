import { withDatabaseClient } from "@concert/db";
import type { Client } from "pg";

/** A statement the measured load sent, as pg_stat_statements recorded it, with how PostgreSQL plans it. */
export interface StatementPlan {
  database: string;
  /** Normalised by PostgreSQL: `$n` stands for each value. */
  statement: string;
  calls: number;
  meanMs: number;
  rowsPerCall: number;
  /** The indexes the plan reads. */
  indexes: string[];
  /** Tables of more than `LARGE_TABLE` rows that the plan reads whole and no index could narrow: each wants one. */
  fullScans: string[];
  /**
   * Tables read whole although an index could narrow the read (shown by planning again with sequential scans
   * off): PostgreSQL expects most rows to qualify and reading them in order is cheaper.
   */
  chosenFullScans: string[];
  /** Why there is no plan, when EXPLAIN refused the statement. */
  planError?: string;
}

/** Below this many rows, reading a whole table is what PostgreSQL should do. */
export const LARGE_TABLE = 1000;

/** Flags for the bench's PostgreSQL server: record every statement with its timings. */
export const STATEMENT_STATS_FLAGS = ["-c", "shared_preload_libraries=pg_stat_statements", "-c", "pg_stat_statements.max=5000"];

/** Forgets the statements recorded so far (the data set's inserts, start-up, checks), to record only the load. */
export async function resetStatementStats(serverUrl: string): Promise<void> {
  await withDatabaseClient(serverUrl, "postgres", async (client) => {
    await client.query("create extension if not exists pg_stat_statements");
    await client.query("select pg_stat_statements_reset()");
  });
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  Plans?: PlanNode[];
}

function* nodesOf(node: PlanNode): Generator<PlanNode> {
  yield node;
  for (const child of node.Plans ?? []) yield* nodesOf(child);
}

async function explain(client: Client, statement: string): Promise<PlanNode[]> {
  const { rows } = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(`explain (generic_plan, format json) ${statement}`);
  return [...nodesOf(rows[0]!["QUERY PLAN"][0].Plan)];
}

/** The index the plan narrows `table` with: an index scan with a condition, or a bitmap scan's index. */
function narrowingIndex(nodes: PlanNode[], table: string): string | undefined {
  for (const node of nodes.filter((n) => n["Relation Name"] === table)) {
    if (node["Index Name"] && node["Index Cond"]) return node["Index Name"];
    const bitmap = node.Plans?.flatMap((child) => [...nodesOf(child)]).find((n) => n["Index Cond"]);
    if (node["Node Type"] === "Bitmap Heap Scan" && bitmap) return bitmap["Index Name"];
  }
  return undefined;
}

/**
 * A statement that answers at least this share of a table's rows per call reads it whole by nature (an unfiltered
 * map, every country's entries): no index could make that read smaller.
 */
export const WHOLE_TABLE_ANSWER = 0.5;

async function planOf(client: Client, plan: StatementPlan, rowsOf: Map<string, number>): Promise<void> {
  const nodes = await explain(client, plan.statement);
  plan.indexes = [...new Set(nodes.flatMap((n) => (n["Index Name"] ? [n["Index Name"]] : [])))];
  const whole = [
    ...new Set(
      nodes
        .filter((n) => n["Node Type"] === "Seq Scan" && (rowsOf.get(n["Relation Name"]!) ?? 0) > LARGE_TABLE)
        .map((n) => n["Relation Name"]!),
    ),
  ];
  if (whole.length === 0) return;
  await client.query("begin");
  try {
    await client.query("set local enable_seqscan = off");
    const forced = await explain(client, plan.statement);
    for (const table of whole) {
      const rows = rowsOf.get(table) ?? 0;
      const index = narrowingIndex(forced, table);
      if (index) plan.chosenFullScans.push(`${table} (${rows} rows; ${index} could narrow it)`);
      else if (plan.rowsPerCall >= WHOLE_TABLE_ANSWER * rows)
        plan.chosenFullScans.push(`${table} (${rows} rows; the answer is ${Math.round(plan.rowsPerCall)} of them)`);
      else plan.fullScans.push(`${table} (${rows} rows)`);
    }
  } finally {
    await client.query("rollback");
  }
}

/**
 * Every query the load sent to the subgraphs' databases, most total time first, each explained with
 * EXPLAIN (GENERIC_PLAN): the plan PostgreSQL uses for the statement whatever its values. The alerts queue's own
 * statements (pg-boss, schema `pgboss`) are left out: they are the library's, and pg_stat_statements turns their
 * `interval '…'` literals into `interval $n`, which EXPLAIN cannot parse.
 */
export async function statementPlans(serverUrl: string): Promise<StatementPlan[]> {
  const { rows } = await withDatabaseClient(serverUrl, "postgres", (client) =>
    client.query<{ database: string; query: string; calls: string; mean: number; rows: string }>(
      `select d.datname as database, s.query, s.calls, s.mean_exec_time as mean, s.rows
         from pg_stat_statements s join pg_database d on d.oid = s.dbid
        where d.datname <> 'postgres' and s.query ~* '^\\s*(select|with|insert|update|delete)\\M'
          and s.query !~ '\\mpgboss\\.'
        order by s.total_exec_time desc`,
    ),
  );
  const plans: StatementPlan[] = [];
  for (const database of [...new Set(rows.map((r) => r.database))]) {
    await withDatabaseClient(serverUrl, database, async (client) => {
      const sizes = await client.query<{ relname: string; reltuples: number }>(
        "select relname, reltuples from pg_class where relkind = 'r'",
      );
      const rowsOf = new Map(sizes.rows.map((r) => [r.relname, r.reltuples]));
      for (const row of rows.filter((r) => r.database === database)) {
        const calls = Number(row.calls);
        const plan: StatementPlan = {
          database,
          statement: row.query,
          calls,
          meanMs: row.mean,
          rowsPerCall: Number(row.rows) / calls,
          indexes: [],
          fullScans: [],
          chosenFullScans: [],
        };
        await planOf(client, plan, rowsOf).catch((err: Error) => (plan.planError = err.message));
        plans.push(plan);
      }
    });
  }
  return plans;
}
