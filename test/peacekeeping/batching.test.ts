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
  await statements(PLEDGES, { first: 1 }, (d) => d.pledges.nodes.length); // warm-up: capability types are read once per process
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
