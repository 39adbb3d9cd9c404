import type { IncomingMessage } from "node:http";
import { clientAddress } from "./rate-limit.js";

const request = (peer: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor } }) as unknown as IncomingMessage;
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
