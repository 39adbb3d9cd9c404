/**
 * Women's share against the 2028 targets, the podium-to-ground funnel per pledging event and rotations, against
 * figures computed by hand from the seed and from what each test adds, for callers who read the pledges and callers
 * who may only count them (the aggregate exception and its suppression).
 */
import { sql } from "../authority/support.js";
import { systemForThisFile } from "./support";

const t = systemForThisFile();
let fra: string;

beforeAll(async () => {
  fra = await t.system.token("FRA", "planner");
});

const CREATE = `mutation($input: PledgeInput!) { createPledge(input: $input) { id version } }`;
const STATUS = `mutation($id: ID!, $v: Int!, $s: PledgeStatus!) { changePledgeStatus(id: $id, expectedVersion: $v, status: $s) { version } }`;

async function create(token: string, input: Record<string, unknown>) {
  return (await t.system.ok(CREATE, token, { input })).createPledge as { id: string; version: number };
}

describe("women's share against the 2028 targets", () => {
  const SHARE = `{ womenShare(contributors: ["FRA"]) { contributor { code } categories {
    category target deployedPersonnel deployedWomen deployedShare pledgedPersonnel pledgedWomen pledgedShare deployedMeetsTarget } } }`;
  type Share = { category: string; pledgedPersonnel: number; pledgedWomen: number; pledgedShare: number | null } & Record<string, unknown>;
  const categories = async (token: string) =>
    new Map(((await t.system.ok(SHARE, token)).womenShare[0].categories as Share[]).map((c) => [c.category, c]));

  it("holds the strategy's targets as reference data with their source", async () => {
    const targets = (await t.system.ok(`{ genderParityTargets { category target year source } }`)).genderParityTargets;
    expect(Object.fromEntries(targets.map((x: { category: string; target: number }) => [x.category, x.target]))).toEqual({
      MILITARY_CONTINGENTS: 0.15,
      MILITARY_OBSERVERS_AND_STAFF_OFFICERS: 0.25,
      FORMED_POLICE_UNITS: 0.2,
      INDIVIDUAL_POLICE_OFFICERS: 0.3,
    });
    for (const x of targets)
      expect(x).toMatchObject({ year: 2028, source: expect.stringContaining("Uniformed Gender Parity Strategy 2018–2028") });
  });

  it("counts deployed and pledged personnel per category", async () => {
    // France has nothing in the seed: one staff-officer deployment (public) and pledges of each kind.
    await t.system.ok(
      `mutation { recordDeploymentSnapshot(key: { mission: "UNDOF", month: "2026-11", contributor: "FRA", capabilityType: "STAFF_OFFICERS" },
                                           input: { units: 1, personnel: 20, womenPersonnel: 6 }) { id } }`,
      t.who.un,
    );
    await create(fra, { mission: "UNIFIL", capabilityType: "INFANTRY_BATTALION", quantity: 1, personnel: 400, womenPersonnel: 40 });
    await create(fra, { mission: "UNIFIL", capabilityType: "FORMED_POLICE_UNIT", quantity: 1, personnel: 140, womenPersonnel: 35 });
    const un = await categories(t.who.un);
    expect([...un.keys()]).toEqual([
      "MILITARY_CONTINGENTS",
      "MILITARY_OBSERVERS_AND_STAFF_OFFICERS",
      "FORMED_POLICE_UNITS",
      "INDIVIDUAL_POLICE_OFFICERS",
    ]);
    expect(un.get("MILITARY_CONTINGENTS")).toEqual({
      category: "MILITARY_CONTINGENTS",
      target: 0.15,
      deployedPersonnel: 0,
      deployedWomen: 0,
      deployedShare: null,
      pledgedPersonnel: 400,
      pledgedWomen: 40,
      pledgedShare: 0.1,
      deployedMeetsTarget: null,
    });
    expect(un.get("MILITARY_OBSERVERS_AND_STAFF_OFFICERS")).toMatchObject({
      deployedPersonnel: 20,
      deployedWomen: 6,
      deployedShare: 0.3,
      deployedMeetsTarget: true,
      pledgedPersonnel: 0,
      pledgedShare: null,
    });
    expect(un.get("FORMED_POLICE_UNITS")).toMatchObject({ pledgedPersonnel: 140, pledgedWomen: 35, pledgedShare: 0.25 });
    expect(await categories(fra)).toEqual(un);
  });

  it("suppresses pledged totals resting on fewer than 3 pledges the caller cannot read", async () => {
    // The USA may count France's pledges (aggregate PARTNERS) but not read them: one per category is suppressed.
    const usa = await categories(t.who.usa);
    expect(usa.get("MILITARY_CONTINGENTS")).toMatchObject({ pledgedPersonnel: 0, pledgedWomen: 0, pledgedShare: null });
    expect(usa.get("FORMED_POLICE_UNITS")).toMatchObject({ pledgedPersonnel: 0, pledgedShare: null });
    // Deployments are public: not suppressed.
    expect(usa.get("MILITARY_OBSERVERS_AND_STAFF_OFFICERS")).toMatchObject({ deployedPersonnel: 20, deployedShare: 0.3 });
    await create(fra, { mission: "UNIFIL", capabilityType: "QUICK_REACTION_FORCE", quantity: 1, personnel: 200, womenPersonnel: 30 });
    expect((await categories(t.who.usa)).get("MILITARY_CONTINGENTS")).toMatchObject({ pledgedPersonnel: 0 });
    await create(fra, { mission: "UNIFIL", capabilityType: "MEDICAL_UNIT", quantity: 1, personnel: 60, womenPersonnel: 30 });
    // Three unreadable military-contingent pledges: 400 + 200 + 60 personnel, 40 + 30 + 30 women.
    expect((await categories(t.who.usa)).get("MILITARY_CONTINGENTS")).toMatchObject({
      pledgedPersonnel: 660,
      pledgedWomen: 100,
      pledgedShare: 0.1515,
    });
    expect((await categories(t.who.usa)).get("FORMED_POLICE_UNITS")).toMatchObject({ pledgedPersonnel: 0 });
    const partner = (await t.system.ok(`{ partner(code: "FRA") { womenShare { category pledgedPersonnel } } }`, t.who.un)).partner;
    expect(partner.womenShare[0]).toEqual({ category: "MILITARY_CONTINGENTS", pledgedPersonnel: 660 });
  });

  it("refuses an empty or oversized list of contributors", async () => {
    for (const contributors of [[], Array.from({ length: 201 }, (_, i) => `X${i}`), ["not a code"]]) {
      const res = await t.system.query(`query($c: [ID!]!) { womenShare(contributors: $c) { contributor { code } } }`, {
        token: t.who.un,
        variables: { c: contributors },
      });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "contributors" });
    }
  });
});

