import { systemForThisFile } from "./support";

/**
 * Gap, pipeline and delivery figures checked against values computed by hand from the seed
 * (subgraphs/peacekeeping/src/seed): 15 demo pledges, all RESTRICTED releasable to UN in detail;
 * aggregate marking PARTNERS except KOR's MINUSCA helicopters (GOVERNMENTS: civil society does not
 * count them) and GHA's MINUSCA medical unit (PUBLIC: anonymous callers count it). Only the UN (and
 * each contributor, for its own) reads them in detail; for everyone else a total's part resting on
 * fewer than 3 unreadable pledges is suppressed (policy: mayShowUnreadablePart).
 */

const t = systemForThisFile();

const GAPS = /* GraphQL */ `
  query Gaps($level: Readiness!) {
    mission(acronym: "MINUSCA") {
      latestDeploymentMonth
      gaps(minimumReadiness: $level) { capabilityType { code } required deployed pledged gap personnelGap }
    }
  }
`;

type Gap = { capabilityType: { code: string }; required: number; deployed: number; pledged: number; gap: number; personnelGap: number };

async function gaps(token: string | undefined, level: string): Promise<Record<string, Omit<Gap, "capabilityType">>> {
  const d = await t.system.ok<{ mission: { latestDeploymentMonth: string; gaps: Gap[] } }>(GAPS, token, { level });
  expect(d.mission.latestDeploymentMonth).toBe("2026-10");
  return Object.fromEntries(d.mission.gaps.map(({ capabilityType, ...g }) => [capabilityType.code, g]));
}

