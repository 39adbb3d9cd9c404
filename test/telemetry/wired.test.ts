import { freePort } from "@concert/db";
import { usePreparedTestSystem, useTestSystem } from "@concert/system/testing";

const system = useTestSystem();

const CONTRIBUTE = `mutation Contribute($input: PracticeInput!) { contributePractice(input: $input) { id } }`;
const PRACTICE = { marking: "PUBLIC", kind: "LESSON_LEARNED", theme: "TRAINING", title: "[TEST] metrics", summary: "s" };

/** Posts a GraphQL request to the gateway, keeping the response's headers. */
async function post(
  body: object,
  headers: Record<string, string> = {},
): Promise<{ status: number; requestId: string | null; text: string }> {
  const response = await fetch(system.gatewayUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, requestId: response.headers.get("x-request-id"), text: await response.text() };
}

/** The value of one series in a Prometheus exposition, 0 when absent. */
function sample(exposition: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = exposition
    .split("\n")
    .find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.slice(0, l.indexOf("}") + 1).includes(w)));
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
}

async function scrape(url: string): Promise<string> {
  const response = await fetch(new URL("/metrics", url));
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain");
  return response.text();
}

// First: a refusal is logged with its request id once per client and reason in a window (RefusalLog); the metrics
// test below refuses the same client for the same reason.
describe("request ids and log lines", () => {
  it("logs each operation with the request id the response returned, in the gateway and the subgraphs, and never the token", async () => {
    const token = await system.token("USA", "analyst");
    const response = await post(
      { query: `query RiskOfCaf { country(code: "CAF") { riskAssessments { likelihood } } }` },
      { authorization: `Bearer ${token}` },
    );
    expect(response.status).toBe(200);
    const requestId = response.requestId;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    const lines = system.logs().filter((l) => l.requestId === requestId);
    const operation = lines.find((l) => l.service === "gateway" && l.msg === "graphql operation");
    expect(operation).toMatchObject({
      level: "info",
      operation: "RiskOfCaf",
      operationType: "query",
      outcome: "ok",
      codes: [],
      partner: "USA",
      subject: "test:USA:analyst",
    });
    // The gateway forwarded the id: the subgraph's own line of the same request carries it.
    expect(lines.some((l) => l.service === "risk" && l.msg === "graphql operation")).toBe(true);
    const everything = JSON.stringify(system.logs());
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(token.split(".")[2]!);
  });

  it("keeps a well-formed id the client sent, and puts one on a refused request too", async () => {
    const mine = await post({ query: "query Partners { partners { code } }" }, { "x-request-id": "client-chosen-id-42" });
    expect(mine.requestId).toBe("client-chosen-id-42");
    const refused = await post(
      { query: "query Partners { partners { code } }" },
      { authorization: "Bearer not-a-token", "x-request-id": "bad id with spaces" },
    );
    expect(refused.status).toBe(401);
    expect(refused.requestId).toMatch(/^[0-9a-f-]{36}$/);
    // One short line for a refused request, with its request id (repeats from one client are counted, see RefusalLog).
    const line = system.logs().find((l) => l.requestId === refused.requestId && l.msg === "refused 401 UNAUTHENTICATED");
    expect(line).toMatchObject({ level: "warn", service: "gateway", status: 401, code: "UNAUTHENTICATED" });
    expect(JSON.stringify(system.logs())).not.toContain("not-a-token");
  });
});

describe("GET /metrics through the gateway", () => {
  it("counts a refused and an allowed request under their codes, and the gateway's fetches from each subgraph", async () => {
    const before = await scrape(system.gatewayUrl);
    const allowed = await system.query(
      `query CountryPractices { country(code: "CAF") { name practices { title } riskAssessments { likelihood } } }`,
      { token: await system.token("USA", "analyst") },
    );
    expect(allowed.errors).toBeUndefined();
    const forbidden = await system.query(CONTRIBUTE, { token: await system.token("EU", "viewer"), variables: { input: PRACTICE } });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const badToken = await post({ query: "query Partners { partners { code } }" }, { authorization: "Bearer not-a-token" });
    expect(badToken.status).toBe(401);

    const after = await scrape(system.gatewayUrl);
    const gained = (name: string, labels: Record<string, string>) => sample(after, name, labels) - sample(before, name, labels);
    const gateway = { service: "gateway" };
    expect(gained("concert_graphql_requests_total", { ...gateway, operation: "CountryPractices", outcome: "ok" })).toBe(1);
    expect(gained("concert_graphql_errors_total", { ...gateway, operation: "CountryPractices", code: "FORBIDDEN" })).toBe(0);
    expect(gained("concert_graphql_requests_total", { ...gateway, operation: "Contribute", outcome: "refused" })).toBe(1);
    expect(gained("concert_graphql_errors_total", { ...gateway, operation: "Contribute", code: "FORBIDDEN" })).toBe(1);
    // A bad token is refused before any operation runs: counted without an operation name.
    expect(gained("concert_graphql_errors_total", { ...gateway, operation: "(anonymous)", code: "UNAUTHENTICATED" })).toBe(1);
    // The subgraph that refused counts its own refusal too.
    expect(gained("concert_graphql_errors_total", { service: "engagements", code: "FORBIDDEN" })).toBe(1);
    for (const subgraph of ["risk", "engagements"]) {
      expect(gained("concert_subgraph_fetch_duration_seconds_count", { ...gateway, subgraph })).toBeGreaterThanOrEqual(1);
    }
    expect(
      gained("concert_policy_decisions_total", { service: "engagements", record_type: "Practice", decision: "allowed" }),
    ).toBeGreaterThan(0);
    expect(sample(after, "concert_db_pool_connections", { service: "risk", state: "max" })).toBe(10);
    expect(after).toContain("process_cpu_seconds_total");
  });

  it("is served on each subgraph's own port too", async () => {
    const exposition = await scrape(system.subgraphs.risk.url);
    // The gateway names each subgraph fetch after the client's operation.
    expect(exposition).toMatch(/concert_graphql_requests_total\{service="risk",operation="CountryPractices__risk__\d+",outcome="ok"\} 1/);
    expect(exposition).toContain('concert_db_pool_connections{service="risk",state="max"} 10');
  });
});

describe("METRICS_PORT", () => {
  const separate = usePreparedTestSystem(async () => [[], { metricsPort: await freePort() }]);

  it("serves /metrics there only, not on the public ports", async () => {
    expect(separate.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(await (await fetch(separate.metricsUrl!)).text()).toContain("concert_db_pool_connections");
    for (const url of [separate.gatewayUrl, separate.subgraphs.engagements.url]) {
      const response = await fetch(new URL("/metrics", url));
      expect(await response.text()).not.toContain("concert_");
    }
  }, 120_000);
});
