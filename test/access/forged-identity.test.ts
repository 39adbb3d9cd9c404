import { useTestSystem } from "@concert/system/testing";

const system = useTestSystem();

/** Headers a client might hope a subgraph trusts. None of them is read: identity comes from a verified token only. */
const FORGED = {
  "x-partner": "USA",
  "x-partner-code": "USA",
  "x-roles": "analyst,admin",
  "x-user": "analyst@state.example",
  "x-forwarded-user": "analyst@state.example",
  "x-concert-viewer": JSON.stringify({ partner: "USA", kind: "GOVERNMENT", roles: ["admin"], groups: ["SLF"] }),
  "x-authenticated-userid": "USA",
};

const QUERIES = {
  risk: "{ riskAssessments { totalCount nodes { marking } } }",
  engagements: "{ practices { totalCount nodes { marking } } engagements { totalCount nodes { marking } } }",
  peacekeeping: "{ pledges { totalCount nodes { marking } } }",
} as const;

const markings = (data: Record<string, { nodes: { marking: string }[] }>) =>
  Object.values(data).flatMap((c) => c.nodes.map((n) => n.marking));

describe.each(Object.keys(QUERIES) as (keyof typeof QUERIES)[])("the %s subgraph reached directly", (name) => {
  it("serves only PUBLIC material to a request with forged identity headers and no token", async () => {
    const url = system.subgraphs[name].url;
    const forged = await system.query(QUERIES[name], { url, headers: FORGED });
    expect(forged.errors).toBeUndefined();
    expect(markings(forged.data).every((m) => m === "PUBLIC")).toBe(true);
    // exactly what an anonymous client gets through the gateway…
    const anonymous = await system.query(QUERIES[name]);
    expect(forged.data).toEqual(anonymous.data);
    // …and less than the partner it pretends to be (so the assertion above can fail)
    const real = await system.query(QUERIES[name], { url, token: await system.token("UN", "planner") });
    expect(markings(real.data).length).toBeGreaterThan(markings(forged.data).length);
  });

  it("refuses a forged mutation for lack of a token", async () => {
    const res = await system.query(
      `mutation { contributePractice(input: { marking: PUBLIC, kind: BEST_PRACTICE, theme: "TRAINING", title: "forged", summary: "forged" }) { id } }`,
      { url: system.subgraphs.engagements.url, headers: FORGED },
    );
    expect(res.data?.contributePractice ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("the gateway", () => {
  it("does not pass forged headers on as identity either", async () => {
    const forged = await system.query(QUERIES.risk, { headers: FORGED });
    expect(markings(forged.data).every((m) => m === "PUBLIC")).toBe(true);
  });

  it("answers an anonymous mutation with 401 before any subgraph is asked", async () => {
    const res = await system.query(`mutation { publishRiskAssessment(id: "x", expectedVersion: 1) { id } }`);
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