describe("MINUSCA gaps: required − deployed (latest month, 2026-10) − pledged (PLEDGED/VERIFIED at or above the level)", () => {
  it("for the UN, which reads every pledge, at LEVEL_1", async () => {
    const g = await gaps(t.who.un, "LEVEL_1");
    // Infantry: required 10; deployed in 2026-10 BGD 1 + RWA 2 + PAK 1 = 4; BGD's pledge is DEPLOYED so not "pledged" → 10 − 4 − 0 = 6.
    // Personnel: 8500 − (850 + 1700 + 850) − 0 = 5100.
    expect(g.INFANTRY_BATTALION).toEqual({ required: 10, deployed: 4, pledged: 0, gap: 6, personnelGap: 5100 });
    // Utility helicopters: required 4; deployed BGD 1 (PAK's unit left after 2026-09); pledged DEU 1 (L2 PLEDGED) + KOR 1
    // (L3 VERIFIED) + CAN 1 (L1 PLEDGED) = 3 → 4 − 1 − 3 = 0. Personnel 480 − 120 − (120 + 110 + 100) = 30.
    expect(g.UTILITY_HELICOPTER_UNIT).toEqual({ required: 4, deployed: 1, pledged: 3, gap: 0, personnelGap: 30 });
    // Armed helicopters: required 2, nothing deployed, GBR's pledge WITHDRAWN → 2 − 0 − 0 = 2; 280 personnel.
    expect(g.ARMED_HELICOPTER_UNIT).toEqual({ required: 2, deployed: 0, pledged: 0, gap: 2, personnelGap: 280 });
    // QRF: 2 − PAK 1 − NPL 1 (RAPID_DEPLOYMENT, VERIFIED) = 0; 400 − 200 − 200 = 0.
    expect(g.QUICK_REACTION_FORCE).toEqual({ required: 2, deployed: 1, pledged: 1, gap: 0, personnelGap: 0 });
    // Medical: 3 − GHA 1 deployed − GHA 1 pledged (L2) = 1; 180 − 60 − 60 = 60.
    expect(g.MEDICAL_UNIT).toEqual({ required: 3, deployed: 1, pledged: 1, gap: 1, personnelGap: 60 });
  });

  it("orders capabilities by the biggest gap", async () => {
    const d = await t.system.ok<{ mission: { gaps: Gap[] } }>(GAPS, t.who.un, { level: "LEVEL_1" });
    // 6 (infantry), 2 (armed helicopters), 1 (medical), then the two 0s by code.
    expect(d.mission.gaps.map((g) => g.capabilityType.code)).toEqual([
      "INFANTRY_BATTALION",
      "ARMED_HELICOPTER_UNIT",
      "MEDICAL_UNIT",
      "QUICK_REACTION_FORCE",
      "UTILITY_HELICOPTER_UNIT",
    ]);
  });

  it("counts only pledges at or above the chosen readiness level", async () => {
    const l2 = await gaps(t.who.un, "LEVEL_2");
    // LEVEL_2+: DEU (L2) + KOR (L3) = 2 → 4 − 1 − 2 = 1.
    expect(l2.UTILITY_HELICOPTER_UNIT.gap).toBe(1);
    const l3 = await gaps(t.who.un, "LEVEL_3");
    // LEVEL_3+: KOR only → 4 − 1 − 1 = 2; medical: GHA is L2 → 3 − 1 − 0 = 2; QRF: NPL is RAPID_DEPLOYMENT → still 0.
    expect([l3.UTILITY_HELICOPTER_UNIT.gap, l3.MEDICAL_UNIT.gap, l3.QUICK_REACTION_FORCE.gap]).toEqual([2, 2, 0]);
    const rapid = await gaps(t.who.un, "RAPID_DEPLOYMENT");
    // Only NPL's QRF is rapid: helicopters 4 − 1 − 0 = 3.
    expect([rapid.UTILITY_HELICOPTER_UNIT.gap, rapid.QUICK_REACTION_FORCE.gap]).toEqual([3, 0]);
  });

  it("shows other callers the pledges they cannot read only where they are 3 or more; civil society and anonymous callers count less", async () => {
    const un = await gaps(t.who.un, "LEVEL_1");
    const usa = await gaps(t.who.usa, "LEVEL_1");
    expect(await gaps(t.who.bgd, "LEVEL_1")).toEqual(usa);
    // Helicopters rest on 3 unreadable pledges (DEU, KOR, CAN): shown as to the UN. Medical (GHA) and QRF (NPL) rest on one: suppressed.
    expect(usa.UTILITY_HELICOPTER_UNIT).toEqual(un.UTILITY_HELICOPTER_UNIT);
    expect(usa.MEDICAL_UNIT).toMatchObject({ pledged: 0, gap: 2 });
    expect(usa.QUICK_REACTION_FORCE).toMatchObject({ pledged: 0, gap: 1 });
    // GCR2P does not count KOR's helicopters (aggregate marking GOVERNMENTS): DEU + CAN are 2, too few → 4 − 1 − 0 = 3.
    const cs = await gaps(t.who.gcr2p, "LEVEL_1");
    expect(cs.UTILITY_HELICOPTER_UNIT).toMatchObject({ pledged: 0, gap: 3 });
    // Anonymous callers may count only GHA's PUBLIC-aggregate medical pledge, one alone: suppressed.
    const anon = await gaps(t.who.anonymous, "LEVEL_1");
    expect(anon.UTILITY_HELICOPTER_UNIT).toMatchObject({ pledged: 0, gap: 3 });
    expect(anon.QUICK_REACTION_FORCE).toMatchObject({ pledged: 0, gap: 1 });
    expect(anon.MEDICAL_UNIT).toMatchObject({ pledged: 0, gap: 2 });
  });

  it("reads deployments from each mission's own latest month (MONUSCO last reported 2026-09)", async () => {
    type Gap = { capabilityType: { code: string }; deployed: number; pledged: number; gap: number };
    const d = await t.system.ok<{ mission: { latestDeploymentMonth: string; gaps: Gap[] } }>(
      `{ mission(acronym: "MONUSCO") { latestDeploymentMonth gaps { capabilityType { code } deployed pledged gap } } }`,
      t.who.un,
    );
    expect(d.mission.latestDeploymentMonth).toBe("2026-09");
    const g = Object.fromEntries(d.mission.gaps.map((x) => [x.capabilityType.code, [x.deployed, x.pledged, x.gap]]));
    // Armed 3 − PAK 1 − 0; utility 4 − IND 2 − 0 (IND's pledge EXPIRED); ISR 2 − 0 − 0 (NLD's WITHDRAWN); QRF 1 − NPL 1 − 0.
    expect(g).toEqual({
      ARMED_HELICOPTER_UNIT: [1, 0, 2],
      UTILITY_HELICOPTER_UNIT: [2, 0, 2],
      ISR_UAS_UNIT: [0, 0, 2],
      QUICK_REACTION_FORCE: [1, 0, 0],
    });
  });
});

