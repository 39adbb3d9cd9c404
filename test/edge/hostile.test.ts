import { type GraphQLResponse, useTestSystem } from "@concert/system/testing";

let gcr2p: string;

const system = useTestSystem();
beforeAll(async () => {
  gcr2p = await system.token("GCR2P", "analyst");
});

type Target = "gateway" | "risk" | "peacekeeping" | "engagements";
const TARGETS: Target[] = ["gateway", "risk", "peacekeeping", "engagements"];
const urlOf = (target: Target) => (target === "gateway" ? system.gatewayUrl : system.subgraphs[target].url);

/** An ordinary query each target answers on its own. */
const ORDINARY: Record<Target, string> = {
  gateway: "{ partners { code } }",
  risk: "{ riskFactors { number } }",
  peacekeeping: "{ capabilityTypes { code } }",
  engagements: "{ partners { code } }",
};
/** A connection of each target's own, for page-size cases. */
const CONNECTION: Record<Target, string> = {
  gateway: "practices",
  risk: "riskAssessments",
  peacekeeping: "deploymentSnapshots",
  engagements: "practices",
};

interface Raw {
  status: number;
  contentType: string | null;
  body: GraphQLResponse & { errors?: { message: string; extensions?: Record<string, unknown> }[] };
  ms: number;
}

