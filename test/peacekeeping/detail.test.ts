import { systemForThisFile } from "./support";

/**
 * Who sees a pledge's detail. Seeded demo pledges keep the default marking: RESTRICTED releasable
 * to UN, the contributor being the originator; aggregates are covered in analysis.test.ts.
 */

const t = systemForThisFile();

const LIST = `{ pledges(first: 100) { totalCount nodes { id contributor { code } unitDetails demo marking releasableTo } } }`;
interface PledgeList {
  pledges: {
    totalCount: number;
    nodes: {
      id: string;
      contributor: { code: string };
      unitDetails: string | null;
      demo: boolean;
      marking: string;
      releasableTo: string[];
    }[];
  };
}

/** Ids of a contributor's pledges, as the UN (who sees them all) lists them. */
async function pledgeIds(contributor: string): Promise<string[]> {
  const d = await t.system.ok<{ pledges: { nodes: { id: string }[] } }>(
    `query($c: ID) { pledges(contributor: $c) { nodes { id } } }`,
    t.who.un,
    { c: contributor },
  );
  return d.pledges.nodes.map((p) => p.id);
}

describe("pledge detail", () => {
  it("the UN planner sees every pledge with its unit details", async () => {
    const d = await t.system.ok<PledgeList>(LIST, t.who.un);
    expect(d.pledges.totalCount).toBe(15);
    expect(d.pledges.nodes.every((p) => p.demo && p.marking === "RESTRICTED" && p.releasableTo.join() === "UN")).toBe(true);
    const bgd = d.pledges.nodes.find((p) => p.contributor.code === "BGD" && p.unitDetails?.includes("Battalion"));
    expect(bgd?.unitDetails).toBe("[DEMO] Battalion with organic engineering company");
  });

  it("a contributing government sees its own pledges only", async () => {
    const d = await t.system.ok<PledgeList>(LIST, t.who.bgd);
    expect(d.pledges.totalCount).toBe(2);
    expect(d.pledges.nodes.map((p) => p.contributor.code)).toEqual(["BGD", "BGD"]);
    expect(d.pledges.nodes.map((p) => p.unitDetails).sort()).toEqual([
      "[DEMO] Battalion with organic engineering company",
      "[DEMO] Utility helicopter unit, three airframes",
    ]);
  });

  it("another government, civil society and anonymous callers see no pledge in detail", async () => {
    for (const token of [t.who.usa, t.who.gcr2p, t.who.anonymous]) {
      const d = await t.system.ok<PledgeList>(LIST, token);
      expect(d.pledges).toEqual({ totalCount: 0, nodes: [] });
    }
  });

  it("by id and through a Partner, an unreadable pledge looks like a missing one", async () => {
    const [deuPledge] = await pledgeIds("DEU");
    const byId = `query($id: ID!) { pledge(id: $id) { id transitions { from to by { code } } } }`;
    expect((await t.system.ok(byId, t.who.un, { id: deuPledge })).pledge.transitions).toEqual([
      { from: null, to: "PLEDGED", by: { code: "DEU" } },
    ]);
    for (const token of [t.who.bgd, t.who.usa, t.who.gcr2p, t.who.anonymous]) {
      expect((await t.system.ok(byId, token, { id: deuPledge })).pledge).toBeNull();
    }
    expect((await t.system.ok(byId, t.who.un, { id: "00000000-0000-4000-8000-000000000000" })).pledge).toBeNull();
    const viaPartner = `{ partner(code: "BGD") { name pledges { contributor { code } } } }`;
    expect((await t.system.ok(viaPartner, t.who.un)).partner.pledges).toHaveLength(2);
    expect((await t.system.ok(viaPartner, t.who.bgd)).partner.pledges).toHaveLength(2);
    expect((await t.system.ok(viaPartner, t.who.usa)).partner).toEqual({ name: "Bangladesh", pledges: [] });
  });

  it("filters pledges by mission, capability, readiness, status and event", async () => {
    const q = `query($m: ID, $c: ID, $r: Readiness, $min: Readiness, $s: [PledgeStatus!], $e: ID, $g: Boolean) {
      pledges(mission: $m, capabilityType: $c, readiness: $r, minimumReadiness: $min, status: $s, event: $e, general: $g) { totalCount }
    }`;
    const count = async (v: Record<string, unknown>) => (await t.system.ok(q, t.who.un, v)).pledges.totalCount;
    expect(await count({ m: "MINUSCA" })).toBe(7);
    expect(await count({ m: "minusca", c: "UTILITY_HELICOPTER_UNIT" })).toBe(3);
    expect(await count({ r: "LEVEL_3" })).toBe(6);
    expect(await count({ min: "LEVEL_3" })).toBe(8);
    expect(await count({ s: ["WITHDRAWN", "EXPIRED"] })).toBe(3);
    expect(await count({ e: "BERLIN_2025" })).toBe(3);
    expect(await count({ g: true })).toBe(2);
    const future = await t.system.ok(`{ pledges(updatedSince: "2100-01-01T00:00:00Z") { totalCount } }`, t.who.un);
    expect(future.pledges.totalCount).toBe(0);
  });

  it("pages with cursors", async () => {
    type PledgePage = { edges: { node: { id: string } }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
    const q = `query($after: String) { pledges(first: 6, after: $after) { totalCount edges { cursor node { id } } pageInfo { endCursor hasNextPage } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: PledgePage = (await t.system.ok<{ pledges: PledgePage }>(q, t.who.un, { after })).pledges;
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(15);
    expect(new Set(seen).size).toBe(15);
  });

  it("serves the missions and reference lists to everyone", async () => {
    type Mission = { acronym: string; chapterVII: boolean; protectionOfCivilians: boolean; status: string };
    const d = await t.system.ok<{
      missions: Mission[];
      capabilityTypes: { code: string }[];
      pledgingEvents: { code: string; date: string }[];
    }>(`{ missions { acronym chapterVII protectionOfCivilians status } capabilityTypes { code } pledgingEvents { code date } }`);
    const current = d.missions.filter((m) => m.status !== "CLOSED").map((m) => m.acronym);
    expect(current).toHaveLength(11);
    expect(d.missions.find((m) => m.acronym === "MINUSCA")).toEqual({
      acronym: "MINUSCA",
      chapterVII: true,
      protectionOfCivilians: true,
      status: "ACTIVE",
    });
    expect(d.capabilityTypes).toHaveLength(11);
    expect(d.pledgingEvents.map((e) => e.code)).toEqual([
      "SUMMIT_2015",
      "LONDON_2016",
      "VANCOUVER_2017",
      "SEOUL_2021",
      "ACCRA_2023",
      "BERLIN_2025",
    ]);
  });
});