describe("readiness pipeline", () => {
  const PIPELINE = `{ mission(acronym: "MINUSCA") { readinessPipeline { readiness status pledges units personnel } } }`;
  const cells = (rows: { readiness: string; status: string; pledges: number }[]) =>
    rows.map((c) => `${c.readiness}/${c.status}=${c.pledges}`);

  it("counts MINUSCA's pledges per level and status", async () => {
    const d = await t.system.ok(PIPELINE, t.who.un);
    // MINUSCA pledges: CAN L1 PLEDGED; DEU L2 PLEDGED, GHA L2 PLEDGED; GBR L2 WITHDRAWN; KOR L3 VERIFIED; BGD L3 DEPLOYED; NPL RAPID VERIFIED.
    expect(cells(d.mission.readinessPipeline)).toEqual([
      "LEVEL_1/PLEDGED=1",
      "LEVEL_2/PLEDGED=2",
      "LEVEL_2/WITHDRAWN=1",
      "LEVEL_3/VERIFIED=1",
      "LEVEL_3/DEPLOYED=1",
      "RAPID_DEPLOYMENT/VERIFIED=1",
    ]);
    // LEVEL_2/PLEDGED personnel: DEU 120 + GHA 60 = 180.
    expect(d.mission.readinessPipeline[1]).toMatchObject({ units: 2, personnel: 180 });
  });

  it("shows each caller only what it may aggregate", async () => {
    expect(cells((await t.system.ok(PIPELINE, t.who.gcr2p)).mission.readinessPipeline)).not.toContain("LEVEL_3/VERIFIED=1");
    // Anonymous callers may count GHA's pledge alone (PUBLIC aggregate): a cell resting on one unreadable pledge is suppressed.
    expect(cells((await t.system.ok(PIPELINE, t.who.anonymous)).mission.readinessPipeline)).toEqual([]);
  });

  it("counts every pledge, with filters, across missions", async () => {
    const q = `query($status: [PledgeStatus!]) { readinessPipeline(status: $status) { readiness status pledges } }`;
    const all = (await t.system.ok(q, t.who.un)).readinessPipeline;
    // 15 pledges: L1 PLEDGED 2; L2 PLEDGED 3, WITHDRAWN 2; L3 PLEDGED 1, VERIFIED 1, DEPLOYED 3, EXPIRED 1; RAPID PLEDGED 1, VERIFIED 1.
    expect(cells(all)).toEqual([
      "LEVEL_1/PLEDGED=2",
      "LEVEL_2/PLEDGED=3",
      "LEVEL_2/WITHDRAWN=2",
      "LEVEL_3/PLEDGED=1",
      "LEVEL_3/VERIFIED=1",
      "LEVEL_3/DEPLOYED=3",
      "LEVEL_3/EXPIRED=1",
      "RAPID_DEPLOYMENT/PLEDGED=1",
      "RAPID_DEPLOYMENT/VERIFIED=1",
    ]);
    const deployed = (await t.system.ok(q, t.who.gcr2p, { status: ["DEPLOYED"] })).readinessPipeline;
    expect(cells(deployed)).toEqual(["LEVEL_3/DEPLOYED=3"]);
  });
});

