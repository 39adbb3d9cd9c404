import type { RemoteGraphQLDataSource } from "@apollo/gateway";
import { Agent, request } from "undici";

/** What Apollo's data source calls to reach a subgraph, and what it reads of the answer. */
export type Fetcher = NonNullable<NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>["fetcher"]>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/**
 * How long before the subgraph would close an idle connection the gateway stops reusing it. A request written on a
 * connection at the moment the server closes it is lost with a reset; a GraphQL POST may be a mutation, so it is
 * never sent again: the race is avoided by timing instead. The subgraphs announce their keep-alive timeout
 * (`Keep-Alive: timeout=5` for `HTTP_KEEP_ALIVE_TIMEOUT_MS` 5000) and the client keeps a connection idle at most
 * that long less this margin.
 */
export const KEEP_ALIVE_MARGIN_MS = 2_000;
/** Idle time when a subgraph announces no keep-alive timeout: below Node's default server timeout (5 s). */
export const KEEP_ALIVE_WITHOUT_HINT_MS = 2_000;

/**
 * The gateway's connection pool to its subgraphs: persistent connections (one request at a time on each, as many
 * connections as requests in flight), each retired `KEEP_ALIVE_MARGIN_MS` before the subgraph's announced keep-alive
 * timeout runs out.
 */
export function subgraphAgent(): Agent {
  return new Agent({
    keepAliveTimeout: KEEP_ALIVE_WITHOUT_HINT_MS,
    keepAliveTimeoutThreshold: KEEP_ALIVE_MARGIN_MS,
    pipelining: 1,
  });
}

/** The part of a fetch answer Apollo's data source reads, over a body already read whole. */
class SubgraphResponse implements FetcherResponse {
  readonly bodyUsed = false;
  readonly redirected = false;
  readonly statusText = "";
  constructor(
    readonly url: string,
    readonly status: number,
    readonly headers: Headers,
    private readonly body: string,
  ) {}
  get ok() {
    return this.status >= 200 && this.status < 300;
  }
  async text() {
    return this.body;
  }
  async json() {
    return JSON.parse(this.body);
  }
  async arrayBuffer() {
    const bytes = Buffer.from(this.body);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
  clone() {
    return new SubgraphResponse(this.url, this.status, this.headers, this.body);
  }
}

/**
 * Sends a data source's request with undici's `request` on `agent`, giving up after `timeoutMs` (the error's name is
 * then `TimeoutError`). Leaner than `fetch`: no WHATWG request and stream objects per subgraph fetch. A failure to
 * connect, a reset or a timeout rejects; the data source turns it into SERVICE_UNAVAILABLE.
 */
export function subgraphFetcher(agent: Agent, timeoutMs: number): Fetcher {
  return async (url, init) => {
    const answer = await request(url, {
      dispatcher: agent,
      method: (init?.method ?? "POST") as "POST",
      headers: init?.headers,
      body: init?.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await answer.body.text();
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      else if (value !== undefined) headers.set(name, value);
    }
    return new SubgraphResponse(url, answer.statusCode, headers, body);
  };
}
