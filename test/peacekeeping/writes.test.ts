import { sql } from "../authority/support.js";
import { systemForThisFile } from "./support";

const t = systemForThisFile();
let deuPlanner: string;
let usaPlanner: string;

beforeAll(async () => {
  deuPlanner = await t.system.token("DEU", "planner");
  usaPlanner = await t.system.token("USA", "planner");
});

const CREATE = /* GraphQL */ `
  mutation Create($input: PledgeInput!, $marking: PledgeMarkingInput) {
    createPledge(input: $input, marking: $marking) {
      id version status marking releasableTo unitDetailsMarking aggregateMarking demo
      contributor { code } mission { acronym } transitions { from to by { code } }
    }
  }
`;

const STATUS = /* GraphQL */ `
  mutation Status($id: ID!, $v: Int!, $s: PledgeStatus!) {
    changePledgeStatus(id: $id, expectedVersion: $v, status: $s, note: "[DEMO] test step") { status version transitions { from to at note } }
  }
`;

const EOD = {
  mission: "UNMISS",
  capabilityType: "EOD_UNIT",
  quantity: 2,
  personnel: 80,
  womenPersonnel: 12,
  readiness: "LEVEL_1",
  event: "BERLIN_2025",
};

async function errorOf(query: string, token: string | undefined, variables: Record<string, unknown>) {
  const res = await t.system.query(query, { token, variables });
  expect(res.errors).toHaveLength(1);
  return { code: res.errors![0].extensions?.code, field: res.errors![0].extensions?.field, message: res.errors![0].message };
}

async function create(token = t.who.bgd, input: Record<string, unknown> = EOD, marking?: Record<string, unknown>) {
  return (await t.system.ok(CREATE, token, { input, marking })).createPledge;
}

async function unmissEodGap(token: string | undefined) {
  type Gap = { capabilityType: { code: string }; required: number; pledged: number; gap: number };
  const d = await t.system.ok<{ mission: { gaps: Gap[] } }>(
    `{ mission(acronym: "UNMISS") { gaps { capabilityType { code } required pledged gap } } }`,
    token,
  );
  return d.mission.gaps.find((g) => g.capabilityType.code === "EOD_UNIT") ?? null;
}

