import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { freePort } from "@concert/db";
import { edgeFromEnv } from "@concert/system";
import { usePreparedTestSystem } from "@concert/system/testing";
import { createTestIssuer, type TestIssuer } from "../support/test-issuers";

/** A "subgraph" that accepts connections and never answers. */
let hanging: Server | undefined;
let idp: TestIssuer;
const TIMEOUT_MS = 1500;
const WINDOW_SECONDS = 4;

const system = usePreparedTestSystem(
  async () => {
    const server = createServer(() => undefined);
    hanging = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    idp = await createTestIssuer("https://idp.usa.example", ["USA"]);
    const edge = edgeFromEnv({ CORS_ORIGINS: "https://app.example" }, false);
    return [
      [idp.config],
      {
        development: false,
        edge: {
          ...edge,
          subgraphTimeoutMs: TIMEOUT_MS,
          // the test client stands for an ingress: it says who the caller is in X-Forwarded-For
          trustedProxies: ["127.0.0.1"],
          rateLimit: { anonymousRequests: 3, signedInRequests: 5, windowSeconds: WINDOW_SECONDS },
        },
        // the gateway finds risk hanging and engagements down (its registry is still read from the real one)
        subgraphUrls: {
          risk: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
          engagements: `http://127.0.0.1:${await freePort()}/`,
        },
      },
    ];
  },
  async () => {
    hanging?.closeAllConnections();
    await new Promise((resolve) => (hanging ? hanging.close(resolve) : resolve(null)));
  },
);

async function call(clientAddress: string, query: string, headers: Record<string, string> = {}, url = system.gatewayUrl) {
  const started = Date.now();
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": clientAddress, ...headers },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
  };
  return { status: response.status, headers: response.headers, body, ms: Date.now() - started };
}

describe("production headers", () => {
  it("sends nosniff, frame denial and HSTS from the gateway and from a subgraph", async () => {
    for (const url of [system.gatewayUrl, system.subgraphs.peacekeeping.url]) {
      const res = await call("203.0.113.1", "{ missions { acronym } }", {}, url);
      expect(res.status).toBe(200);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    }
  });

  it("allows only the configured origins, never *", async () => {
    const allowed = await call("203.0.113.2", "{ missions { acronym } }", { origin: "https://app.example" });
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://app.example");
    const other = await call("203.0.113.2", "{ missions { acronym } }", { origin: "https://evil.example" });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await fetch(system.gatewayUrl, {
      method: "OPTIONS",
      headers: {
        origin: "https://app.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(preflight.headers.get("access-control-allow-headers")).toMatch(/authorization/);
  });
});

describe("rate limits", () => {
  it("answers 429 with Retry-After and RATE_LIMITED once an address's budget is spent, and recovers", async () => {
    for (let i = 0; i < 3; i++) expect((await call("203.0.113.7", "{ missions { acronym } }")).status).toBe(200);
    const refused = await call("203.0.113.7", "{ missions { acronym } }");
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    // another caller is not held up by the first
    expect((await call("203.0.113.8", "{ missions { acronym } }")).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 200));
    expect((await call("203.0.113.7", "{ missions { acronym } }")).status).toBe(200);
  });
});

describe("signed-in rate limits", () => {
  it("count per token subject, whatever the address", async () => {
    const [jane, joe] = [await idp.sign({ sub: "jane@state.example" }), await idp.sign({ sub: "joe@state.example" })];
    const asJane = (address: string) => call(address, "{ missions { acronym } }", { authorization: `Bearer ${jane}` });
    for (let i = 0; i < 5; i++) expect((await asJane(`198.51.100.${i}`)).status).toBe(200);
    const refused = await asJane("198.51.100.99");
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    expect((await call("198.51.100.99", "{ missions { acronym } }", { authorization: `Bearer ${joe}` })).status).toBe(200);
  });
});

describe("a subgraph that is down", () => {
  it("is SERVICE_UNAVAILABLE naming the service, at its path, while the other fields answer", async () => {
    const res = await call("203.0.113.21", '{ missions { acronym } partner(code: "USA") { name } }');
    expect(res.status).toBe(200);
    expect(res.body.data?.missions as unknown[]).not.toHaveLength(0);
    expect(res.body.data?.partner).toBeNull();
    expect(res.body.errors).toEqual([
      {
        message: "service engagements is unavailable",
        path: ["partner"],
        extensions: { code: "SERVICE_UNAVAILABLE", serviceName: "engagements" },
      },
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
  });
});

describe("a subgraph that hangs", () => {
  it("is SERVICE_UNAVAILABLE naming the service, at its path, within the timeout, while the other fields answer", async () => {
    const res = await call("203.0.113.20", "{ missions { acronym } riskFactor(number: 1) { number } }");
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(TIMEOUT_MS + 3000);
    expect(res.body.data?.missions as unknown[]).not.toHaveLength(0);
    expect(res.body.data?.riskFactor).toBeNull();
    expect(res.body.errors).toEqual([
      {
        message: `service risk did not answer within ${TIMEOUT_MS} ms`,
        path: ["riskFactor"],
        extensions: { code: "SERVICE_UNAVAILABLE", serviceName: "risk" },
      },
    ]);
  });
});
