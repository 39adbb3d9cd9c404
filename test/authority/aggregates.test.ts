import { MIN_UNREADABLE_IN_AGGREGATE } from "@concert/policy";
import { type UntypedData, useTestSystem } from "@concert/system/testing";
import { errorOf, sql } from "./support";

/**
 * Aggregates over pledges the caller may count but not read are suppressed where they rest on
 * fewer than MIN_UNREADABLE_IN_AGGREGATE such pledges, and sums never overflow.
 */

const tokens: Record<"bgd" | "usa" | "un", string> = {} as never;

const system = useTestSystem();
beforeAll(async () => {
  tokens.bgd = await system.token("BGD", "planner");
  tokens.usa = await system.token("USA", "viewer");
  tokens.un = await system.token("UN", "planner");
  const res = await system.query<UntypedData>(
    `mutation { createCapabilityRequirement(mission: "UNMISS", capabilityType: "EOD_UNIT", input: { quantity: 10, personnel: 400 }) { quantity } }`,
    { token: tokens.un },
  );
  expect(res.errors).toBeUndefined();
});

const CREATE = `mutation($input: PledgeInput!) { createPledge(input: $input) { id } }`;
// BGD's pledges of EOD units to UNMISS: the seed has none, so the cell holds only what this test adds.
const EOD = { mission: "UNMISS", capabilityType: "EOD_UNIT", quantity: 2, personnel: 80, womenPersonnel: 12, readiness: "LEVEL_1" };
const PIPELINE = `{ readinessPipeline(contributor: "BGD", mission: "UNMISS", capabilityType: "EOD_UNIT") { readiness status pledges units personnel } }`;
const FLAGS = `{ readinessPipeline(mission: "UNMISS", capabilityType: "EOD_UNIT") { pledges suppressed }
  mission(acronym: "UNMISS") { gaps(minimumReadiness: LEVEL_1) { capabilityType { code } pledged pledgedSuppressed } } }`;

/** The suppression flags of UNMISS's EOD figures, as `token` sees them. */
async function flags(token: string) {
  const res = await system.query<UntypedData>(FLAGS, { token });
  expect(res.errors).toBeUndefined();
  const gap = res.data.mission.gaps.find((g: { capabilityType: { code: string } }) => g.capabilityType.code === "EOD_UNIT");
  return { cells: res.data.readinessPipeline, gap: gap && { pledged: gap.pledged, pledgedSuppressed: gap.pledgedSuppressed } };
}
const CONTRIBUTIONS = `{ partner(code: "BGD") { peacekeepingContributions { pledgesByStatus { status pledges units personnel } } } }`;
const created: string[] = [];

async function pipeline(token: string) {
  return (await system.ok(PIPELINE, token)).readinessPipeline;
}

async function pledge() {
  const res = await system.query<UntypedData>(CREATE, { token: tokens.bgd, variables: { input: EOD } });
  expect(res.errors).toBeUndefined();
  created.push(res.data.createPledge.id);
}

describe("aggregate suppression", () => {
  it(`hides a pipeline narrowed to fewer than ${MIN_UNREADABLE_IN_AGGREGATE} pledges the caller cannot read`, async () => {
    expect(MIN_UNREADABLE_IN_AGGREGATE).toBe(3);
    await pledge();
    // The UN and BGD read the pledge in detail; the US may count it (aggregate PARTNERS) but not read it: one alone is hidden.
    const cell = { readiness: "LEVEL_1", status: "PLEDGED", pledges: 1, units: 2, personnel: 80 };
    expect(await pipeline(tokens.un)).toEqual([cell]);
    expect(await pipeline(tokens.bgd)).toEqual([cell]);
    expect(await pipeline(tokens.usa)).toEqual([]);
    await pledge();
    expect(await pipeline(tokens.usa)).toEqual([]);
    // The figures that left them out say so, figure by figure (a mission's gap, a pipeline cell); the UN's do not.
    expect(await flags(tokens.un)).toEqual({ cells: [{ pledges: 2, suppressed: false }], gap: { pledged: 4, pledgedSuppressed: false } });
    // The US's cell is absent (every pledge in it left out); the stated requirement's gap says its pledged part was suppressed.
    expect(await flags(tokens.usa)).toEqual({ cells: [], gap: { pledged: 0, pledgedSuppressed: true } });
    // Operators see the suppressions counted as policy decisions.
    const metrics = await (await fetch(new URL("/metrics", system.gatewayUrl))).text();
    expect(metrics).toMatch(/concert_policy_decisions_total\{[^}]*record_type="Pledge"[^}]*decision="suppressed"[^}]*\} [1-9]/);
  });

  it(`shows it once it rests on ${MIN_UNREADABLE_IN_AGGREGATE} of them`, async () => {
    await pledge();
    expect(await pipeline(tokens.usa)).toEqual([{ readiness: "LEVEL_1", status: "PLEDGED", pledges: 3, units: 6, personnel: 240 }]);
    expect(await flags(tokens.usa)).toEqual({ cells: [{ pledges: 3, suppressed: false }], gap: { pledged: 6, pledgedSuppressed: false } });
  });
});

describe("sums", () => {
  it("do not overflow: two pledges of 2,000,000,000 personnel saturate at the GraphQL Int maximum instead of nulling the answer", async () => {
    // The API refuses such pledges (see the bounds), so they are written straight into the database, as an old record or an import might be.
    await sql(system, "peacekeeping", "update pledge set personnel = 2000000000 where id = any($1::uuid[])", [created.slice(0, 2)]);
    for (const token of [tokens.un, tokens.usa]) {
      expect(await pipeline(token)).toEqual([{ readiness: "LEVEL_1", status: "PLEDGED", pledges: 3, units: 6, personnel: 2_147_483_647 }]);
      const res = await system.query<UntypedData>(CONTRIBUTIONS, { token });
      expect(res.errors).toBeUndefined();
      expect(
        res.data.partner.peacekeepingContributions.pledgesByStatus.find((s: { status: string }) => s.status === "PLEDGED").personnel,
      ).toBe(2_147_483_647);
      const all = await system.query<UntypedData>("{ readinessPipeline { personnel } }", { token });
      expect(all.errors).toBeUndefined();
      expect(all.data.readinessPipeline.length).toBeGreaterThan(0);
    }
  });

  it("are fed by bounded inputs: a pledge of 2,000,000,000 personnel is refused", async () => {
    const res = await system.query<UntypedData>(CREATE, { token: tokens.bgd, variables: { input: { ...EOD, personnel: 2_000_000_000 } } });
    expect(errorOf(res)).toEqual({ code: "BAD_USER_INPUT", field: "input.personnel" });
  });
});
