import { withDatabaseClient } from "@concert/db";
import type { SubgraphName } from "@concert/system";
import type { GraphQLResponse, TestSystem } from "@concert/system/testing";

/** Runs SQL straight in a subgraph's database: to count what was written, or to set up what the API refuses to write. */
export async function sql<T = Record<string, unknown>>(
  system: TestSystem,
  subgraph: SubgraphName,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  return withDatabaseClient(
    system.databaseUrl,
    system.databaseNames[subgraph],
    async (client) => (await client.query(text, params)).rows as T[],
  );
}

export async function rowCount(system: TestSystem, subgraph: SubgraphName, table: string): Promise<number> {
  const [row] = await sql<{ n: string }>(system, subgraph, `select count(*) as n from ${table}`);
  return Number(row!.n);
}

/** The code and field of the first error of a response. */
export function errorOf(res: GraphQLResponse): { code: unknown; field: unknown } {
  const error = res.errors?.[0];
  return { code: error?.extensions?.code, field: error?.extensions?.field };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
