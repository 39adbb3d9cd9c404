import { useTestSystem } from "@concert/system/testing";
import { data, type Persona, TITLES } from "./support";

const system = useTestSystem();

const COMPARE = /* GraphQL */ `
  query Compare($partners: [ID!]!) {
    comparePractices(theme: "EARLY_WARNING", partners: $partners) {
      partner { code }
      theme { code }
      practices { title marking demo }
    }
  }
`;
interface Compared {
  comparePractices: {
    partner: { code: string };
    theme: { code: string };
    practices: { title: string; marking: string; demo: boolean }[];
  }[];
}

async function comparison(who: Persona): Promise<Record<string, string[]>> {
  const { comparePractices } = await data<Compared>(system, who, COMPARE, { partners: ["CAN", "DEU", "GBR"] });
  expect(comparePractices.every((c) => c.theme.code === "EARLY_WARNING" && c.practices.every((p) => p.demo))).toBe(true);
  return Object.fromEntries(comparePractices.map((c) => [c.partner.code, c.practices.map((p) => p.title)]));
}

describe("comparePractices: Canada, Germany and the UK on early warning", () => {
  it("shows a forum member (SLF) all three, the UK's RESTRICTED-to-SLF one included", async () => {
    const expected = { CAN: [TITLES.canEarlyWarning], DEU: [TITLES.deuEarlyWarning], GBR: [TITLES.gbrEarlyWarning] };
    expect(await comparison({ partner: "GBR", role: "analyst" })).toEqual(expected);
    expect(await comparison({ partner: "CAN", role: "viewer" })).toEqual(expected);
    expect(await comparison({ partner: "USA", role: "viewer" })).toEqual(expected);
  });

  it("shows a government outside the forum the PARTNERS and GOVERNMENTS ones only", async () => {
    const expected = { CAN: [TITLES.canEarlyWarning], DEU: [TITLES.deuEarlyWarning], GBR: [] };
    expect(await comparison({ partner: "BGD", role: "viewer" })).toEqual(expected);
    expect(await comparison({ partner: "IND", role: "analyst" })).toEqual(expected);
  });

  it("shows civil society the PARTNERS one only, and the public nothing", async () => {
    expect(await comparison({ partner: "GCR2P", role: "analyst" })).toEqual({ CAN: [TITLES.canEarlyWarning], DEU: [], GBR: [] });
    expect(await comparison("anonymous")).toEqual({ CAN: [], DEU: [], GBR: [] });
  });

  it("keeps the order asked for and lists a partner without practices on the theme with an empty list", async () => {
    const { comparePractices } = await data<Compared>(system, { partner: "GBR", role: "analyst" }, COMPARE, {
      partners: ["GBR", "NLD", "USA"],
    });
    expect(comparePractices.map((c) => [c.partner.code, c.practices.map((p) => p.title)])).toEqual([
      ["GBR", [TITLES.gbrEarlyWarning]],
      ["NLD", []],
      ["USA", [TITLES.usaEarlyWarning]],
    ]);
  });
});

describe("RESTRICTED to a forum (releasableTo SLF)", () => {
  const GBR_PRACTICE = /* GraphQL */ `
    query {
      practices(theme: "EARLY_WARNING", partner: "GBR") { totalCount nodes { id title releasableTo } }
      searchPractices(query: "joint analysis") { totalCount nodes { node { title } } }
      country(code: "CAF") { practices { title } }
      partner(code: "GBR") { practices { title } }
      engagements(forum: "SLF") { totalCount nodes { title marking releasableTo } }
    }
  `;
  type Titled = { title: string };
  interface GbrPractice {
    practices: { totalCount: number; nodes: (Titled & { id: string; releasableTo: string[] })[] };
    searchPractices: { totalCount: number; nodes: { node: Titled }[] };
    country: { practices: Titled[] };
    partner: { practices: Titled[] };
    engagements: { totalCount: number; nodes: (Titled & { marking: string; releasableTo: string[] })[] };
  }

  it("is visible to the forum's members", async () => {
    for (const partner of ["GBR", "USA", "DNK", "AUS"]) {
      const d = await data<GbrPractice>(system, { partner, role: "viewer" }, GBR_PRACTICE);
      expect(d.practices).toMatchObject({ totalCount: 1, nodes: [{ title: TITLES.gbrEarlyWarning, releasableTo: ["SLF"] }] });
      expect(d.searchPractices).toEqual({ totalCount: 1, nodes: [{ node: { title: TITLES.gbrEarlyWarning } }] });
      expect(d.country.practices.map((p) => p.title)).toContain(TITLES.gbrEarlyWarning);
      expect(d.partner.practices.map((p) => p.title)).toContain(TITLES.gbrEarlyWarning);
      expect(d.engagements.totalCount).toBe(2);
      expect(d.engagements.nodes.every((e) => e.marking === "RESTRICTED" && e.releasableTo.join() === "SLF")).toBe(true);
    }
  });

  it("is invisible to everyone else: absent from lists, counts and searches, null by id", async () => {
    const member = await data<GbrPractice>(system, { partner: "GBR", role: "viewer" }, GBR_PRACTICE);
    const id = member.practices.nodes[0].id;
    for (const who of [
      { partner: "BGD", role: "viewer" },
      { partner: "EU", role: "analyst" },
      { partner: "UN", role: "analyst" },
      { partner: "GCR2P", role: "analyst" },
      "anonymous",
    ] as Persona[]) {
      const d = await data<GbrPractice>(system, who, GBR_PRACTICE);
      expect(d.practices).toEqual({ totalCount: 0, nodes: [] });
      expect(d.searchPractices).toEqual({ totalCount: 0, nodes: [] });
      expect(d.country.practices.map((p) => p.title)).not.toContain(TITLES.gbrEarlyWarning);
      expect(d.partner.practices.map((p) => p.title)).not.toContain(TITLES.gbrEarlyWarning);
      expect(d.engagements).toEqual({ totalCount: 0, nodes: [] });
      const byId = await data(system, who, "query($id: ID!) { practice(id: $id) { title } }", { id });
      expect(byId.practice).toBeNull();
    }
  });

  it("hides a RESTRICTED engagement behind a visible practice, and the forum filter does not reveal it", async () => {
    // FRA's practice (PARTNERS) came from the DEU-recorded SLF meeting on the Sahel (RESTRICTED to SLF).
    const query = /* GraphQL */ `
      query {
        practices(theme: "FIELD_COORDINATION", partner: "FRA") { nodes { engagement { title } } }
        bySlf: practices(forum: "SLF", partner: "FRA") { totalCount }
      }
    `;
    const member = await data(system, { partner: "NLD", role: "viewer" }, query);
    expect(member.practices.nodes).toEqual([
      { engagement: { title: "[DEMO] SLF meeting on stabilization and early warning in the central Sahel" } },
    ]);
    expect(member.bySlf.totalCount).toBe(1);
    const outsider = await data(system, { partner: "BGD", role: "viewer" }, query);
    expect(outsider.practices.nodes).toEqual([{ engagement: null }]);
    expect(outsider.bySlf.totalCount).toBe(0);
  });
});
