import type { IncomingMessage } from "node:http";
import { HttpRefusal } from "@concert/edge";
import { createMetrics } from "@concert/telemetry";
import { CallerRateLimits, clientAddress } from "./rate-limit.js";

const request = (peer: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress: peer },
    headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
  }) as unknown as IncomingMessage;
const trusted = new Set(["10.0.0.1", "10.0.0.2"]);

describe("the client address a rate limit counts", () => {
  it("is the peer when no proxy is trusted, whatever X-Forwarded-For claims", () => {
    expect(clientAddress(request("::ffff:198.51.100.7", "203.0.113.9"), new Set())).toBe("198.51.100.7");
  });

  it("is the peer when the peer is not a trusted proxy", () => {
    expect(clientAddress(request("198.51.100.7", "203.0.113.9"), trusted)).toBe("198.51.100.7");
  });

  it("behind trusted proxies, is the last hop that is not one of them: a forged first entry does not count", () => {
    expect(clientAddress(request("10.0.0.1", "1.2.3.4, 203.0.113.9, 10.0.0.2"), trusted)).toBe("203.0.113.9");
    expect(clientAddress(request("10.0.0.1", "203.0.113.9"), trusted)).toBe("203.0.113.9");
  });

  it("is the trusted proxy itself when it forwards nothing", () => {
    expect(clientAddress(request("10.0.0.1"), trusted)).toBe("10.0.0.1");
  });
});

describe("a refusal by a rate limit", () => {
  it("answers 429 with Retry-After and is counted in the metrics by which limit refused", async () => {
    const metrics = createMetrics("rate-limit-test");
    const limits = new CallerRateLimits({ windowSeconds: 60, anonymousRequests: 1, signedInRequests: 1 }, [], metrics);
    await limits.take(request("198.51.100.7"), null);
    const refusal = await limits.take(request("198.51.100.7"), null).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(HttpRefusal);
    expect(refusal).toMatchObject({ status: 429, code: "RATE_LIMITED", headers: { "retry-after": expect.stringMatching(/^\d+$/) } });
    await limits.take(request("198.51.100.8"), "issuer subject");
    await limits.take(request("198.51.100.8"), "issuer subject").catch(() => undefined);
    const exposition = await metrics.registry.metrics();
    expect(exposition).toContain('concert_rate_limit_refusals_total{service="rate-limit-test",limit="anonymous"} 1');
    expect(exposition).toContain('concert_rate_limit_refusals_total{service="rate-limit-test",limit="signed-in"} 1');
  });
});
