/**
 * Verification visits and caveats: the evidence the readiness pipeline enforces (through the gateway and straight at
 * the subgraph), who reads a visit or a caveat (its pledge decides first), and gaps "without caveats" under the
 * aggregate exception and its suppression.
 */
import type { UntypedData } from "@concert/system/testing";
import { systemForThisFile } from "./support";

const t = systemForThisFile();

const CREATE = `mutation($input: PledgeInput!) { createPledge(input: $input) { id version readiness } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $input: PledgeInput!) { updatePledge(id: $id, expectedVersion: $v, input: $input) { id version readiness readinessSince } }`;
const VISIT = `mutation($pledge: ID!, $input: VisitInput!, $marking: RecordMarkingInput) {
  recordVerificationVisit(pledge: $pledge, input: $input, marking: $marking) {
    id kind date passed marking releasableTo originator { code } checklist { area outcome } pledge { id }
  }
}`;
const CAVEAT = `mutation($pledge: ID!, $input: CaveatInput!, $marking: RecordMarkingInput) {
  declarePledgeCaveat(pledge: $pledge, input: $input, marking: $marking) { id version kind text marking originator { code } }
}`;
const PASSED = [
  { area: "TRAINING", outcome: "MET" },
  { area: "EQUIPMENT", outcome: "MET_WITH_REMARKS" },
];
const FAILED = [
  { area: "TRAINING", outcome: "MET" },
  { area: "EQUIPMENT", outcome: "NOT_MET" },
];

async function errorOf(query: string, token: string | undefined, variables: Record<string, unknown>, url?: string) {
  const res = await t.system.query(query, { token, variables, url });
  expect(res.errors).toHaveLength(1);
  return { code: res.errors![0].extensions?.code, field: res.errors![0].extensions?.field, message: res.errors![0].message };
}

async function create(input: Record<string, unknown>, token = t.who.bgd) {
  return (await t.system.ok(CREATE, token, { input })).createPledge as { id: string; version: number; readiness: string };
}

async function visit(pledge: string, kind: string, checklist: typeof PASSED, marking?: Record<string, unknown>) {
  return (await t.system.ok(VISIT, t.who.un, { pledge, input: { kind, date: "2026-11-20", checklist, remarks: "[TEST]" }, marking }))
    .recordVerificationVisit;
}

