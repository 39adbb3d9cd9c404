import { useTestSystem } from "@concert/system/testing";

const system = useTestSystem();

const COUNTRIES_QUERY = /* GraphQL */ `
  query Countries($region: String) {
    countries(region: $region) {
      code
      name
      riskAssessments { likelihood author { code name } }
      missions { acronym hostCountries { code name } }
      practices { title partner { code name } }
      practiceCount
      engagements { title }
    }
  }
`;

async function statementsFor(region: string, token: string) {
  system.resetStatements();
  const res = await system.query<{ countries: { practices: unknown[]; practiceCount: number }[] }>(COUNTRIES_QUERY, {
    token,
    variables: { region },
  });
  expect(res.errors).toBeUndefined();
  // the count, computed in SQL, agrees with the list the caller may see
  for (const c of res.data!.countries) expect(c.practiceCount).toBe(c.practices.length);
  return {
    countries: res.data!.countries.length,
    risk: system.statementsBy("risk"),
    peacekeeping: system.statementsBy("peacekeeping"),
    engagements: system.statementsBy("engagements"),
  };
}

it("resolves references and list fields in batches: SQL statements do not grow with the number of countries", async () => {
  const token = await system.token("USA", "analyst");
  await statementsFor("Europe", token); // warm-up: the subgraphs load the partner registry once
  const few = await statementsFor("Middle Africa", token);
  const many = await statementsFor("Africa", token);
  expect(few.countries).toBeGreaterThanOrEqual(5);
  expect(many.countries).toBeGreaterThan(few.countries * 4);
  expect(many.risk).toBe(few.risk);
  expect(many.peacekeeping).toBe(few.peacekeeping);
  expect(many.engagements).toBe(few.engagements);
  // and the counts are small: a handful of statements per subgraph, not one per country
  expect(many.risk + many.peacekeeping + many.engagements).toBeLessThanOrEqual(12);
});

it("counts a list's totalCount only when the query asks for it: one SQL statement fewer otherwise", async () => {
  const token = await system.token("UN", "planner");
  // Each query's second run: a count or a search kept until its data changes costs one statement more on a first read.
  const statementsOf = async (query: string) => {
    await system.query(query, { token });
    system.resetStatements();
    const res = await system.query<Record<string, { totalCount?: number; nodes: unknown[] }>>(query, { token });
    expect(res.errors).toBeUndefined();
    return { data: res.data!, peacekeeping: system.statementsBy("peacekeeping"), engagements: system.statementsBy("engagements") };
  };
  const pledges = (fields: string) => `{ pledges(status: [PLEDGED, VERIFIED], first: 5) { ${fields} } }`;
  await statementsOf(pledges("nodes { id capabilityType { code } }")); // warm-up: reference data read once
  const counted = await statementsOf(pledges("totalCount nodes { id capabilityType { code } }"));
  const uncounted = await statementsOf(pledges("nodes { id capabilityType { code } }"));
  expect(counted.data.pledges!.totalCount).toBeGreaterThanOrEqual(counted.data.pledges!.nodes.length);
  expect(uncounted.data.pledges!.nodes).toEqual(counted.data.pledges!.nodes);
  expect(uncounted.peacekeeping).toBe(counted.peacekeeping - 1);
  // through a fragment, the count is still seen as asked for
  const viaFragment = await statementsOf(
    `{ pledges(first: 5) { ...counted nodes { id } } } fragment counted on PledgeConnection { totalCount }`,
  );
  expect(viaFragment.data.pledges!.totalCount).toBeGreaterThan(0);

  const search = (fields: string) => `{ searchPractices(query: "early warning", first: 3) { ${fields} } }`;
  const searchCounted = await statementsOf(search("totalCount nodes { rank }"));
  const searchUncounted = await statementsOf(search("nodes { rank }"));
  expect(searchCounted.data.searchPractices!.totalCount).toBeGreaterThan(0);
  expect(searchUncounted.engagements).toBe(searchCounted.engagements - 1);
});
