import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTokenVerifier, type DirectoryEntry, ensureDevIssuer, signDevToken, staticDirectory } from "@concert/auth";
import { dropDatabase, freePort } from "@concert/db";
import type { EdgeSettings } from "@concert/edge";
import { type ChangeFeedSettings, developmentChangeFeed } from "@concert/subgraph-kit/feeds";
import { type RunningSubgraph, runSubgraph, type SubgraphModule } from "@concert/subgraph-kit/server";
import { edgeFromEnv } from "../config/index.js";
import { capturedLogs } from "./logs.js";
import type { GraphQLResponse, UntypedData } from "./response.js";
import { useStarted } from "./system.js";

/** A registry for tests of one subgraph on its own. */
export const TEST_DIRECTORY: DirectoryEntry[] = [
  { code: "USA", kind: "GOVERNMENT", groups: ["SLF"] },
  { code: "CAN", kind: "GOVERNMENT", groups: ["SLF"] },
  { code: "DEU", kind: "GOVERNMENT", groups: ["SLF", "R2PFP"] },
  { code: "GBR", kind: "GOVERNMENT", groups: ["SLF", "R2PFP"] },
  { code: "BGD", kind: "GOVERNMENT", groups: [] },
  { code: "UN", kind: "MULTILATERAL", groups: [] },
  { code: "EU", kind: "MULTILATERAL", groups: ["R2PFP"] },
  { code: "GCR2P", kind: "CIVIL_SOCIETY", groups: ["GAAMAC"] },
];

export interface TestSubgraph extends RunningSubgraph {
  query<TData = UntypedData>(
    query: string,
    options?: { token?: string; variables?: Record<string, unknown> },
  ): Promise<GraphQLResponse<TData>>;
  token(partner: string, ...roles: string[]): Promise<string>;
  /** The change feed's cursor key and retention, so that a test can sign a cursor of its own (an expired one). */
  changeFeed: ChangeFeedSettings;
  /** The subgraph's database, on the server of `DATABASE_URL`. */
  dbName: string;
}

let runs = 0;

/**
 * Runs one subgraph against real PostgreSQL (the server of `DATABASE_URL`), with a fixed
 * partner registry, for integration tests that talk to it directly over HTTP.
 */
export async function startTestSubgraph(
  module: SubgraphModule,
  directory: DirectoryEntry[] = TEST_DIRECTORY,
  options: {
    /** Limits and headers; the documented defaults when absent. */
    edge?: EdgeSettings;
  } = {},
): Promise<TestSubgraph> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is not set: run the tests with `npm test`");
  const dataDir = mkdtempSync(join(tmpdir(), "concert-subgraph-test-"));
  const dbName = `s${process.pid}_${++runs}_${module.name}`;
  const changeFeed = developmentChangeFeed(dataDir);
  const running = await runSubgraph(module, {
    serverUrl: databaseUrl,
    dbName,
    port: await freePort(),
    host: "127.0.0.1",
    verify: createTokenVerifier([await ensureDevIssuer(dataDir)]),
    directory: staticDirectory(directory),
    development: true,
    demoData: true,
    logDestination: capturedLogs().destination,
    changeFeed,
    edge: options.edge ?? edgeFromEnv({}, true),
  });
  return {
    ...running,
    changeFeed,
    dbName,
    async query(query, options = {}) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      const response = await fetch(running.url, { method: "POST", headers, body: JSON.stringify({ query, variables: options.variables }) });
      return { status: response.status, ...((await response.json()) as object) } as never;
    },
    token: (partner, ...roles) => signDevToken(dataDir, { partner, roles, subject: `test:${partner}`, ttl: "1h" }),
    async stop() {
      await running.stop();
      await dropDatabase(databaseUrl, dbName);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The test file's subgraph: `startTestSubgraph(...args)` in a `beforeAll` and its stop in an `afterAll` that this call
 * registers, instead of a start and stop block in every file (see `useTestSystem`).
 */
export function useTestSubgraph(...args: Parameters<typeof startTestSubgraph>): TestSubgraph {
  return useStarted("test subgraph", () => startTestSubgraph(...args));
}
