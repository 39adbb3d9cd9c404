import type { SubgraphName } from "@concert/system";
import { type SubgraphFetch, startCapture } from "./capture.js";
import type { Journey } from "./journeys.js";
import type { Target } from "./load.js";
import type { Cluster } from "./services/cluster.js";

export type Statements = Record<SubgraphName, number> & { total: number };

/** A journey checked once on every path, ready to be put under load. */
export interface PreparedJourney {
  journey: Journey;
  concert: Target;
  hive: Target;
  /** The subgraph fetches of Concert's query plan, replayed straight at the subgraphs. */
  direct: (Target & { subgraph: SubgraphName })[];
  /** What the answer holds, e.g. "50 countries, …". */
  size: string;
  /** Whether Hive Gateway answered exactly what Concert answered. */
  sameAnswer: boolean;
  /** Response bodies in bytes: through each gateway, and each direct fetch's. */
  bytes: { concert: number; hive: number; direct: number[] };
  statements: { concert: Statements; hive: Statements; direct: Statements; concertSmaller: Statements; smallerSize: string };
}

/** Posts one GraphQL request and fails on any error: load is only put on requests that succeed. */
async function post(target: Target, what: string): Promise<Record<string, unknown>> {
  const response = await fetch(target.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${target.tokens[0]}` },
    body: target.body,
  });
  const text = await response.text();
  const body = JSON.parse(text) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (!response.ok || body.errors?.length || !body.data) throw new Error(`${what}: HTTP ${response.status} ${text.slice(0, 1000)}`);
  return body.data;
}

/**
 * SQL statements the subgraphs send for `send`, after one warm-up request (caches filled): the fewest of three
 * tries, so that a background refresh of the partner registry is not counted.
 */
async function statementsOf(cluster: Cluster, send: () => Promise<unknown>): Promise<Statements> {
  await send();
  let fewest: Statements | null = null;
  for (let i = 0; i < 3; i++) {
    await cluster.statements(true);
    await send();
    const counts = await cluster.statements(false);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    if (!fewest || total < fewest.total) fewest = { ...counts, total };
  }
  return fewest!;
}

async function bytesOf(target: Target): Promise<number> {
  const response = await fetch(target.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${target.tokens[0]}` },
    body: target.body,
  });
  return (await response.arrayBuffer()).byteLength;
}

const body = (journey: Journey, variables: Record<string, unknown>) => JSON.stringify({ query: journey.query, variables });

/** Checks each journey on Concert, on Hive Gateway and directly, and counts its SQL statements on each path. */
export async function prepareJourneys(cluster: Cluster, journeys: { journey: Journey; tokens: string[] }[]): Promise<PreparedJourney[]> {
  const capture = await startCapture(cluster.issuers, cluster.subgraphUrls);
  try {
    const prepared: PreparedJourney[] = [];
    for (const { journey, tokens } of journeys) {
      const concert = { url: cluster.concertUrl, body: body(journey, journey.variables), tokens };
      const hive = { ...concert, url: cluster.hiveUrl };
      const concertData = await post(concert, `${journey.name} through Concert`);
      const hiveData = await post(hive, `${journey.name} through Hive Gateway`);
      const fetches: SubgraphFetch[] = await capture.record(
        async (url) => void (await post({ ...concert, url }, `${journey.name} (capture)`)),
      );
      const direct = fetches.map((f) => ({ url: f.url, body: f.body, tokens, subgraph: f.subgraph }));
      for (const [i, target] of direct.entries()) await post(target, `${journey.name} direct fetch ${i + 1} (${target.subgraph})`);
      const smaller = { ...concert, body: body(journey, journey.smaller) };
      prepared.push({
        journey,
        concert,
        hive,
        direct,
        size: journey.size(concertData),
        sameAnswer: JSON.stringify(concertData) === JSON.stringify(hiveData),
        bytes: { concert: await bytesOf(concert), hive: await bytesOf(hive), direct: await Promise.all(direct.map(bytesOf)) },
        statements: {
          concert: await statementsOf(cluster, () => post(concert, journey.name)),
          hive: await statementsOf(cluster, () => post(hive, journey.name)),
          direct: await statementsOf(cluster, async () => {
            for (const target of direct) await post(target, journey.name);
          }),
          concertSmaller: await statementsOf(cluster, () => post(smaller, journey.name)),
          smallerSize: journey.size(await post(smaller, journey.name)),
        },
      });
    }
    return prepared;
  } finally {
    await capture.stop();
  }
}