describe("the readiness pipeline enforces the evidence", () => {
  let pledge: { id: string; version: number; readiness: string };
  const subgraph = () => t.system.subgraphs.peacekeeping.url;

  it("refuses a new pledge above LEVEL_1, naming the visit it lacks, through the gateway and at the subgraph", async () => {
    const input = { mission: "MONUSCO", capabilityType: "EOD_UNIT", quantity: 1, personnel: 40, readiness: "LEVEL_2" };
    for (const url of [undefined, subgraph()]) {
      const refused = await errorOf(CREATE, t.who.bgd, { input }, url);
      expect(refused).toMatchObject({ code: "BAD_USER_INPUT", field: "input.readiness" });
      expect(refused.message).toContain("assessment and advisory visit (AAV)");
    }
    pledge = await create({ ...input, readiness: "LEVEL_1" });
    expect(pledge.readiness).toBe("LEVEL_1");
  });

  it("refuses LEVEL_2 without a passed AAV: none, or a failed one", async () => {
    const move = { id: pledge.id, v: pledge.version, input: { readiness: "LEVEL_2" } };
    for (const url of [undefined, subgraph()]) {
      expect(await errorOf(UPDATE, t.who.bgd, move, url)).toMatchObject({ code: "BAD_USER_INPUT", field: "input.readiness" });
    }
    const failed = await visit(pledge.id, "AAV", FAILED);
    expect(failed).toMatchObject({ kind: "AAV", passed: false, originator: { code: "UN" }, marking: "RESTRICTED", releasableTo: ["BGD"] });
    expect(failed.checklist).toHaveLength(8);
    expect(failed.checklist).toContainEqual({ area: "EQUIPMENT", outcome: "NOT_MET" });
    expect(failed.checklist).toContainEqual({ area: "AVIATION", outcome: "NOT_ASSESSED" });
    const refused = await errorOf(UPDATE, t.who.bgd, move, subgraph());
    expect(refused.message).toMatch(/LEVEL_2 needs a passed assessment and advisory visit \(AAV\)/);
  });

  it("moves to LEVEL_2 once an AAV is passed, and dates the level", async () => {
    expect((await visit(pledge.id, "AAV", PASSED)).passed).toBe(true);
    const before = Date.now();
    const moved = (await t.system.ok(UPDATE, t.who.bgd, { id: pledge.id, v: pledge.version, input: { readiness: "LEVEL_2" } }))
      .updatePledge;
    expect(moved.readiness).toBe("LEVEL_2");
    expect(Date.parse(moved.readinessSince)).toBeGreaterThanOrEqual(before - 1000);
    pledge = moved;
  });

  it("refuses RAPID_DEPLOYMENT without a passed RDL verification, and allows it with one", async () => {
    const move = { id: pledge.id, v: pledge.version, input: { readiness: "RAPID_DEPLOYMENT" } };
    for (const url of [undefined, subgraph()]) {
      const refused = await errorOf(UPDATE, t.who.bgd, move, url);
      expect(refused).toMatchObject({ code: "BAD_USER_INPUT", field: "input.readiness" });
      expect(refused.message).toContain("RDL_VERIFICATION");
      expect(refused.message).not.toContain("(AAV)");
    }
    await visit(pledge.id, "RDL_VERIFICATION", PASSED);
    expect((await t.system.ok(UPDATE, t.who.bgd, move)).updatePledge.readiness).toBe("RAPID_DEPLOYMENT");
  });

  it("lets only UN planners record visits, whose marking always reaches the contributor", async () => {
    const input = { kind: "PRE_DEPLOYMENT", date: "2026-11-20", checklist: PASSED };
    expect((await errorOf(VISIT, t.who.bgd, { pledge: pledge.id, input })).code).toBe("FORBIDDEN");
    expect((await errorOf(VISIT, t.who.un, { pledge: pledge.id, input, marking: { marking: "ORIGINATOR" } })).field).toBe(
      "marking.marking",
    );
    expect((await errorOf(VISIT, t.who.un, { pledge: pledge.id, input: { ...input, date: "2999-01-01" } })).field).toBe("input.date");
    expect((await errorOf(VISIT, t.who.un, { pledge: pledge.id, input: { ...input, checklist: [] } })).field).toBe("input.checklist");
    expect((await errorOf(VISIT, t.who.un, { pledge: "00000000-0000-4000-8000-000000000000", input })).code).toBe("NOT_FOUND");
    const shared = await visit(pledge.id, "PRE_DEPLOYMENT", PASSED, { marking: "RESTRICTED", releasableTo: ["EU"] });
    expect(shared.releasableTo.sort()).toEqual(["BGD", "EU"]);
  });

  it("shows a pledge's visits where the pledge is readable only", async () => {
    await visit(pledge.id, "PRE_DEPLOYMENT", PASSED, { marking: "GOVERNMENTS" });
    const q = `query($id: ID!) { pledge(id: $id) { id visits { kind passed marking } } }`;
    const un = (await t.system.ok(q, t.who.un, { id: pledge.id })).pledge.visits;
    const bgd = (await t.system.ok(q, t.who.bgd, { id: pledge.id })).pledge.visits;
    expect(un).toHaveLength(5);
    expect(bgd).toEqual(un);
    // A GOVERNMENTS visit of a pledge RESTRICTED to the UN: the USA, a government, reads neither.
    expect((await t.system.ok(q, t.who.usa, { id: pledge.id })).pledge).toBeNull();
    const direct = await t.system.query<UntypedData>(q, { token: t.who.usa, variables: { id: pledge.id }, url: subgraph() });
    expect(direct.data.pledge).toBeNull();
  });

  it("explains each MINUSCA demo pledge's level by its visits", async () => {
    const q = `{ pledges(mission: "MINUSCA", first: 50) { nodes { contributor { code } readiness visits { kind passed } } } }`;
    const nodes = (await t.system.ok(q, t.who.un)).pledges.nodes as { readiness: string; visits: { kind: string; passed: boolean }[] }[];
    expect(nodes).toHaveLength(7);
    for (const p of nodes) {
      const passed = (kind: string) => p.visits.some((v) => v.kind === kind && v.passed);
      expect(passed("AAV")).toBe(p.readiness !== "LEVEL_1");
      expect(passed("RDL_VERIFICATION")).toBe(p.readiness === "RAPID_DEPLOYMENT");
    }
  });
});

