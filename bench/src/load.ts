import autocannon from "autocannon";

/** One request of a target's pass. */
export interface Request {
  body: string;
  /**
   * Tokens of distinct users of the persona sending it: each connection is one user, for one pass. Identical
   * requests with one token would let a gateway that merges identical in-flight subgraph fetches (Hive Gateway
   * does) skip most of the work.
   */
  tokens: string[];
  /** Field refusals in its answer are part of the answer, not errors (see `answerErrors`). */
  refusals?: boolean;
}

interface GraphQLError {
  message?: string;
  path?: unknown[];
  extensions?: { code?: string };
}

/**
 * The errors of a GraphQL answer that count as errors. Where `refusals` are part of the answer (the console's
 * documents ask for fields the access policy withholds from some callers, such as a finding's ORIGINATOR-marked
 * evidence, and the console shows them as restricted), a field refused with FORBIDDEN on a path does not count.
 */
export function answerErrors(errors: GraphQLError[] | undefined, refusals = false): GraphQLError[] {
  return (errors ?? []).filter((e) => !(refusals && e.extensions?.code === "FORBIDDEN" && Array.isArray(e.path) && e.path.length > 0));
}

/** Whether a response body carries errors that count (`answerErrors`); the body is parsed only when it has some at all. */
function countsAsError(body: string, refusals: boolean): boolean {
  // `"errors":` cannot occur inside a JSON string (its quote would be escaped): a cheap, exact check.
  if (!body.includes('"errors":')) return false;
  if (!refusals) return true;
  try {
    return answerErrors((JSON.parse(body) as { errors?: GraphQLError[] }).errors, true).length > 0;
  } catch {
    return true;
  }
}

/**
 * What a connection sends over and over: one pass is its requests in order, each after the previous one's answer.
 * Throughput and latency are those of passes (a latency is the sum of its requests'); most journeys' pass is one
 * request.
 */
export interface Target {
  url: string;
  requests: Request[];
}

export interface LoadResult {
  connections: number;
  /** Seconds of load before measuring, and measured. */
  warmup: number;
  seconds: number;
  requests: number;
  /** Passes per second (for a target of one request, responses per second). */
  rps: number;
  /** Latency percentiles in milliseconds. */
  p50: number;
  p95: number;
  p99: number;
  /** Requests with a transport error, a timeout (120 s), a non-2xx answer or an answer carrying GraphQL `errors` (`answerErrors`). */
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Throughput and percentiles of the latencies (ms) measured over `seconds`. */
export function summarize(latencies: readonly number[], connections: number, warmup: number, seconds: number, errors: number): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    connections,
    warmup,
    seconds,
    requests: sorted.length,
    rps: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors,
  };
}

/** Each connection's passes: the latency of a pass is the sum of its requests', counted when its last answer arrives. */
function passLatencies(passLength: number, measuring: () => boolean) {
  const latencies: number[] = [];
  const open = new Map<unknown, { answers: number; ms: number }>();
  return {
    latencies,
    onResponse(client: unknown, responseTime: number) {
      const pass = open.get(client) ?? { answers: 0, ms: 0 };
      pass.answers++;
      pass.ms += responseTime;
      if (pass.answers < passLength) return void open.set(client, pass);
      open.delete(client);
      if (measuring()) latencies.push(pass.ms);
    },
  };
}

/**
 * Sends `target`'s passes from `connections` keep-alive connections for `warmup + seconds`, without a pause, and
 * measures the passes that end in the last `seconds` (errors: all of them). `onMeasure` is called when measuring starts.
 */
export function load(
  target: Target,
  connections: number,
  warmup: number,
  seconds: number,
  onMeasure = () => {},
): Promise<LoadResult & { latencies: number[] }> {
  let graphqlErrors = 0;
  let users = 0;
  let measuring = false;
  const passes = passLatencies(target.requests.length, () => measuring);
  const timer = setTimeout(() => {
    measuring = true;
    onMeasure();
  }, warmup * 1000);
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        connections,
        duration: warmup + seconds,
        // A slow answer is measured as slow, not dropped: only one slower than this counts as an error.
        timeout: 120,
        requests: target.requests.map(({ body, tokens, refusals = false }) => ({
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
          // autocannon gives each connection a fresh context at the start of every pass: the pass's user.
          setupRequest: (request, context: { user?: number }) => {
            context.user ??= users++;
            const token = tokens[context.user % tokens.length];
            return { ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } };
          },
          onResponse: (_status, responseBody) => {
            if (countsAsError(responseBody, refusals)) graphqlErrors++;
          },
        })),
      },
      (err, result) => {
        clearTimeout(timer);
        if (err) return reject(err);
        const errors = result.errors + result.timeouts + result.non2xx + graphqlErrors;
        resolve({ ...summarize(passes.latencies, connections, warmup, seconds, errors), latencies: passes.latencies });
      },
    );
    instance.on("response", (client, _status, _bytes, responseTime: number) => passes.onResponse(client, responseTime));
  });
}

/**
 * The cost of a journey done without a gateway, as the sum of its subgraph fetches measured one by one at the
 * same concurrency: latencies add up, and each fetch holds the subgraphs for 1/rps of a second.
 */
export function sumOfFetches(results: LoadResult[]): LoadResult {
  const sum = (f: (r: LoadResult) => number) => results.reduce((s, r) => s + f(r), 0);
  return {
    connections: results[0]?.connections ?? 0,
    warmup: sum((r) => r.warmup),
    seconds: sum((r) => r.seconds),
    requests: Math.min(...results.map((r) => r.requests)),
    rps: 1 / sum((r) => 1 / r.rps),
    p50: sum((r) => r.p50),
    p95: sum((r) => r.p95),
    p99: sum((r) => r.p99),
    errors: sum((r) => r.errors),
  };
}