describe("events, renewals, roster and contributions", () => {
  it("tells what was pledged at an event and how much was delivered", async () => {
    const q = `{ pledgingEvent(code: "SEOUL_2021") { name delivery { pledges units personnel deliveredPledges deliveredPersonnel byStatus { status pledges } } } }`;
    // Seoul 2021: BGD infantry (DEPLOYED, 850), IND medical (PLEDGED, 60), KOR helicopters (VERIFIED, 110, aggregate GOVERNMENTS).
    expect((await t.system.ok(q, t.who.un)).pledgingEvent.delivery).toEqual({
      pledges: 3,
      units: 3,
      personnel: 1020,
      deliveredPledges: 1,
      deliveredPersonnel: 850,
      byStatus: [
        { status: "PLEDGED", pledges: 1 },
        { status: "VERIFIED", pledges: 1 },
        { status: "DEPLOYED", pledges: 1 },
      ],
    });
    // BGD reads its own pledge; the two others, one per status, are suppressed.
    expect((await t.system.ok(q, t.who.bgd)).pledgingEvent.delivery).toMatchObject({ pledges: 1, personnel: 850, deliveredPledges: 1 });
    // Another government reads none of them, each alone in its status: nothing shows.
    expect((await t.system.ok(q, t.who.usa)).pledgingEvent.delivery).toMatchObject({
      pledges: 0,
      personnel: 0,
      deliveredPledges: 0,
      byStatus: [],
    });
    // The event's pledges in detail: only the UN sees all three.
    const list = `{ pledges(event: "SEOUL_2021") { totalCount } }`;
    expect((await t.system.ok(list, t.who.un)).pledges.totalCount).toBe(3);
    expect((await t.system.ok(list, t.who.bgd)).pledges.totalCount).toBe(1);
    expect((await t.system.ok(list, t.who.usa)).pledges.totalCount).toBe(0);
  });

  it("lists overdue renewals, most overdue first, to those who may see them", async () => {
    const q = `query($asOf: String) { overdueRenewals(asOf: $asOf) { totalCount nodes { contributor { code } renewalDue status } } }`;
    // PLEDGED/VERIFIED with renewalDue before 2026-11-01: GBR 2024-09-30, IND 2025-12-31, DEU 2026-03-31, CAN 2026-06-30,
    // BGD 2026-08-31 (NPL's 2026-12-31 is not due yet; IND's 2025-06-30 helicopters EXPIRED, which is final).
    type Overdue = {
      overdueRenewals: { totalCount: number; nodes: { contributor: { code: string }; renewalDue: string; status: string }[] };
    };
    const un = (await t.system.ok<Overdue>(q, t.who.un, { asOf: "2026-11-01" })).overdueRenewals;
    expect(un.nodes.map((p) => `${p.contributor.code} ${p.renewalDue}`)).toEqual([
      "GBR 2024-09-30",
      "IND 2025-12-31",
      "DEU 2026-03-31",
      "CAN 2026-06-30",
      "BGD 2026-08-31",
    ]);
    expect(un.totalCount).toBe(5);
    expect((await t.system.ok(q, t.who.un, { asOf: "2027-01-01" })).overdueRenewals.totalCount).toBe(6);
    expect((await t.system.ok(q, t.who.bgd, { asOf: "2026-11-01" })).overdueRenewals.nodes).toEqual([
      { contributor: { code: "BGD" }, renewalDue: "2026-08-31", status: "PLEDGED" },
    ]);
    expect((await t.system.ok(q, t.who.usa, { asOf: "2026-11-01" })).overdueRenewals.totalCount).toBe(0);
    const bad = await t.system.query(q, { token: t.who.un, variables: { asOf: "yesterday" } });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "asOf" });
  });

  it("lists the rapid-deployment roster", async () => {
    const q = `{ rapidDeploymentRoster { totalCount nodes { contributor { code } mission { acronym } capabilityType { code } status } } }`;
    // RAPID_DEPLOYMENT and not yet deployed: NPL's general battalion (Berlin 2025) and NPL's MINUSCA QRF (Accra 2023), newest first.
    expect((await t.system.ok(q, t.who.un)).rapidDeploymentRoster.nodes).toEqual([
      { contributor: { code: "NPL" }, mission: null, capabilityType: { code: "INFANTRY_BATTALION" }, status: "PLEDGED" },
      {
        contributor: { code: "NPL" },
        mission: { acronym: "MINUSCA" },
        capabilityType: { code: "QUICK_REACTION_FORCE" },
        status: "VERIFIED",
      },
    ]);
    expect((await t.system.ok(q, t.who.gcr2p)).rapidDeploymentRoster.totalCount).toBe(0);
  });

  it("sums a country's contributions on Partner and Country", async () => {
    const q = `{
      partner(code: "BGD") { peacekeepingContributions { ...C } }
      country(code: "BGD") { peacekeepingContributions { ...C } }
    }
    fragment C on PeacekeepingContributions {
      pledgesByStatus { status pledges units personnel womenPersonnel }
      deployedUnits deployedPersonnel deployedWomenPersonnel missionsDeployedTo
    }`;
    const un = await t.system.ok(q, t.who.un);
    // BGD pledges: MINUSCA infantry DEPLOYED (1, 850, 60 women), UNMISS helicopters PLEDGED (1, 120, 10 women).
    // On the ground: MINUSCA 2026-10 infantry 850 (62 women) + helicopters 120 (8); UNMISS 2026-10 engineers 200 (12)
    // → 3 units, 1170 personnel, 82 women, 2 missions.
    const expected = {
      pledgesByStatus: [
        { status: "PLEDGED", pledges: 1, units: 1, personnel: 120, womenPersonnel: 10 },
        { status: "DEPLOYED", pledges: 1, units: 1, personnel: 850, womenPersonnel: 60 },
      ],
      deployedUnits: 3,
      deployedPersonnel: 1170,
      deployedWomenPersonnel: 82,
      missionsDeployedTo: 2,
    };
    expect(un.partner.peacekeepingContributions).toEqual(expected);
    expect(un.country.peacekeepingContributions).toEqual(expected);
    // Another government would single out each of BGD's pledges (one per status): suppressed; the deployments are public.
    const usa = await t.system.ok(q, t.who.usa);
    expect(usa.country.peacekeepingContributions).toEqual({ ...expected, pledgesByStatus: [] });
    // Anonymous callers may count none of BGD's pledges (aggregate PARTNERS) but see the public deployment figures.
    const anon = await t.system.ok(q, t.who.anonymous);
    expect(anon.country.peacekeepingContributions).toEqual({ ...expected, pledgesByStatus: [] });
    // PAK: MINUSCA 2026-10 infantry 850 + QRF 200 (its helicopters left after 2026-09), MONUSCO 2026-09 armed helicopters 140.
    const pak = await t.system.ok(
      `{ country(code: "PAK") { peacekeepingContributions { deployedUnits deployedPersonnel missionsDeployedTo } } }`,
      t.who.usa,
    );
    expect(pak.country.peacekeepingContributions).toEqual({ deployedUnits: 3, deployedPersonnel: 1190, missionsDeployedTo: 2 });
  });
});
