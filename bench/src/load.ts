import autocannon from "autocannon";

/** One kind of request, sent over and over. */
export interface Target {
  url: string;
  body: string;
  /**
   * Tokens of distinct users of the same persona: each connection is one user. Identical requests with one token
   * would let a gateway that merges identical in-flight subgraph fetches (Hive Gateway does) skip most of the work.
   */
  tokens: string[];
}

export interface LoadResult {
  connections: number;
  /** Seconds of load before measuring, and measured. */
  warmup: number;
  seconds: number;
  requests: number;
  /** Responses per second. */
  rps: number;
  /** Latency percentiles in milliseconds. */
  p50: number;
  p95: number;
  p99: number;
  /** Transport errors, timeouts (120 s), non-2xx answers and answers carrying GraphQL `errors`. */
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

/**
 * Sends `target` from `connections` keep-alive connections for `warmup + seconds`, without a pause, and measures
 * the responses that arrive in the last `seconds` (errors: all of them). `onMeasure` is called when measuring starts.
 */
export function load(
  target: Target,
  connections: number,
  warmup: number,
  seconds: number,
  onMeasure = () => {},
): Promise<LoadResult & { latencies: number[] }> {
  const latencies: number[] = [];
  let graphqlErrors = 0;
  let users = 0;
  let measuring = false;
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
        requests: [
          {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: target.body,
            setupRequest: (request, context: { token?: string }) => {
              context.token ??= target.tokens[users++ % target.tokens.length];
              return { ...request, headers: { ...request.headers, authorization: `Bearer ${context.token}` } };
            },
            // `"errors":` cannot occur inside a JSON string (its quote would be escaped): a cheap, exact check.
            onResponse: (_status, body) => {
              if (body.includes('"errors":')) graphqlErrors++;
            },
          },
        ],
      },
      (err, result) => {
        clearTimeout(timer);
        if (err) return reject(err);
        const errors = result.errors + result.timeouts + result.non2xx + graphqlErrors;
        resolve({ ...summarize(latencies, connections, warmup, seconds, errors), latencies });
      },
    );
    instance.on("response", (_client, _status, _bytes, responseTime: number) => {
      if (measuring) latencies.push(responseTime);
    });
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
