import type { UntypedData } from "@concert/system/testing";
import { systemForThisFile } from "./support";

const t = systemForThisFile();

/** Runs `query` and returns how many SQL statements the peacekeeping subgraph sent for it. */
async function statements(query: string, variables: Record<string, unknown>, size: (data: UntypedData) => number) {
  t.system.resetStatements();
  const res = await t.system.query(query, { token: t.who.un, variables });
  expect(res.errors).toBeUndefined();
  return { size: size(res.data), peacekeeping: t.system.statementsBy("peacekeeping") };
}

const PLEDGES = /* GraphQL */ `
  query Pledges($first: Int!) {
    pledges(first: $first) {
      totalCount
      nodes {
        id unitDetails renewalOverdue
        contributor { code name kind peacekeepingContributions { deployedPersonnel } }
        mission { acronym hostCountries { code name } gaps { gap } }
        capabilityType { name }
        event { name delivery { deliveredPledges } }
        transitions { from to at by { code } }
      }
    }
  }
`;

const MISSIONS = /* GraphQL */ `
  query Missions($region: String) {
    countries(region: $region) {
      missions {
        acronym
        requirements { quantity }
        gaps { gap capabilityType { name } }
        readinessPipeline { readiness status pledges }
        deployments { units contributor { name } }
      }
    }
  }
`;

function missionCount(d: { countries: { missions: { acronym: string }[] }[] }): number {
  return new Set(d.countries.flatMap((c) => c.missions.map((m) => m.acronym))).size;
}

it("resolves pledges and everything under them in batches: statements do not grow with the page size", async () => {
  // Warm-up: capability types are read once per process, and each answer's totals once until a pledge is written
  // (a first read of them costs one statement more: the data version, then the totals).
  await statements(PLEDGES, { first: 2 }, (d) => d.pledges.nodes.length);
  await statements(PLEDGES, { first: 15 }, (d) => d.pledges.nodes.length);
  const few = await statements(PLEDGES, { first: 2 }, (d) => d.pledges.nodes.length);
  const many = await statements(PLEDGES, { first: 15 }, (d) => d.pledges.nodes.length);
  expect(few.size).toBe(2);
  expect(many.size).toBe(15);
  expect(many.peacekeeping).toBe(few.peacekeeping);
  // page + count, then per level one statement per loader (and one audit insert), not one per pledge
  expect(many.peacekeeping).toBeLessThanOrEqual(20);
});

it("resolves missions, gaps and pipelines in batches: statements do not grow with the number of missions", async () => {
  // Middle Africa (South Sudan included) hosts MINUSCA, MONUSCO, UNMISS and UNISFA; Africa also MINURSO and the closed
  // MINUSMA, UNAMID and UNMIL, and UNTSO (Egypt among its hosts).
  const few = await statements(MISSIONS, { region: "Middle Africa" }, missionCount);
  const many = await statements(MISSIONS, { region: "Africa" }, missionCount);
  expect(few.size).toBe(4);
  expect(many.size).toBe(9);
  expect(many.peacekeeping).toBe(few.peacekeeping);
  expect(many.peacekeeping).toBeLessThanOrEqual(20);
});

it("answers a mission selected for its acronym alone without reading it, and reads it for any other field", async () => {
  const query = (selection: string) =>
    `{ pledges(first: 20, general: false) { nodes { id mission { ${selection} } } } } ${
      selection.includes("...") ? "fragment named on Mission { name }" : ""
    }`;
  type Nodes = { pledges: { nodes: { id: string; mission: { acronym?: string; name?: string; __typename?: string } }[] } };
  await statements(query("__typename acronym"), {}, (d) => (d as Nodes).pledges.nodes.length); // warm-up: the page's rows are kept
  const acronymOnly = await statements(query("__typename acronym"), {}, (d) => (d as Nodes).pledges.nodes.length);
  const withName = await statements(query("acronym name"), {}, (d) => (d as Nodes).pledges.nodes.length);
  const throughFragment = await statements(query("acronym ...named"), {}, (d) => (d as Nodes).pledges.nodes.length);
  expect(acronymOnly.size).toBeGreaterThan(1);
  expect(withName.peacekeeping).toBe(acronymOnly.peacekeeping + 1);
  expect(throughFragment.peacekeeping).toBe(withName.peacekeeping);

  // the stub and the row agree on the acronym, and the row's name is the mission's
  const stub = (await t.system.query<Nodes>(query("__typename acronym"), { token: t.who.un })).data!.pledges.nodes;
  const read = (await t.system.query<Nodes>(query("acronym name"), { token: t.who.un })).data!.pledges.nodes;
  const missions = (
    await t.system.query<{ missions: { acronym: string; name: string }[] }>("{ missions { acronym name } }", { token: t.who.un })
  ).data!.missions;
  const names = new Map(missions.map((m) => [m.acronym, m.name]));
  expect(stub.map((p) => p.mission.acronym)).toEqual(read.map((p) => p.mission.acronym));
  expect(stub.every((p) => p.mission.__typename === "Mission")).toBe(true);
  for (const p of read) expect(p.mission.name).toBe(names.get(p.mission.acronym!));
});

it("gives a page the same end cursor whether or not it reads each item's cursor", async () => {
  type Page = { pledges: { edges?: { cursor: string }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } };
  const withEdges = (
    await t.system.query<Page>("{ pledges(first: 3) { edges { cursor } pageInfo { endCursor hasNextPage } } }", { token: t.who.un })
  ).data!;
  const without = (await t.system.query<Page>("{ pledges(first: 3) { pageInfo { endCursor hasNextPage } } }", { token: t.who.un })).data!;
  expect(withEdges.pledges.edges).toHaveLength(3);
  expect(without.pledges.pageInfo).toEqual(withEdges.pledges.pageInfo);
  expect(without.pledges.pageInfo.endCursor).toBe(withEdges.pledges.edges!.at(-1)!.cursor);
});
