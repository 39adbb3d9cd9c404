import { sha256 } from "@concert/gateway";
import type { SubgraphName } from "@concert/system";
import { type Capture, type SubgraphFetch, startCapture } from "./capture.js";
import type { Journey } from "./journeys.js";
import { answerErrors, type Request, type Target } from "./load.js";
import type { Cluster } from "./services/cluster.js";

export type Statements = Record<SubgraphName, number> & { total: number };

/** A journey checked once on every path, ready to be put under load. */
export interface PreparedJourney {
  journey: Journey;
  concert: Target;
  hive: Target;
  /** The subgraph fetches of Concert's query plan, replayed straight at the subgraphs (directTargets). */
  direct: DirectTarget[];
  /** What the answer holds, e.g. "50 countries, …". */
  size: string;
  /** Whether Hive Gateway answered exactly what Concert answered (data, and the fields refused). */
  sameAnswer: boolean;
  /** Response bodies of a pass in bytes: through each gateway, and each direct target's. */
  bytes: { concert: number; hive: number; direct: number[] };
  statements: { concert: Statements; hive: Statements; direct: Statements; concertSmaller: Statements; smallerSize: string };
}

type Data = Record<string, unknown>;

/** One answer: its data, and the paths of the fields refused in it where refusals are part of the answer. */
interface Answer {
  data: Data;
  refused: string[];
}

/**
 * Posts one GraphQL request as the first user of its persona, and fails on any error that counts (`answerErrors`):
 * load is only put on requests that succeed.
 */
async function postOne(url: string, request: Request, what: string): Promise<Answer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${request.tokens[0]}` },
    body: request.body,
  });
  const text = await response.text();
  const body = JSON.parse(text) as { data?: Data; errors?: { path?: unknown[] }[] };
  if (!response.ok || answerErrors(body.errors, request.refusals).length || !body.data)
    throw new Error(`${what}: HTTP ${response.status} ${text.slice(0, 1000)}`);
  return { data: body.data, refused: (body.errors ?? []).map((e) => (e.path ?? []).join(".")).sort() };
}

/** One pass of `target`: its requests in order, the answer of each. */
async function post(target: Target, what: string): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const [i, request] of target.requests.entries())
    answers.push(await postOne(target.url, request, target.requests.length > 1 ? `${what}, request ${i + 1}` : what));
  return answers;
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

/** Response bytes of one pass of `target`. */
async function bytesOf(target: Target): Promise<number> {
  let bytes = 0;
  for (const request of target.requests) {
    const response = await fetch(target.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${request.tokens[0]}` },
      body: request.body,
    });
    bytes += (await response.arrayBuffer()).byteLength;
  }
  return bytes;
}

/**
 * The requests of one pass of `journey`, with `variables` of each operation, each sent by its persona's users
 * (`tokens[persona]`). `persisted`: an operation marked so is sent by the SHA-256 of its document alone (Apollo's
 * persisted-query extension, as the console sends it); otherwise every operation is sent as text.
 */
function requests(journey: Journey, tokens: string[][], variables: "variables" | "smaller", persisted: boolean): Request[] {
  return journey.operations.map((op) => {
    const { operationName } = op;
    const body =
      persisted && op.persisted
        ? { operationName, variables: op[variables], extensions: { persistedQuery: { version: 1, sha256Hash: sha256(op.query) } } }
        : { query: op.query, operationName, variables: op[variables] };
    return { body: JSON.stringify(body), tokens: tokens[op.persona]!, refusals: op.refusals };
  });
}

type DirectTarget = Target & { subgraph: SubgraphName };

/**
 * The subgraph fetches of Concert's query plan for each request of `plain` (the documents as text: the capturing
 * gateway has no persisted documents), each sent by the request's users. A journey of one operation measures each
 * fetch alone; a journey of several (the console's) measures each subgraph's fetches as one pass, in order.
 */
async function directTargets(capture: Capture, plain: Target, what: string): Promise<DirectTarget[]> {
  const fetches: (SubgraphFetch & Omit<Request, "body">)[] = [];
  for (const request of plain.requests) {
    const recorded = await capture.record(async (url) => void (await postOne(url, request, `${what} (capture)`)));
    fetches.push(...recorded.map((f) => ({ ...f, tokens: request.tokens, refusals: request.refusals })));
  }
  const target = (f: (typeof fetches)[number]): DirectTarget => ({
    url: f.url,
    subgraph: f.subgraph,
    requests: [{ body: f.body, tokens: f.tokens, refusals: f.refusals }],
  });
  if (plain.requests.length === 1) return fetches.map(target);
  const bySubgraph = new Map<SubgraphName, DirectTarget>();
  for (const f of fetches) {
    const grouped = bySubgraph.get(f.subgraph);
    if (grouped) grouped.requests.push(...target(f).requests);
    else bySubgraph.set(f.subgraph, target(f));
  }
  return [...bySubgraph.values()];
}

/** SQL statements of one pass on each path, and of the smaller pass through Concert. */
async function statementsOfPaths(cluster: Cluster, journey: Journey, concert: Target, hive: Target, direct: Target[], smaller: Target) {
  const { name } = journey;
  return {
    concert: await statementsOf(cluster, () => post(concert, name)),
    hive: await statementsOf(cluster, () => post(hive, name)),
    direct: await statementsOf(cluster, async () => {
      for (const target of direct) await post(target, name);
    }),
    concertSmaller: await statementsOf(cluster, () => post(smaller, name)),
    smallerSize: journey.size((await post(smaller, name)).map((a) => a.data)),
  };
}

/** Checks a journey on Concert, on Hive Gateway and directly, and counts its SQL statements on each path. */
async function prepareJourney(cluster: Cluster, capture: Capture, journey: Journey, tokens: string[][]): Promise<PreparedJourney> {
  const concert: Target = { url: cluster.concertUrl, requests: requests(journey, tokens, "variables", true) };
  const hive: Target = { url: cluster.hiveUrl, requests: requests(journey, tokens, "variables", false) };
  const concertData = await post(concert, `${journey.name} through Concert`);
  const hiveData = await post(hive, `${journey.name} through Hive Gateway`);
  const direct = await directTargets(capture, hive, journey.name);
  for (const [i, target] of direct.entries()) await post(target, `${journey.name} direct fetch ${i + 1} (${target.subgraph})`);
  const smaller: Target = { ...concert, requests: requests(journey, tokens, "smaller", true) };
  return {
    journey,
    concert,
    hive,
    direct,
    size: journey.size(concertData.map((a) => a.data)),
    sameAnswer: JSON.stringify(concertData) === JSON.stringify(hiveData),
    bytes: { concert: await bytesOf(concert), hive: await bytesOf(hive), direct: await Promise.all(direct.map(bytesOf)) },
    statements: await statementsOfPaths(cluster, journey, concert, hive, direct, smaller),
  };
}

/**
 * Checks each journey on Concert, on Hive Gateway and directly, and counts its SQL statements on each path.
 * `tokens[p]`: the users of the journey's persona `p`.
 */
export async function prepareJourneys(cluster: Cluster, journeys: { journey: Journey; tokens: string[][] }[]): Promise<PreparedJourney[]> {
  const capture = await startCapture(cluster.issuers, cluster.subgraphUrls);
  try {
    const prepared: PreparedJourney[] = [];
    for (const { journey, tokens } of journeys) prepared.push(await prepareJourney(cluster, capture, journey, tokens));
    return prepared;
  } finally {
    await capture.stop();
  }
}