async function post(target: Target, body: string, headers: Record<string, string> = {}): Promise<Raw> {
  const started = Date.now();
  const response = await fetch(urlOf(target), { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    body: JSON.parse(text) as Raw["body"],
    ms: Date.now() - started,
  };
}

const ask = (target: Target, query: string, variables?: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  post(target, JSON.stringify({ query, variables, ...extra }));
const codeOf = (raw: Raw) => raw.body.errors?.[0]?.extensions?.code;

/** The repeated-field document of the report: `{ partners { code code code … } }`, `bytes` long. */
const repeatedFields = (bytes: number) => `{ partners { ${"code ".repeat(Math.ceil((bytes - 20) / 5))}} }`;

describe.each(TARGETS)("%s refuses hostile documents before doing any work", (target) => {
  it.each([
    ["40 KB", 40_000],
    ["1 MB", 1_000_000],
  ])("a %s repeated-field query is refused by the token limit while an ordinary query still answers", async (_size, bytes) => {
    const [hostile, ordinary] = await Promise.all([ask(target, repeatedFields(bytes)), ask(target, ORDINARY[target])]);
    expect(hostile.status).toBe(400);
    expect(codeOf(hostile)).toBe("GRAPHQL_PARSE_FAILED");
    expect(hostile.body.errors?.[0]?.message).toMatch(/tokens/);
    expect(hostile.ms).toBeLessThan(5_000);
    expect(ordinary.status).toBe(200);
    expect(ordinary.body.errors).toBeUndefined();
  });

  it.each([[-1], [0], [201], [1_000_000]])("refuses first: %p, written or as a variable, with BAD_USER_INPUT on `first`", async (first) => {
    for (const res of [
      await ask(target, `{ ${CONNECTION[target]}(first: ${first}) { totalCount } }`),
      await ask(target, `query ($n: Int) { ${CONNECTION[target]}(first: $n) { totalCount } }`, { n: first }),
    ]) {
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
      expect(res.body.data ?? null).toBeNull();
    }
  });

  it("refuses too many aliases, even with a subgraph's headroom", async () => {
    const deep = await ask(target, `{ partners { ${Array.from({ length: 70 }, (_, i) => `a${i}: code`).join(" ")} } }`);
    expect(deep.status).toBe(400);
    expect(codeOf(deep)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(deep.body.errors?.[0]?.message).toMatch(/Aliases limit/);
  });

  it("answers malformed JSON with 400 BAD_REQUEST in JSON, never an HTML page", async () => {
    const res = await post(target, '{"query": "{ partners { code } }"');
    expect(res.status).toBe(400);
    expect(res.contentType).toMatch(/^application\/json/);
    expect(codeOf(res)).toBe("BAD_REQUEST");
    expect(JSON.stringify(res.body)).not.toMatch(/<html|\bat \/|node_modules/);
  });

  it.each([
    ["an empty body", ""],
    ["JSON null", "null"],
    ["a batch", `[{"query": "{ __typename }"}, {"query": "{ __typename }"}]`],
    ["a query that is not a string", `{"query": 5}`],
    ["variables that are not an object", `{"query": "{ __typename }", "variables": "x"}`],
  ])("answers %s with 400 BAD_REQUEST in JSON", async (_name, body) => {
    const res = await post(target, body);
    expect(res.status).toBe(400);
    expect(res.contentType).toMatch(/^application\/json/);
    expect(codeOf(res)).toBe("BAD_REQUEST");
  });

  it("refuses a body over its limit with 413 BAD_REQUEST", async () => {
    // the gateway's limit is 1 MiB; a subgraph's 4 MiB, room for a query plan's entity representations
    const bytes = target === "gateway" ? 2 * 1024 * 1024 : 5 * 1024 * 1024;
    const res = await post(target, JSON.stringify({ query: ORDINARY[target], variables: { pad: "x".repeat(bytes) } }));
    expect(res.status).toBe(413);
    expect(codeOf(res)).toBe("BAD_REQUEST");
    expect(res.ms).toBeLessThan(10_000);
  });

  it("refuses an unknown operationName, two anonymous operations and a subscription with 400", async () => {
    const unknown = await ask(target, `query A ${ORDINARY[target]}`, undefined, { operationName: "B" });
    expect(unknown.status).toBe(400);
    expect(codeOf(unknown)).toBe("BAD_REQUEST");
    const twoAnonymous = await ask(target, `${ORDINARY[target]} ${ORDINARY[target]}`);
    expect(twoAnonymous.status).toBe(400);
    expect(codeOf(twoAnonymous)).toBe("GRAPHQL_VALIDATION_FAILED");
    const subscription = await ask(target, `subscription ${ORDINARY[target]}`);
    expect(subscription.status).toBe(400);
    expect(codeOf(subscription)).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});

describe("cost limits that used to be bypassed", () => {
  // 1 + 200 practices × (1 + 20 countries × 6 fields + 2 for the partner) + 1 = 24,602: four fit under 100,000, five do not
  const costly = (alias: string, directive = "") =>
    `${alias}: practices(first: 200) ${directive} { nodes { countries { code name region officialName subregion m49 } partner { code } } }`;

  it("counts fields under @skip/@include as if they ran", async () => {
    const four = ["a", "b", "c", "d"].map((alias) => costly(alias)).join(" ");
    const fits = await ask("gateway", `{ ${four} }`);
    expect(fits.status).toBe(200);
    expect(fits.body.errors).toBeUndefined();
    const plain = await ask("gateway", `{ ${four} ${costly("e")} }`);
    const skipped = await ask("gateway", `query ($no: Boolean = false) { ${four} ${costly("e", "@include(if: $no)")} }`);
    for (const res of [plain, skipped]) {
      expect(res.status).toBe(400);
      expect(codeOf(res)).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(res.body.errors?.[0]?.message).toMatch(/estimated to cost/);
    }
  });

  it("counts the depth of fields inside fragments", async () => {
    const res = await ask(
      "gateway",
      `{ practices { nodes { ...P } } } fragment P on Practice { ${"countries { ... on Country { practices { ".repeat(6)}id${" } } }".repeat(6)} }`,
    );
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(res.body.errors?.[0]?.message).toMatch(/depth limit of 12 exceeded, found 15/);
  });

  it("leaves introspection out of the depth limit (development)", async () => {
    const res = await ask(
      "gateway",
      "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } } }",
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
  });
});

describe("bad input is a client error", () => {
  it.each(TARGETS)(
    "%s: an invalid DateTimeISO, as a variable or written in the query, is refused as the caller's mistake, naming the argument",
    async (target) => {
      const list = CONNECTION[target];
      for (const res of [
        await ask(target, `query ($since: DateTimeISO) { ${list}(updatedSince: $since) { totalCount } }`, { since: "yesterday" }),
        await ask(target, `{ ${list}(updatedSince: "yesterday") { totalCount } }`),
      ]) {
        expect(codeOf(res)).toBe("BAD_USER_INPUT");
        expect(res.body.errors?.[0]?.extensions?.field).toBe("updatedSince");
        expect(res.status).toBeLessThan(500);
        expect(JSON.stringify(res.body)).not.toMatch(/INTERNAL_SERVER_ERROR|127\.0\.0\.1/);
      }
    },
  );
});

describe("crafted cursors", () => {
  const cursor = (values: unknown) => Buffer.from(JSON.stringify(values)).toString("base64url");
  const CRAFTED = [
    cursor(["not a date", "00000000-0000-0000-0000-000000000000"]),
    cursor(["2026-01-01T00:00:00.000Z", "not-a-uuid"]),
    cursor([{ $gt: 1 }, "00000000-0000-0000-0000-000000000000"]),
    cursor(["2026-01-01T00:00:00.000Z"]),
    cursor(["x".repeat(5000), 1]),
    "%%%",
  ];
  it.each([
    ["gateway", "{ practices(after: $after) { totalCount } }"],
    ["risk", "{ riskAssessments(after: $after) { totalCount } }"],
    ["peacekeeping", "{ pledges(after: $after) { totalCount } }"],
    ["engagements", '{ searchPractices(query: "early warning", after: $after) { totalCount } }'],
  ] as [Target, string][])("%s refuses each with BAD_USER_INPUT on `after`, never reaching SQL", async (target, selection) => {
    for (const after of CRAFTED) {
      const res = await ask(target, `query ($after: String) ${selection}`, { after });
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    }
  });
});

describe("a subgraph's refusal through the gateway", () => {
  it("keeps the other fields and the subgraph's code, without its URL or body", async () => {
    const res = await ask("gateway", "{ missions { acronym } riskAccessLog { totalCount } }");
    expect(res.status).toBe(200);
    expect((res.body.data as { missions: unknown[] }).missions.length).toBeGreaterThan(0);
    expect((res.body.data as { riskAccessLog: unknown }).riskAccessLog).toBeNull();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors?.[0]).toMatchObject({ path: ["riskAccessLog"], extensions: { code: "UNAUTHENTICATED", serviceName: "risk" } });
    expect(res.body.errors?.[0]?.extensions?.response).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|localhost|http:/);
  });
});

describe("nothing is written by a refused request", () => {
  const count = async () =>
    ((await ask("gateway", "{ practices { totalCount } }")).body.data as { practices: { totalCount: number } }).practices.totalCount;
  const CONTRIBUTE = "mutation ($input: PracticeInput!) { contributePractice(input: $input) { id } }";
  const input = { kind: "BEST_PRACTICE", theme: "TRAINING", title: "Refused", summary: "Never stored.", marking: "PUBLIC" };

  it.each([
    ["too many tokens", `mutation ($input: PracticeInput!) { contributePractice(input: $input) { id ${"id ".repeat(1500)} } }`, {}],
    [
      "too many aliases",
      `mutation ($input: PracticeInput!) { contributePractice(input: $input) { ${Array.from({ length: 40 }, (_, i) => `a${i}: id`).join(" ")} } }`,
      {},
    ],
    ["two anonymous operations", `${CONTRIBUTE} ${CONTRIBUTE}`, {}],
    ["a 2 MB body", CONTRIBUTE, { pad: "x".repeat(2 * 1024 * 1024) }],
    [
      "straight at the subgraph: too many tokens",
      `mutation ($input: PracticeInput!) { contributePractice(input: $input) { id ${"id ".repeat(2500)} } }`,
      {},
      "engagements",
    ],
    ["straight at the subgraph: a 5 MB body", CONTRIBUTE, { pad: "x".repeat(5 * 1024 * 1024) }, "engagements"],
  ] as [string, string, Record<string, unknown>, Target?][])("%s", async (_name, query, extra, target = "gateway") => {
    const before = await count();
    const res = await post(target, JSON.stringify({ query, variables: { input, ...extra } }), { authorization: `Bearer ${gcr2p}` });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await count()).toBe(before);
  });

  it("while the same contribution, not refused, is counted", async () => {
    const before = await count();
    const res = await post("gateway", JSON.stringify({ query: CONTRIBUTE, variables: { input } }), { authorization: `Bearer ${gcr2p}` });
    expect(res.status).toBe(200);
    expect(await count()).toBe(before + 1);
  });
});
