import type { Logger } from "pino";
import { REQUEST_ID_HEADER } from "./request-id.js";

/** How long repeats of one refusal are counted before their count is logged. */
export const REFUSAL_SUMMARY_MS = 10_000;
/** Clients remembered at once; past this, the counts so far are logged and forgotten (a flood of addresses). */
const MAX_TRACKED = 10_000;

interface Seen {
  client: string;
  status: number;
  code: string;
  since: number;
  repeats: number;
}

/**
 * One short line per refused request (401, 413, 429, 404…), before any GraphQL work. A refusal repeated by one
 * client for one reason is logged once, then counted: its count is logged once per window (10 s), so a client
 * hammering the rate limit costs two lines per window, not a line per request.
 */
export class RefusalLog {
  private readonly seen = new Map<string, Seen>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly windowMs = REFUSAL_SUMMARY_MS,
  ) {}

  /** `requestId` goes on the line that is written, so that a client's report can be found. */
  note(client: string, status: number, code: string, requestId?: string): void {
    const key = `${client}\n${status}\n${code}`;
    const now = Date.now();
    const known = this.seen.get(key);
    if (known && now - known.since < this.windowMs) {
      known.repeats += 1;
      return;
    }
    if (known) this.summarise(known);
    if (this.seen.size >= MAX_TRACKED) this.flush(Number.POSITIVE_INFINITY);
    this.seen.set(key, { client, status, code, since: now, repeats: 0 });
    this.logger.warn({ client, status, code, ...(requestId ? { requestId } : {}) }, `refused ${status} ${code}`);
    this.schedule();
  }

  /** Logs the counts of every window that has ended (all of them with `Infinity`) and forgets those clients. */
  flush(olderThanMs = this.windowMs): void {
    const now = Date.now();
    for (const [key, seen] of this.seen) {
      if (now - seen.since < olderThanMs) continue;
      this.summarise(seen);
      this.seen.delete(key);
    }
  }

  private summarise(seen: Seen): void {
    if (seen.repeats === 0) return;
    this.logger.warn(
      { client: seen.client, status: seen.status, code: seen.code, count: seen.repeats },
      `refused ${seen.repeats} more ${seen.status} ${seen.code} in ${Math.round((Date.now() - seen.since) / 1000)} s`,
    );
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.flush();
      if (this.seen.size === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    }, this.windowMs);
    this.timer.unref();
  }
}

/** The request id a front put on its response (see `REQUEST_ID_HEADER`), if it did. */
export function responseRequestId(response: { getHeader(name: string): unknown }): string | undefined {
  const id = response.getHeader(REQUEST_ID_HEADER);
  return typeof id === "string" ? id : undefined;
}