describe("caveats", () => {
  it("a stricter caveat marking hides the caveat but not the pledge", async () => {
    const p = await create({ mission: "MONUSCO", capabilityType: "ENGINEERING_UNIT", quantity: 1, personnel: 200 });
    const open = (await t.system.ok(CAVEAT, t.who.bgd, { pledge: p.id, input: { kind: "TIME", text: "[TEST] 12 months" } }))
      .declarePledgeCaveat;
    expect(open).toMatchObject({ marking: "RESTRICTED", originator: { code: "BGD" } });
    const strict = (
      await t.system.ok(CAVEAT, t.who.bgd, {
        pledge: p.id,
        input: { kind: "GEOGRAPHIC", text: "[TEST] Not east of Goma" },
        marking: { marking: "ORIGINATOR" },
      })
    ).declarePledgeCaveat;
    const q = `query($id: ID!) { pledge(id: $id) { id caveats { kind text } } }`;
    expect((await t.system.ok(q, t.who.un, { id: p.id })).pledge).toEqual({
      id: p.id,
      caveats: [{ kind: "TIME", text: "[TEST] 12 months" }],
    });
    expect((await t.system.ok(q, t.who.bgd, { id: p.id })).pledge.caveats).toHaveLength(2);
    // Looser than the pledge is refused; another government may not declare caveats on BGD's pledge.
    const loose = await errorOf(CAVEAT, t.who.bgd, { pledge: p.id, input: { kind: "OTHER", text: "x" }, marking: { marking: "PUBLIC" } });
    expect(loose.code).toBe("BAD_USER_INPUT");
    const deu = await t.system.token("DEU", "planner");
    expect((await errorOf(CAVEAT, deu, { pledge: p.id, input: { kind: "OTHER", text: "x" } })).code).toBe("NOT_FOUND");
    expect((await errorOf(CAVEAT, t.who.bgd, { pledge: p.id, input: { kind: "OTHER", text: "x".repeat(2001) } })).field).toBe("input.text");
    // Withdrawing one: only its contributor, at the version read; to another government it does not exist.
    const withdraw = `mutation($id: ID!, $v: Int!) { withdrawPledgeCaveat(id: $id, expectedVersion: $v) }`;
    expect((await errorOf(withdraw, t.who.un, { id: strict.id, v: strict.version })).code).toBe("FORBIDDEN");
    expect((await errorOf(withdraw, deu, { id: strict.id, v: strict.version })).code).toBe("NOT_FOUND");
    expect((await errorOf(withdraw, t.who.bgd, { id: strict.id, v: strict.version + 1 })).code).toBe("CONFLICT");
    expect((await t.system.ok(withdraw, t.who.bgd, { id: strict.id, v: strict.version })).withdrawPledgeCaveat).toBe(strict.id);
    expect((await t.system.ok(q, t.who.bgd, { id: p.id })).pledge.caveats).toHaveLength(1);
  });

  it("the demo Korean caveat, marked ORIGINATOR, is read by Korea alone", async () => {
    const q = `{ pledges(contributor: "KOR") { nodes { capabilityType { code } caveats { kind } } } }`;
    expect((await t.system.ok(q, t.who.un)).pledges.nodes).toEqual([{ capabilityType: { code: "UTILITY_HELICOPTER_UNIT" }, caveats: [] }]);
    const kor = await t.system.token("KOR", "planner");
    expect((await t.system.ok(q, kor)).pledges.nodes[0].caveats).toEqual([{ kind: "OPERATIONAL" }]);
  });
});

describe("gaps without caveats", () => {
  // UNMISS has no ISR requirement and the seed no ISR pledge to it: the gap row holds only what this test adds.
  const INPUT = { mission: "UNMISS", capabilityType: "ISR_UAS_UNIT", quantity: 1, personnel: 70 };
  const ids: string[] = [];
  const gap = async (token: string) => {
    const q = `{ mission(acronym: "UNMISS") { gaps { capabilityType { code } pledged pledgedWithoutCaveats } } }`;
    const gaps = (await t.system.ok(q, token)).mission.gaps as {
      capabilityType: { code: string };
      pledged: number;
      pledgedWithoutCaveats: number;
    }[];
    const row = gaps.find((g) => g.capabilityType.code === "ISR_UAS_UNIT");
    return row ? { pledged: row.pledged, withoutCaveats: row.pledgedWithoutCaveats } : null;
  };
  const caveat = async (id: string) =>
    t.system.ok(CAVEAT, t.who.bgd, { pledge: id, input: { kind: "OPERATIONAL", text: "[TEST] Daylight only" } });

  it("count the caveated pledges apart, for those who read the caveats", async () => {
    for (let i = 0; i < 3; i++) ids.push((await create(INPUT)).id);
    await caveat(ids[0]);
    expect(await gap(t.who.un)).toEqual({ pledged: 3, withoutCaveats: 2 });
    expect(await gap(t.who.bgd)).toEqual({ pledged: 3, withoutCaveats: 2 });
  });

  it("leave out a hidden caveat that fewer than 3 counted pledges carry, so the difference singles out none", async () => {
    // The USA counts the 3 pledges (aggregate PARTNERS) but reads neither them nor their caveats.
    expect(await gap(t.who.usa)).toEqual({ pledged: 3, withoutCaveats: 3 });
    await caveat(ids[1]);
    expect(await gap(t.who.usa)).toEqual({ pledged: 3, withoutCaveats: 3 });
    expect(await gap(t.who.un)).toEqual({ pledged: 3, withoutCaveats: 1 });
  });

  it("count hidden caveats once 3 counted pledges carry them", async () => {
    await caveat(ids[2]);
    expect(await gap(t.who.usa)).toEqual({ pledged: 3, withoutCaveats: 0 });
    expect(await gap(t.who.un)).toEqual({ pledged: 3, withoutCaveats: 0 });
  });
});