describe("from the podium to the ground", () => {
  const FUNNEL = `query($code: ID!) { pledgingEvent(code: $code) { statesPledged factsSource
    funnel { pledges units personnel reached { readiness pledges units personnel } deployedPledges deployedUnits deployedPersonnel medianDaysToDeployment } } }`;
  const funnel = async (code: string, token?: string) => (await t.system.ok(FUNNEL, token, { code })).pledgingEvent;

  it("gives the Berlin ministerial's public facts and its demo pledges' funnel", async () => {
    // Berlin 2025 (demo): DEU helicopters LEVEL_2 (120), BGD helicopters LEVEL_3 (120), NPL battalion RAPID_DEPLOYMENT (850), all PLEDGED.
    const berlin = await funnel("BERLIN_2025", t.who.un);
    expect(berlin.statesPledged).toBe(74);
    expect(berlin.factsSource).toContain("Berlin");
    expect(berlin.funnel).toEqual({
      pledges: 3,
      units: 3,
      personnel: 1090,
      reached: [
        { readiness: "LEVEL_1", pledges: 3, units: 3, personnel: 1090 },
        { readiness: "LEVEL_2", pledges: 3, units: 3, personnel: 1090 },
        { readiness: "LEVEL_3", pledges: 2, units: 2, personnel: 970 },
        { readiness: "RAPID_DEPLOYMENT", pledges: 1, units: 1, personnel: 850 },
      ],
      deployedPledges: 0,
      deployedUnits: 0,
      deployedPersonnel: 0,
      medianDaysToDeployment: null,
    });
    // Other events record no count of states.
    expect((await funnel("SEOUL_2021")).statesPledged).toBeNull();
  });

  it("measures the days from pledge to deployment", async () => {
    // The 2015 summit's two deployed demo pledges (RWA, PAK) deployed 300 days after their registration (seed history).
    const summit = (await funnel("SUMMIT_2015", t.who.un)).funnel;
    expect(summit).toMatchObject({ pledges: 2, deployedPledges: 2, deployedPersonnel: 990, medianDaysToDeployment: 300 });
    // The USA reads neither and they are 2: suppressed, median included.
    expect((await funnel("SUMMIT_2015", t.who.usa)).funnel).toMatchObject({ pledges: 0, deployedPledges: 0, medianDaysToDeployment: null });
  });

  it("counts 3 unreadable deployed pledges for other partners, with their median", async () => {
    // Three French pledges at London 2016, deployed now, registered 100, 200 and 400 days ago: median 200 days.
    const ids: string[] = [];
    for (const days of [100, 200, 400]) {
      const p = await create(fra, { mission: "UNIFIL", capabilityType: "EOD_UNIT", quantity: 1, personnel: 40, event: "LONDON_2016" });
      let v = p.version;
      for (const s of ["VERIFIED", "DEPLOYED"]) v = (await t.system.ok(STATUS, fra, { id: p.id, v, s })).changePledgeStatus.version;
      await sql(t.system, "peacekeeping", `update pledge set created_at = now() - make_interval(days => $2) where id = $1`, [p.id, days]);
      ids.push(p.id);
    }
    const usa = (await funnel("LONDON_2016", t.who.usa)).funnel;
    // London's two demo GBR pledges (one LEVEL_1 PLEDGED, one LEVEL_2 WITHDRAWN) rest on one unreadable pledge each: suppressed.
    expect(usa).toMatchObject({ pledges: 3, personnel: 120, deployedPledges: 3, deployedPersonnel: 120, medianDaysToDeployment: 200 });
    const un = (await funnel("LONDON_2016", t.who.un)).funnel;
    expect(un).toMatchObject({ pledges: 5, personnel: 510, deployedPledges: 3, medianDaysToDeployment: 200 });
    expect(un.reached[1]).toEqual({ readiness: "LEVEL_2", pledges: 1, units: 1, personnel: 140 });
  });
});

