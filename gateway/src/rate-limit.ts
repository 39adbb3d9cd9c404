import type { IncomingMessage } from "node:http";
import { HttpRefusal, type RateLimitSettings } from "@concert/edge";
import type { Metrics } from "@concert/telemetry";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

function normalise(address: string): string {
  return address.trim().replace(/^::ffff:/, "");
}

/**
 * The address a request came from. `X-Forwarded-For` is believed only when the request arrived
 * from a trusted proxy, and then only up to the first hop that is not one.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: ReadonlySet<string>): string {
  const peer = normalise(req.socket.remoteAddress ?? "unknown");
  const header = req.headers["x-forwarded-for"];
  if (!trustedProxies.has(peer) || !header) return peer;
  const hops = (Array.isArray(header) ? header.join(",") : header).split(",").map(normalise).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!trustedProxies.has(hops[i]!)) return hops[i]!;
  }
  return hops[0] ?? peer;
}

/**
 * Per-caller request budgets, counted in this process only: each gateway replica counts on its own.
 * Signed-in callers are counted by token subject, anonymous ones by client address.
 */
export class CallerRateLimits {
  private readonly anonymous: RateLimiterMemory | null;
  private readonly signedIn: RateLimiterMemory | null;
  private readonly trustedProxies: ReadonlySet<string>;

  constructor(
    settings: RateLimitSettings,
    trustedProxies: readonly string[],
    private readonly metrics?: Metrics,
  ) {
    const limiter = (points: number) => (points > 0 ? new RateLimiterMemory({ points, duration: settings.windowSeconds }) : null);
    this.anonymous = limiter(settings.anonymousRequests);
    this.signedIn = limiter(settings.signedInRequests);
    this.trustedProxies = new Set(trustedProxies.map(normalise));
  }

  /** Counts one request; throws an HttpRefusal (429 with Retry-After) once the caller's budget is spent. */
  async take(req: IncomingMessage, subject: string | null): Promise<void> {
    const limiter = subject === null ? this.anonymous : this.signedIn;
    if (!limiter) return;
    const key = subject ?? clientAddress(req, this.trustedProxies);
    try {
      await limiter.consume(key);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      this.metrics?.countRateLimitRefusal(subject === null ? "anonymous" : "signed-in");
      const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      throw new HttpRefusal(429, "RATE_LIMITED", `too many requests; retry in ${seconds} s`, { "retry-after": String(seconds) });
    }
  }
}
