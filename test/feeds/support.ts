import { withDatabaseClient } from "@concert/db";
import type { TestSystem } from "@concert/system/testing";

export interface FeedNode {
  recordType: string;
  id: string;
  change: "CREATED" | "UPDATED" | "DELETED" | "ACCESS_REVOKED";
  version: number;
  record: { id?: string; acronym?: string; version: number } | null;
}

export interface FeedPage {
  nodes: FeedNode[];
  pageInfo: { endCursor: string; hasNextPage: boolean };
}

export interface FeedError {
  code: unknown;
  message: string;
}

/** The change feed of one subgraph, read as a client would. */
export function feedQuery(field: "riskChanges" | "peacekeepingChanges" | "engagementsChanges", typeEnum: string, recordFields: string) {
  return `query($after: String, $first: Int, $types: [${typeEnum}!]) {
    ${field}(after: $after, first: $first, types: $types) {
      nodes { recordType id change version at record { ${recordFields} } }
      pageInfo { endCursor hasNextPage }
    }
  }`;
}

/** One page, or the error the feed answered with. */
export async function readPage(
  system: TestSystem,
  query: string,
  token: string | undefined,
  variables: Record<string, unknown>,
  url?: string,
): Promise<{ page: FeedPage | null; error: FeedError | null }> {
  const res = await system.query<Record<string, FeedPage | null>>(query, { token, variables, url });
  const error = res.errors?.[0];
  const page = res.data ? (Object.values(res.data)[0] ?? null) : null;
  return { page, error: error ? { code: error.extensions?.code, message: error.message } : null };
}

/**
 * Waits until every transaction that began before now has ended, anywhere on the server: a feed serves only
 * what lies below the oldest transaction in flight, and other test files' transactions share the server.
 */
export async function settled(): Promise<void> {
  await withDatabaseClient(process.env.DATABASE_URL!, "postgres", async (client) => {
    const now = (await client.query<{ xid: string }>("SELECT pg_current_xact_id()::text AS xid")).rows[0].xid;
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { rows } = await client.query<{ past: boolean }>("SELECT pg_snapshot_xmin(pg_current_snapshot()) > $1::text::xid8 AS past", [
        now,
      ]);
      if (rows[0].past) return;
      if (Date.now() > deadline) throw new Error("a transaction stayed open on the server for over 15 s");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
}

/** Reads pages until the feed has nothing more now; returns the entries and the cursor to go on from. */
export async function drain(
  system: TestSystem,
  query: string,
  token: string | undefined,
  from: { after?: string; types?: string[]; first?: number; settle?: boolean } = {},
): Promise<{ nodes: FeedNode[]; cursor: string }> {
  if (from.settle !== false) await settled();
  const nodes: FeedNode[] = [];
  let after = from.after;
  for (;;) {
    const { page, error } = await readPage(system, query, token, { after, types: from.types, first: from.first ?? 200 });
    if (error) throw new Error(`feed refused: ${String(error.code)} ${error.message}`);
    nodes.push(...page!.nodes);
    after = page!.pageInfo.endCursor;
    expect(typeof after).toBe("string");
    if (!page!.pageInfo.hasNextPage) return { nodes, cursor: after };
  }
}