describe("pledges", () => {
  it("a government planner registers a pledge with the default marking and a first dated step", async () => {
    // Read before the write, so that the totals kept until a pledge changes are there to be replaced.
    expect(await unmissEodGap(t.who.un)).toBeNull();
    const p = await create();
    expect(p).toMatchObject({
      version: 1,
      status: "PLEDGED",
      marking: "RESTRICTED",
      releasableTo: ["UN"],
      unitDetailsMarking: "RESTRICTED",
      aggregateMarking: "PARTNERS",
      demo: false,
      contributor: { code: "BGD" },
      mission: { acronym: "UNMISS" },
      transitions: [{ from: null, to: "PLEDGED", by: { code: "BGD" } }],
    });
    const byId = `query($id: ID!) { pledge(id: $id) { id } }`;
    expect((await t.system.ok(byId, t.who.un, { id: p.id })).pledge).toEqual({ id: p.id });
    expect((await t.system.ok(byId, t.who.usa, { id: p.id })).pledge).toBeNull();
    // UNMISS has no EOD requirement: the pledge shows as a surplus of 2 (0 − 0 − 2) to those who read it; to other partners it
    // would be a total resting on one pledge they cannot read, so it is suppressed, and anonymous callers may not count it at all.
    expect(await unmissEodGap(t.who.un)).toEqual({ capabilityType: { code: "EOD_UNIT" }, required: 0, pledged: 2, gap: -2 });
    expect(await unmissEodGap(t.who.gcr2p)).toBeNull();
    expect(await unmissEodGap(t.who.anonymous)).toBeNull();
    // The write is in the contributor's access log.
    const log = await t.system.ok(
      `query($id: ID!) { peacekeepingAccessLog(entityId: $id) { nodes { action decision partner } } }`,
      t.who.bgd,
      { id: p.id },
    );
    expect(log.peacekeepingAccessLog.nodes).toContainEqual({ action: "create", decision: "GRANTED", partner: "BGD" });
  });

  it("follows the pipeline PLEDGED → VERIFIED → DEPLOYED with dated steps", async () => {
    const p = await create();
    const verified = (await t.system.ok(STATUS, t.who.bgd, { id: p.id, v: 1, s: "VERIFIED" })).changePledgeStatus;
    expect(verified).toMatchObject({ status: "VERIFIED", version: 2 });
    type Step = { from: string | null; to: string; at: string; note: string | null };
    const deployed = (
      await t.system.ok<{ changePledgeStatus: { transitions: Step[] } }>(STATUS, t.who.bgd, { id: p.id, v: 2, s: "DEPLOYED" })
    ).changePledgeStatus;
    expect(deployed.transitions.map((t) => `${t.from}→${t.to}`)).toEqual(["null→PLEDGED", "PLEDGED→VERIFIED", "VERIFIED→DEPLOYED"]);
    expect(deployed.transitions[2].note).toBe("[DEMO] test step");
    const times = deployed.transitions.map((t) => Date.parse(t.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Number.isNaN(times[2])).toBe(false);
  });

  it("refuses invalid transitions and leaves the pledge as it was", async () => {
    const p = await create();
    expect(await errorOf(STATUS, t.who.bgd, { id: p.id, v: 1, s: "DEPLOYED" })).toEqual({
      code: "BAD_USER_INPUT",
      field: "status",
      message: "a pledge must be VERIFIED before it is DEPLOYED",
    });
    expect(await errorOf(STATUS, t.who.bgd, { id: p.id, v: 1, s: "PLEDGED" })).toMatchObject({ code: "BAD_USER_INPUT", field: "status" });
    await t.system.ok(STATUS, t.who.bgd, { id: p.id, v: 1, s: "WITHDRAWN" });
    for (const s of ["PLEDGED", "VERIFIED", "DEPLOYED", "EXPIRED"]) {
      expect(await errorOf(STATUS, t.who.bgd, { id: p.id, v: 2, s })).toMatchObject({ code: "BAD_USER_INPUT", field: "status" });
    }
    const after = await t.system.ok(`query($id: ID!) { pledge(id: $id) { status version transitions { to } } }`, t.who.bgd, {
      id: p.id,
    });
    expect(after.pledge).toEqual({ status: "WITHDRAWN", version: 2, transitions: [{ to: "PLEDGED" }, { to: "WITHDRAWN" }] });
    const update = `mutation($id: ID!) { updatePledge(id: $id, expectedVersion: 2, input: { quantity: 3 }) { id } }`;
    expect(await errorOf(update, t.who.bgd, { id: p.id })).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
  });

  it("answers NOT_FOUND for an id that is not a pledge id, as for a missing one, without reaching SQL", async () => {
    const update = `mutation($id: ID!) { updatePledge(id: $id, expectedVersion: 1, input: { quantity: 3 }) { id } }`;
    for (const id of ["not-a-uuid", "00000000-0000-4000-8000-000000000000"]) {
      expect(await errorOf(update, t.who.bgd, { id })).toEqual({ code: "NOT_FOUND", field: undefined, message: `Pledge ${id} not found` });
    }
    const status = await errorOf(STATUS, t.who.bgd, { id: "1; drop table pledge", v: 1, s: "VERIFIED" });
    expect(status.code).toBe("NOT_FOUND");
  });

  it("refuses a stale version with CONFLICT", async () => {
    const p = await create();
    await t.system.ok(STATUS, t.who.bgd, { id: p.id, v: 1, s: "VERIFIED" });
    expect(await errorOf(STATUS, t.who.bgd, { id: p.id, v: 1, s: "DEPLOYED" })).toMatchObject({
      code: "CONFLICT",
      field: "expectedVersion",
    });
    const update = `mutation($id: ID!, $v: Int!) { updatePledge(id: $id, expectedVersion: $v, input: { quantity: 3, renewalDue: "2027-12-31" }) { quantity renewalDue version } }`;
    expect(await errorOf(update, t.who.bgd, { id: p.id, v: 1 })).toMatchObject({ code: "CONFLICT" });
    expect((await t.system.ok(update, t.who.bgd, { id: p.id, v: 2 })).updatePledge).toEqual({
      quantity: 3,
      renewalDue: "2027-12-31",
      version: 3,
    });
  });

  it("refuses bad input with the offending field, writing nothing", async () => {
    const before = (await t.system.ok(`{ pledges { totalCount } }`, t.who.un)).pledges.totalCount;
    const cases: [Record<string, unknown>, string][] = [
      [{ ...EOD, quantity: -1 }, "input.quantity"],
      [{ ...EOD, quantity: 0 }, "input.quantity"],
      [{ ...EOD, personnel: -5 }, "input.personnel"],
      [{ ...EOD, womenPersonnel: 81 }, "input.womenPersonnel"],
      [{ ...EOD, mission: "NOSUCH" }, "input.mission"],
      [{ ...EOD, mission: "MINUSMA" }, "input.mission"],
      [{ ...EOD, capabilityType: "SUBMARINE" }, "input.capabilityType"],
      [{ ...EOD, event: "PARIS_1900" }, "input.event"],
      [{ ...EOD, renewalDue: "2027-02-30" }, "input.renewalDue"],
    ];
    for (const [input, field] of cases) {
      expect(await errorOf(CREATE, t.who.bgd, { input })).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    expect(
      await errorOf(CREATE, t.who.bgd, { input: EOD, marking: { marking: "GOVERNMENTS", aggregateMarking: "ORIGINATOR" } }),
    ).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "marking.aggregateMarking",
    });
    expect(await errorOf(CREATE, t.who.bgd, { input: EOD, marking: { marking: "PARTNERS", releasableTo: ["UN"] } })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "marking.releasableTo",
    });
    expect((await t.system.ok(`{ pledges { totalCount } }`, t.who.un)).pledges.totalCount).toBe(before);
  });

  it("lets only government planners write, and only their own pledges", async () => {
    for (const token of [t.who.un, t.who.usa, t.who.gcr2p]) {
      expect((await errorOf(CREATE, token, { input: EOD })).code).toBe("FORBIDDEN");
    }
    expect((await errorOf(CREATE, undefined, { input: EOD })).code).toBe("UNAUTHENTICATED");
    const p = await create();
    // DEU cannot see BGD's pledge: it is missing to DEU. Released to the USA, its planner sees it but may not change it.
    expect((await errorOf(STATUS, deuPlanner, { id: p.id, v: 1, s: "VERIFIED" })).code).toBe("NOT_FOUND");
    const widen = `mutation($id: ID!, $v: Int!, $m: PledgeMarkingInput!) { changePledgeMarking(id: $id, expectedVersion: $v, marking: $m) { marking releasableTo version } }`;
    const shared = (await t.system.ok(widen, t.who.bgd, { id: p.id, v: 1, m: { releasableTo: ["UN", "USA"] } })).changePledgeMarking;
    expect(shared).toEqual({ marking: "RESTRICTED", releasableTo: ["UN", "USA"], version: 2 });
    expect((await errorOf(STATUS, usaPlanner, { id: p.id, v: 2, s: "VERIFIED" })).code).toBe("FORBIDDEN");
    expect((await errorOf(widen, usaPlanner, { id: p.id, v: 2, m: { marking: "PUBLIC" } })).code).toBe("FORBIDDEN");
  });

  it("keeps unit details under their own, stricter marking", async () => {
    const p = await create(t.who.bgd, { ...EOD, unitDetails: "[DEMO] Two EOD teams, Juba" }, { unitDetailsMarking: "ORIGINATOR" });
    const q = `query($id: ID!) { pledge(id: $id) { quantity unitDetails } }`;
    expect((await t.system.ok(q, t.who.bgd, { id: p.id })).pledge).toEqual({ quantity: 2, unitDetails: "[DEMO] Two EOD teams, Juba" });
    const un = await t.system.query(q, { token: t.who.un, variables: { id: p.id } });
    expect(un.data!.pledge).toEqual({ quantity: 2, unitDetails: null });
    expect(un.errors![0].extensions).toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("missions, requirements and deployments (UN planners)", () => {
  it("manages a mission with optimistic concurrency", async () => {
    const create = `mutation { createMission(acronym: "UNTEST", input: { name: "[DEMO] Test mission", hostCountries: ["caf"], startDate: "2026-01-01", protectionOfCivilians: true }) { acronym version status hostCountries { code } } }`;
    expect((await errorOf(create, t.who.bgd, {})).code).toBe("FORBIDDEN");
    expect((await t.system.ok(create, t.who.un)).createMission).toEqual({
      acronym: "UNTEST",
      version: 1,
      status: "ACTIVE",
      hostCountries: [{ code: "CAF" }],
    });
    expect((await errorOf(create, t.who.un, {})).code).toBe("CONFLICT");
    const update = `mutation($v: Int!, $end: String) { updateMission(acronym: "UNTEST", expectedVersion: $v, input: { status: CLOSED, endDate: $end }) { status endDate version } }`;
    expect(await errorOf(update, t.who.un, { v: 1, end: "2025-01-01" })).toMatchObject({ code: "BAD_USER_INPUT", field: "input.endDate" });
    expect((await t.system.ok(update, t.who.un, { v: 1, end: "2026-06-30" })).updateMission).toEqual({
      status: "CLOSED",
      endDate: "2026-06-30",
      version: 2,
    });
    expect((await errorOf(update, t.who.un, { v: 1, end: "2026-06-30" })).code).toBe("CONFLICT");
    const bad = `mutation { createMission(acronym: "UNX", input: { name: "x", hostCountries: ["XXX"], startDate: "2026-01-01" }) { acronym } }`;
    expect(await errorOf(bad, t.who.un, {})).toMatchObject({ code: "BAD_USER_INPUT", field: "input.hostCountries" });
  });

  it("states requirements and records deployments, which the gap then reflects", async () => {
    const req = `mutation($q: Int!) { createCapabilityRequirement(mission: "MONUSCO", capabilityType: "EOD_UNIT", input: { quantity: $q, personnel: 90, neededBy: "2027-06-30" }) { id version quantity } }`;
    expect(await errorOf(req, t.who.un, { q: -1 })).toMatchObject({ code: "BAD_USER_INPUT", field: "input.quantity" });
    expect((await errorOf(req, deuPlanner, { q: 3 })).code).toBe("FORBIDDEN");
    const created = (await t.system.ok(req, t.who.un, { q: 3 })).createCapabilityRequirement;
    expect((await errorOf(req, t.who.un, { q: 3 })).code).toBe("CONFLICT");
    const unknown = `mutation { createCapabilityRequirement(mission: "NOSUCH", capabilityType: "EOD_UNIT", input: { quantity: 1, personnel: 1 }) { id } }`;
    expect(await errorOf(unknown, t.who.un, {})).toMatchObject({ code: "BAD_USER_INPUT", field: "mission" });

    const record = `mutation($units: Int!, $v: Int) {
      recordDeploymentSnapshot(key: { mission: "MONUSCO", month: "2026-09", contributor: "GHA", capabilityType: "EOD_UNIT" },
                               input: { units: $units, personnel: 40, womenPersonnel: 4 }, expectedVersion: $v) { version units }
    }`;
    expect((await t.system.ok(record, t.who.un, { units: 1 })).recordDeploymentSnapshot).toEqual({ version: 1, units: 1 });
    expect((await errorOf(record, t.who.un, { units: 2 })).code).toBe("CONFLICT");
    expect(await errorOf(record, t.who.un, { units: -2, v: 1 })).toMatchObject({ code: "BAD_USER_INPUT", field: "input.units" });
    expect((await t.system.ok(record, t.who.un, { units: 2, v: 1 })).recordDeploymentSnapshot).toEqual({ version: 2, units: 2 });

    const gaps = await t.system.ok(
      `{ mission(acronym: "MONUSCO") { gaps { capabilityType { code } required deployed pledged gap } } }`,
      t.who.usa,
    );
    // 3 required − 2 deployed (in MONUSCO's latest month, 2026-09) − 0 pledged = 1.
    expect(gaps.mission.gaps).toContainEqual({ capabilityType: { code: "EOD_UNIT" }, required: 3, deployed: 2, pledged: 0, gap: 1 });

    const remove = `mutation($id: ID!, $v: Int!) { deleteCapabilityRequirement(id: $id, expectedVersion: $v) }`;
    expect((await errorOf(remove, t.who.un, { id: created.id, v: 7 })).code).toBe("CONFLICT");
    expect((await t.system.ok(remove, t.who.un, { id: created.id, v: 1 })).deleteCapabilityRequirement).toBe(created.id);
  });

  it("reads a newer month recorded for a mission instead of the older, and the older again once it is gone", async () => {
    type Gap = { capabilityType: { code: string }; deployed: number };
    type Read = {
      mission: { latestDeploymentMonth: string; deployments: { month: string; contributor: { code: string } }[]; gaps: Gap[] };
      country: { peacekeepingContributions: { deployedUnits: number; missionsDeployedTo: number } };
    };
    const read = async () => {
      const d = await t.system.ok<Read>(
        `{ mission(acronym: "MONUSCO") { latestDeploymentMonth deployments { month contributor { code } } gaps { capabilityType { code } deployed } }
           country(code: "IND") { peacekeepingContributions { deployedUnits missionsDeployedTo } } }`,
        t.who.un,
      );
      return {
        month: d.mission.latestDeploymentMonth,
        months: [...new Set(d.mission.deployments.map((x) => x.month))],
        deployed: Object.fromEntries(d.mission.gaps.map((g) => [g.capabilityType.code, g.deployed])),
        ind: d.country.peacekeepingContributions,
      };
    };
    // The flagged rows are each mission's latest month, as a full scan finds it.
    const flagsRight = async () => {
      const flagged = await sql<{ id: string }>(
        t.system,
        "peacekeeping",
        "select id from deployment_snapshot where latest_of_mission order by id",
      );
      const expected = await sql<{ id: string }>(
        t.system,
        "peacekeeping",
        `select d.id from deployment_snapshot d
           join (select mission_acronym, max(month) as month from deployment_snapshot group by mission_acronym) l
             on l.mission_acronym = d.mission_acronym and l.month = d.month order by d.id`,
      );
      expect(flagged.length).toBeGreaterThan(0);
      expect(flagged).toEqual(expected);
    };

    await flagsRight();
    const before = await read();
    // MONUSCO's 2026-09: PAK's armed helicopters 1, IND's utility helicopters 2, NPL's QRF 1 (and GHA's EOD unit, above).
    expect(before.month).toBe("2026-09");
    expect(before.deployed).toMatchObject({ ARMED_HELICOPTER_UNIT: 1, UTILITY_HELICOPTER_UNIT: 2, QUICK_REACTION_FORCE: 1 });

    const recorded = await t.system.ok(
      `mutation { recordDeploymentSnapshot(key: { mission: "MONUSCO", month: "2026-10", contributor: "PAK", capabilityType: "ARMED_HELICOPTER_UNIT" },
                                           input: { units: 2, personnel: 150, womenPersonnel: 9 }) { id month } }`,
      t.who.un,
    );
    expect(recorded.recordDeploymentSnapshot.month).toBe("2026-10");
    await flagsRight();
    const after = await read();
    // Only 2026-10 is read now: PAK's 2 armed helicopters; 2026-09's units are no longer summed, IND's included.
    expect(after.month).toBe("2026-10");
    expect(after.months).toEqual(["2026-10"]);
    expect(after.deployed).toMatchObject({ ARMED_HELICOPTER_UNIT: 2, UTILITY_HELICOPTER_UNIT: 0, QUICK_REACTION_FORCE: 0 });
    expect(after.ind).toEqual({ deployedUnits: before.ind.deployedUnits - 2, missionsDeployedTo: before.ind.missionsDeployedTo - 1 });

    // No mutation deletes a snapshot; an operator might: the mission's latest month is 2026-09 again.
    await sql(t.system, "peacekeeping", "delete from deployment_snapshot where id = $1", [recorded.recordDeploymentSnapshot.id]);
    await flagsRight();
    expect(await read()).toEqual(before);
  });
});
