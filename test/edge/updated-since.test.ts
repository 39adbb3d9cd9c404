import { useTestSystem } from "@concert/system/testing";

/**
 * `updatedSince` on every list integrators mirror, through the gateway: a timestamp that is not one is
 * BAD_USER_INPUT naming the argument (never an internal error), in a literal or a variable; a valid one filters.
 */

const system = useTestSystem();
let token: string;
/** Every root field taking `updatedSince`, with the required arguments it also needs. */
let fields: { name: string; required: string }[];

/** Values for the required arguments of the lists that have some. */
const REQUIRED: Record<string, string> = { query: `"peace"` };

beforeAll(async () => {
  token = await system.token("UN", "planner");
  const schema = await system.ok<{
    __schema: { queryType: { fields: { name: string; args: { name: string; type: { kind: string }; defaultValue: string | null }[] }[] } };
  }>(`{ __schema { queryType { fields { name args { name defaultValue type { kind } } } } } }`, token);
  fields = schema.__schema.queryType.fields
    .filter((f) => f.args.some((a) => a.name === "updatedSince"))
    .map((f) => ({
      name: f.name,
      required: f.args
        .filter((a) => a.type.kind === "NON_NULL" && a.defaultValue === null)
        .map((a) => `${a.name}: ${REQUIRED[a.name]}`)
        .join(", "),
    }));
}, 120_000);

const call = (f: { name: string; required: string }, since: string) =>
  `${f.name}(${f.required ? `${f.required}, ` : ""}updatedSince: ${since}) { __typename }`;

it("is on every list integrators mirror, in every subgraph", () => {
  const names = fields.map((f) => f.name);
  for (const name of ["riskAssessments", "watchlists", "pledges", "missions", "capabilityRequirements", "deploymentSnapshots"]) {
    expect(names).toContain(name);
  }
  for (const name of ["engagements", "practices", "partners", "searchPractices", "searchEngagements"]) expect(names).toContain(name);
});

it.each(["nope", "2026-13-45T00:00:00Z", "2026-05-01"])("refuses %p as BAD_USER_INPUT naming updatedSince, on every list", async (bad) => {
  const services = new Set<string>();
  for (const f of fields) {
    for (const [query, variables] of [
      [`{ ${call(f, JSON.stringify(bad))} }`, undefined],
      [`query($u: DateTimeISO) { ${call(f, "$u")} }`, { u: bad }],
    ] as const) {
      const res = await system.query(query, { token, variables });
      expect({ field: f.name, errors: res.errors?.map((e) => ({ code: e.extensions?.code, field: e.extensions?.field })) }).toEqual({
        field: f.name,
        errors: [{ code: "BAD_USER_INPUT", field: "updatedSince" }],
      });
      services.add(String(res.errors?.[0].extensions?.serviceName));
    }
  }
  expect(services).toEqual(new Set(["risk", "peacekeeping", "engagements"]));
});

it("filters the newly covered lists: everything since long ago, nothing after now", async () => {
  const past = "2000-01-01T00:00:00Z";
  const future = new Date(Date.now() + 86_400_000).toISOString();
  const query = `query($u: DateTimeISO) { watchlists(updatedSince: $u) { id } missions(updatedSince: $u) { acronym }
    capabilityRequirements(updatedSince: $u, first: 100) { totalCount } partners(updatedSince: $u) { code } }`;
  const all = await system.ok(query, token, { u: past });
  const none = await system.ok(query, token, { u: future });
  expect(all.watchlists.length).toBeGreaterThan(0);
  expect(all.missions.length).toBeGreaterThan(0);
  expect(all.capabilityRequirements.totalCount).toBeGreaterThan(0);
  expect(all.partners.length).toBeGreaterThan(0);
  expect(none).toEqual({ watchlists: [], missions: [], capabilityRequirements: { totalCount: 0 }, partners: [] });
  const unfiltered = await system.ok(
    `{ watchlists { id } missions { acronym } capabilityRequirements(first: 100) { totalCount } partners { code } }`,
    token,
  );
  expect(all).toEqual(unfiltered);
});

it("lists a requirement changed after the instant asked from, and only it", async () => {
  const since = new Date(Date.now() - 1_000).toISOString();
  const page = `query($u: DateTimeISO) { capabilityRequirements(updatedSince: $u, first: 100) { nodes { id version } } }`;
  expect((await system.ok(page, token, { u: since })).capabilityRequirements.nodes).toEqual([]);
  const target = (await system.ok(`{ capabilityRequirements(first: 1) { nodes { id version quantity } } }`, token)).capabilityRequirements
    .nodes[0];
  const updated = await system.ok(
    `mutation($id: ID!, $v: Int!, $q: Int) { updateCapabilityRequirement(id: $id, expectedVersion: $v, input: { quantity: $q }) { id version } }`,
    token,
    { id: target.id, v: target.version, q: target.quantity + 1 },
  );
  expect((await system.ok(page, token, { u: since })).capabilityRequirements.nodes).toEqual([updated.updateCapabilityRequirement]);
});