describe("rotations", () => {
  const ROTATIONS = `query($m: ID!, $within: Int!, $asOf: String) { upcomingRotations(mission: $m, within: $within, asOf: $asOf) {
    totalCount nodes { contributor { code } capabilityType { code } rotationDue rotationUncovered replacement { contributor { code } status } } } }`;
  const rotations = async (token: string | undefined, m: string, within = 90) =>
    (await t.system.ok(ROTATIONS, token, { m, within, asOf: "2026-12-07" })).upcomingRotations;

  it("lists the units due within the window, each with its replacement or as a gap in time", async () => {
    expect((await rotations(t.who.un, "MINUSCA")).nodes).toEqual([
      {
        contributor: { code: "BGD" },
        capabilityType: { code: "INFANTRY_BATTALION" },
        rotationDue: "2027-01-31",
        rotationUncovered: true,
        replacement: null,
      },
    ]);
    expect((await rotations(t.who.un, "UNMISS")).nodes).toEqual([
      {
        contributor: { code: "RWA" },
        capabilityType: { code: "INFANTRY_BATTALION" },
        rotationDue: "2027-02-28",
        rotationUncovered: false,
        replacement: { contributor: { code: "NPL" }, status: "PLEDGED" },
      },
    ]);
    // PAK's MONUSCO helicopters rotate on 2027-03-31: beyond 90 days, within 120.
    expect((await rotations(t.who.un, "MONUSCO")).totalCount).toBe(0);
    expect((await rotations(t.who.un, "MONUSCO", 120)).totalCount).toBe(1);
    // Only pledges one may read in detail: BGD its own, the USA none.
    expect((await rotations(t.who.bgd, "MINUSCA")).totalCount).toBe(1);
    expect((await rotations(t.who.usa, "MINUSCA")).totalCount).toBe(0);
  });

  it("covers a rotation once a pledge names the unit it replaces", async () => {
    const due = (await t.system.ok(`{ pledges(contributor: "BGD", mission: "MINUSCA", status: [DEPLOYED]) { nodes { id } } }`, t.who.bgd))
      .pledges.nodes[0].id;
    const input = { mission: "MINUSCA", capabilityType: "INFANTRY_BATTALION", quantity: 1, personnel: 850, replaces: due };
    const replacement = await create(t.who.bgd, input);
    const [node] = (await rotations(t.who.un, "MINUSCA")).nodes;
    expect(node).toMatchObject({ rotationUncovered: false, replacement: { contributor: { code: "BGD" }, status: "PLEDGED" } });
    const q = `query($id: ID!) { pledge(id: $id) { replaces { id rotationDue } } }`;
    expect((await t.system.ok(q, t.who.bgd, { id: replacement.id })).pledge.replaces).toEqual({ id: due, rotationDue: "2027-01-31" });
    // Only a DEPLOYED pledge one may read can be replaced.
    const refused = await t.system.query(CREATE, { token: t.who.bgd, variables: { input: { ...input, replaces: replacement.id } } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.replaces" });
    const foreign = await t.system.query(CREATE, { token: fra, variables: { input: { ...input, replaces: due } } });
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.replaces" });
  });

  it("refuses a window out of bounds", async () => {
    for (const within of [0, 731]) {
      const res = await t.system.query(ROTATIONS, { token: t.who.un, variables: { m: "MINUSCA", within } });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "within" });
    }
  });
});

describe("batching", () => {
  // MINUSCA's pledges: the newest are this file's (no event, one replacing a unit), then the demo ones (events, visits, caveats).
  const QUERY = `query($first: Int!) { pledges(mission: "MINUSCA", first: $first) { nodes {
    id visits { kind passed checklist { outcome } pledge { id } } caveats { kind }
    replaces { id } replacement { id } rotationUncovered
    event { funnel { pledges medianDaysToDeployment reached { pledges } } }
    contributor { code womenShare { category pledgedShare } }
  } } }`;

  it("resolves visits, caveats, replacements, funnels and women's shares in batches: statements do not grow with the page", async () => {
    const statements = async (first: number) => {
      t.system.resetStatements();
      const res = await t.system.query<{ pledges: { nodes: unknown[] } }>(QUERY, { token: t.who.un, variables: { first } });
      expect(res.errors).toBeUndefined();
      return { size: res.data!.pledges.nodes.length, peacekeeping: t.system.statementsBy("peacekeeping") };
    };
    await statements(1); // warm-up: reference tables are read once per process
    const few = await statements(2);
    const many = await statements(20);
    expect(few.size).toBe(2);
    expect(many.size).toBeGreaterThanOrEqual(7);
    expect(many.peacekeeping).toBe(few.peacekeeping);
  });
});
