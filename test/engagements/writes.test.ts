import { seedId } from "@concert/subgraph-kit/writes";
import { useTestSystem } from "@concert/system/testing";
import { ask, CONTRIBUTE, data, failure, type Persona, practiceInput, type SignedIn } from "./support";

const system = useTestSystem();

const GCR2P: Persona = { partner: "GCR2P", role: "analyst" };
const CAN_COORDINATOR: Persona = { partner: "CAN", role: "coordinator" };
const ADMIN: Persona = { partner: "OPS", role: "admin" };

const UPDATE_PRACTICE = /* GraphQL */ `
  mutation Update($id: ID!, $expectedVersion: Int!, $changes: PracticeChanges!) {
    updatePractice(id: $id, expectedVersion: $expectedVersion, changes: $changes) { version title evidenceOfEffect countries { code } }
  }
`;
const CHANGE_PRACTICE_MARKING = /* GraphQL */ `
  mutation Change($id: ID!, $expectedVersion: Int!, $sharing: SharingInput!) {
    changePracticeMarking(id: $id, expectedVersion: $expectedVersion, sharing: $sharing) { version marking releasableTo }
  }
`;
const RECORD = /* GraphQL */ `
  mutation Record($input: EngagementInput!) {
    recordEngagement(input: $input) { id version kind recordedBy { code } forum { code } participants { code } countries { code } outcomes marking }
  }
`;
const ownPracticeCount = async (who: SignedIn) =>
  (await data(system, who, `{ practices(partner: "${who.partner}") { totalCount } }`)).practices.totalCount;

describe("practices", () => {
  it("civil society contributes a practice as analyst; other roles and anonymous callers are refused", async () => {
    const input = practiceInput({ theme: "early_warning", countries: ["ssd"], title: "  Radio alerts  ", marking: "PARTNERS" });
    const { contributePractice } = await data(system, GCR2P, CONTRIBUTE, { input });
    expect(contributePractice.version).toBe(1);
    const practice = (
      await data(
        system,
        { partner: "BGD", role: "viewer" },
        `{ practice(id: "${contributePractice.id}") { title demo partner { code kind } theme { code } countries { code } } }`,
      )
    ).practice;
    expect(practice).toEqual({
      title: "Radio alerts",
      demo: false,
      partner: { code: "GCR2P", kind: "CIVIL_SOCIETY" },
      theme: { code: "EARLY_WARNING" },
      countries: [{ code: "SSD" }],
    });
    expect(await failure(system, { partner: "GCR2P", role: "viewer" }, CONTRIBUTE, { input })).toEqual({
      code: "FORBIDDEN",
      field: undefined,
    });
    expect(await failure(system, "anonymous", CONTRIBUTE, { input })).toEqual({ code: "UNAUTHENTICATED", field: undefined });
  });

  it("refuses bad input with BAD_USER_INPUT naming the field, writing nothing", async () => {
    const before = await ownPracticeCount(GCR2P);
    const governmentsOnly = seedId("engagement", "sahel-joint-assessment"); // GOVERNMENTS: civil society cannot see it
    const cases: [Record<string, unknown>, string][] = [
      [{ theme: "ASTROLOGY" }, "input.theme"],
      [{ countries: ["SSD", "XXX"] }, "input.countries"],
      [{ engagement: "7c0d5a0e-0000-4000-8000-000000000000" }, "input.engagement"],
      [{ engagement: governmentsOnly }, "input.engagement"],
      [{ title: "   " }, "input.title"],
      [{ summary: "" }, "input.summary"],
      [{ date: "2026-02-30" }, "input.date"],
      [{ marking: "RESTRICTED" }, "input.releasableTo"],
      [{ marking: "RESTRICTED", releasableTo: ["NOWHERE"] }, "input.releasableTo"],
      [{ marking: "PUBLIC", releasableTo: ["SLF"] }, "input.releasableTo"],
    ];
    for (const [overrides, field] of cases) {
      expect(await failure(system, GCR2P, CONTRIBUTE, { input: practiceInput(overrides) })).toEqual({ code: "BAD_USER_INPUT", field });
    }
    expect(await ownPracticeCount(GCR2P)).toBe(before);
  });

  it("updates with expectedVersion: a stale version is a CONFLICT, another partner's practice FORBIDDEN, an invisible one NOT_FOUND", async () => {
    const { contributePractice: created } = await data(system, GCR2P, CONTRIBUTE, { input: practiceInput({ title: "Draft" }) });
    const id = created.id;
    const updated = (
      await data(system, GCR2P, UPDATE_PRACTICE, {
        id,
        expectedVersion: 1,
        changes: { title: "Final", evidenceOfEffect: "It worked.", countries: ["MMR"] },
      })
    ).updatePractice;
    expect(updated).toEqual({ version: 2, title: "Final", evidenceOfEffect: "It worked.", countries: [{ code: "MMR" }] });
    expect(await failure(system, GCR2P, UPDATE_PRACTICE, { id, expectedVersion: 1, changes: { title: "Lost update" } })).toEqual({
      code: "CONFLICT",
      field: "expectedVersion",
    });
    expect(await failure(system, GCR2P, UPDATE_PRACTICE, { id, expectedVersion: 2, changes: { theme: "NOPE" } })).toEqual({
      code: "BAD_USER_INPUT",
      field: "changes.theme",
    });
    expect(
      await failure(system, { partner: "CAN", role: "analyst" }, UPDATE_PRACTICE, {
        id,
        expectedVersion: 2,
        changes: { title: "Mine now" },
      }),
    ).toEqual({ code: "FORBIDDEN", field: undefined });
    const deuGovernmentsOnly = seedId("practice", "deu-early-warning");
    expect(await failure(system, GCR2P, UPDATE_PRACTICE, { id: deuGovernmentsOnly, expectedVersion: 1, changes: { title: "x" } })).toEqual({
      code: "NOT_FOUND",
      field: undefined,
    });
    expect((await data(system, GCR2P, `{ practice(id: "${id}") { title version } }`)).practice).toEqual({ title: "Final", version: 2 });
  });

  it("lets only the originator change the marking, which takes effect at once", async () => {
    const { contributePractice: created } = await data(system, GCR2P, CONTRIBUTE, { input: practiceInput({ title: "For GAAMAC" }) });
    const sharing = { marking: "RESTRICTED", releasableTo: ["GAAMAC"] };
    // A search and a comparison read before the change, so that the rows kept until a practice is written are there to be replaced.
    const BGD: Persona = { partner: "BGD", role: "viewer" };
    const seen = async () => {
      const d = await data(
        system,
        BGD,
        `{ searchPractices(query: "GAAMAC") { totalCount nodes { node { id } } } comparePractices(partners: ["GCR2P"], theme: "TRAINING") { practices { id } } }`,
      );
      return {
        searched: d.searchPractices.nodes.some((m: { node: { id: string } }) => m.node.id === created.id),
        count: d.searchPractices.totalCount,
        compared: d.comparePractices[0].practices.some((p: { id: string }) => p.id === created.id),
      };
    };
    const before = await seen();
    expect(before).toMatchObject({ searched: true, compared: true });
    expect(
      await failure(system, { partner: "CHE", role: "analyst" }, CHANGE_PRACTICE_MARKING, { id: created.id, expectedVersion: 1, sharing }),
    ).toEqual({ code: "FORBIDDEN", field: undefined });
    const changed = (await data(system, GCR2P, CHANGE_PRACTICE_MARKING, { id: created.id, expectedVersion: 1, sharing }))
      .changePracticeMarking;
    expect(changed).toEqual({ version: 2, marking: "RESTRICTED", releasableTo: ["GAAMAC"] });
    const read = (who: Persona) => data(system, who, `{ practice(id: "${created.id}") { title } }`);
    expect((await read({ partner: "CHE", role: "viewer" })).practice).toEqual({ title: "For GAAMAC" }); // a GAAMAC member
    expect((await read({ partner: "BGD", role: "viewer" })).practice).toBeNull();
    expect(await seen()).toEqual({ searched: false, count: before.count - 1, compared: false });
    const log = (await data(system, GCR2P, `{ engagementsAccessLog(entityId: "${created.id}") { nodes { action partner decision } } }`))
      .engagementsAccessLog.nodes;
    expect(log).toEqual(
      expect.arrayContaining([
        { action: "create", partner: "GCR2P", decision: "GRANTED" },
        { action: "change-marking", partner: "CHE", decision: "DENIED" },
        { action: "change-marking", partner: "GCR2P", decision: "GRANTED" },
      ]),
    );
  });
});

describe("engagements", () => {
  const input = (overrides: Record<string, unknown> = {}) => ({
    kind: "MEETING",
    title: "SLF follow-up",
    forum: "SLF",
    participants: ["CAN", "GBR"],
    countries: ["SSD"],
    date: "2026-09-01",
    summary: "Follow-up on indicators.",
    outcomes: ["Share lists", " "],
    marking: "RESTRICTED",
    releasableTo: ["SLF"],
    ...overrides,
  });

  it("a coordinator records one for its partner; an analyst may not", async () => {
    const { recordEngagement } = await data(system, CAN_COORDINATOR, RECORD, { input: input() });
    expect(recordEngagement).toMatchObject({
      version: 1,
      kind: "MEETING",
      recordedBy: { code: "CAN" },
      forum: { code: "SLF" },
      participants: [{ code: "CAN" }, { code: "GBR" }],
      countries: [{ code: "SSD" }],
      outcomes: ["Share lists"],
      marking: "RESTRICTED",
    });
    const seen = async (who: Persona) =>
      (
        await data<{ partner: { engagements: { id: string }[] } }>(system, who, `{ partner(code: "GBR") { engagements { id } } }`)
      ).partner.engagements.map((e) => e.id);
    expect(await seen({ partner: "GBR", role: "viewer" })).toContain(recordEngagement.id); // as participant, and SLF member
    expect(await seen({ partner: "EU", role: "viewer" })).not.toContain(recordEngagement.id);
    expect(await failure(system, { partner: "CAN", role: "analyst" }, RECORD, { input: input() })).toEqual({
      code: "FORBIDDEN",
      field: undefined,
    });
  });

  it("refuses unknown forums, partners and countries, and missing participants", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ forum: "NOPE" }, "input.forum"],
      [{ participants: ["CAN", "XYZ"] }, "input.participants"],
      [{ participants: [] }, "input.participants"],
      [{ countries: ["XXX"] }, "input.countries"],
      [{ title: "" }, "input.title"],
      [{ date: "1 May" }, "input.date"],
      [{ releasableTo: [] }, "input.releasableTo"],
    ];
    for (const [overrides, field] of cases) {
      expect(await failure(system, CAN_COORDINATOR, RECORD, { input: input(overrides) })).toEqual({ code: "BAD_USER_INPUT", field });
    }
  });

  it("updates with expectedVersion and changes the marking, originator only", async () => {
    const { recordEngagement: e } = await data(system, CAN_COORDINATOR, RECORD, {
      input: input({ marking: "PARTNERS", releasableTo: [] }),
    });
    const UPDATE = `mutation($id: ID!, $v: Int!, $c: EngagementChanges!) { updateEngagement(id: $id, expectedVersion: $v, changes: $c) { version forum { code } outcomes } }`;
    expect(
      (await data(system, CAN_COORDINATOR, UPDATE, { id: e.id, v: 1, c: { forum: null, outcomes: ["Done"] } })).updateEngagement,
    ).toEqual({ version: 2, forum: null, outcomes: ["Done"] });
    expect(await failure(system, CAN_COORDINATOR, UPDATE, { id: e.id, v: 1, c: { title: "x" } })).toEqual({
      code: "CONFLICT",
      field: "expectedVersion",
    });
    expect(await failure(system, { partner: "GBR", role: "coordinator" }, UPDATE, { id: e.id, v: 2, c: { title: "x" } })).toEqual({
      code: "FORBIDDEN",
      field: undefined,
    });
    const CHANGE = `mutation($id: ID!, $v: Int!, $s: SharingInput!) { changeEngagementMarking(id: $id, expectedVersion: $v, sharing: $s) { version marking } }`;
    expect(await failure(system, { partner: "GBR", role: "coordinator" }, CHANGE, { id: e.id, v: 2, s: { marking: "PUBLIC" } })).toEqual({
      code: "FORBIDDEN",
      field: undefined,
    });
    expect((await data(system, CAN_COORDINATOR, CHANGE, { id: e.id, v: 2, s: { marking: "PUBLIC" } })).changeEngagementMarking).toEqual({
      version: 3,
      marking: "PUBLIC",
    });
    expect((await data(system, "anonymous", `{ engagement(id: "${e.id}") { version } }`)).engagement).toEqual({ version: 3 });
  });
});

describe("partner registry", () => {
  const REGISTER = `mutation($input: PartnerInput!) { registerPartner(input: $input) { code name kind country { code } activeFrom activeTo version } }`;
  const osce = {
    code: "OSCE",
    name: "Organization for Security and Co-operation in Europe",
    kind: "MULTILATERAL",
    activeFrom: "2026-01-01",
  };

  it("refuses every registry mutation to callers other than the operator's admin", async () => {
    for (const who of [
      { partner: "USA", role: "analyst" },
      { partner: "CAN", role: "coordinator" },
      { partner: "UN", role: "planner" },
      { partner: "UN", role: "admin" },
      { partner: "OPS", role: "coordinator" },
    ] as Persona[]) {
      expect(await failure(system, who, REGISTER, { input: osce })).toEqual({ code: "FORBIDDEN", field: undefined });
      expect(
        await failure(system, who, `mutation { updatePartner(code: "USA", expectedVersion: 1, changes: { name: "x" }) { name } }`),
      ).toEqual({ code: "FORBIDDEN", field: undefined });
      expect(await failure(system, who, `mutation { deactivatePartner(code: "ICG", expectedVersion: 1) { code } }`)).toEqual({
        code: "FORBIDDEN",
        field: undefined,
      });
    }
    expect(await failure(system, "anonymous", REGISTER, { input: osce })).toEqual({ code: "UNAUTHENTICATED", field: undefined });
    const { partners } = await data<{ partners: { code: string; name: string; activeTo: string | null }[] }>(
      system,
      "anonymous",
      "{ partners(includeInactive: true) { code name activeTo } }",
    );
    expect(partners.find((p) => p.code === "OSCE")).toBeUndefined();
    expect(partners.find((p) => p.code === "USA")).toEqual({ code: "USA", name: "United States of America", activeTo: null });
    expect(partners.find((p) => p.code === "ICG")).toMatchObject({ activeTo: null });
  });

  it("validates code, kind and country", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ code: "o.s.c.e" }, "input.code"],
      [{ code: "X" }, "input.code"],
      [{ code: "USA", kind: "GOVERNMENT", country: "USA" }, "input.code"], // already registered
      [{ code: "NOR", kind: "GOVERNMENT" }, "input.country"],
      [{ code: "NORWAY", kind: "GOVERNMENT", country: "NOR" }, "input.code"],
      [{ country: "QQQ" }, "input.country"],
      [{ name: " " }, "input.name"],
      [{ activeFrom: "2026-02-31" }, "input.activeFrom"],
    ];
    for (const [overrides, field] of cases) {
      expect(await failure(system, ADMIN, REGISTER, { input: { ...osce, ...overrides } })).toEqual({ code: "BAD_USER_INPUT", field });
    }
  });

  it("the operator's admin registers, updates and deactivates a partner; the registry the policy reads follows", async () => {
    const { registerPartner } = await data(system, ADMIN, REGISTER, { input: osce });
    expect(registerPartner).toEqual({ ...osce, country: null, activeTo: null, version: 1 });
    const registry = async () =>
      (
        await data<{ partners: { code: string; kind: string; groups: string[] }[] }>(
          system,
          "anonymous",
          "{ partners { code kind groups } }",
        )
      ).partners;
    expect(await registry()).toContainEqual({ code: "OSCE", kind: "MULTILATERAL", groups: [] });
    // A new partner's token is accepted within seconds (the registry copy a subgraph keeps is refreshed for unknown codes at most once a second).
    let contributed = await ask(system, { partner: "OSCE", role: "analyst" }, CONTRIBUTE, { input: practiceInput() });
    for (let attempt = 0; attempt < 10 && contributed.errors?.[0]?.extensions?.code === "UNAUTHENTICATED"; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      contributed = await ask(system, { partner: "OSCE", role: "analyst" }, CONTRIBUTE, { input: practiceInput() });
    }
    expect(contributed.errors).toBeUndefined();

    const UPDATE = `mutation($v: Int!) { updatePartner(code: "OSCE", expectedVersion: $v, changes: { name: "OSCE" }) { name version } }`;
    expect((await data(system, ADMIN, UPDATE, { v: 1 })).updatePartner).toEqual({ name: "OSCE", version: 2 });
    expect(await failure(system, ADMIN, UPDATE, { v: 1 })).toEqual({ code: "CONFLICT", field: "expectedVersion" });
    expect(
      await failure(system, ADMIN, `mutation { updatePartner(code: "OSCE", expectedVersion: 2, changes: { kind: GOVERNMENT }) { name } }`),
    ).toEqual({ code: "BAD_USER_INPUT", field: "changes.country" });

    const DEACTIVATE = `mutation($to: String) { deactivatePartner(code: "OSCE", expectedVersion: 2, activeTo: $to) { activeTo version } }`;
    expect(await failure(system, ADMIN, DEACTIVATE, { to: "2025-12-31" })).toEqual({ code: "BAD_USER_INPUT", field: "activeTo" });
    const { deactivatePartner } = await data(system, ADMIN, DEACTIVATE, {});
    expect(deactivatePartner.version).toBe(3);
    expect(deactivatePartner.activeTo < new Date().toISOString().slice(0, 10)).toBe(true);
    expect((await registry()).map((p) => p.code)).not.toContain("OSCE");
    const all = (await data(system, "anonymous", "{ partners(includeInactive: true) { code activeTo } }")).partners;
    expect(all).toContainEqual({ code: "OSCE", activeTo: deactivatePartner.activeTo });
    // Its records stay, still attributed to it.
    const res = await ask(system, { partner: "USA", role: "viewer" }, `{ partner(code: "OSCE") { practices { title } } }`);
    expect(res.data!.partner.practices).toEqual([{ title: "A practice" }]);
  });
});

describe("forum memberships", () => {
  const ADD = `mutation($forum: ID!, $partner: ID!) { addForumMember(forum: $forum, partner: $partner, since: "2026-01-01") { id role since until } }`;
  const groupsOf = async (code: string) =>
    (await data<{ partners: { code: string; groups: string[] }[] }>(system, "anonymous", "{ partners { code groups } }")).partners.find(
      (p) => p.code === code,
    )?.groups;

  it("are kept by coordinators of the forum's co-chairs, and define the groups the registry gives the policy", async () => {
    expect(await groupsOf("IND")).toEqual([]);
    // R2PFP has co-chairs (Denmark, Ghana, Australia): a mere member (UK) may not add anyone, nor may a co-chair's analyst.
    expect(await failure(system, { partner: "GBR", role: "coordinator" }, ADD, { forum: "R2PFP", partner: "IND" })).toEqual({
      code: "FORBIDDEN",
      field: undefined,
    });
    expect(await failure(system, { partner: "DNK", role: "analyst" }, ADD, { forum: "R2PFP", partner: "IND" })).toEqual({
      code: "FORBIDDEN",
      field: undefined,
    });
    const { addForumMember } = await data(system, { partner: "DNK", role: "coordinator" }, ADD, { forum: "R2PFP", partner: "IND" });
    expect(addForumMember).toMatchObject({ role: "MEMBER", since: "2026-01-01", until: null });
    expect(await groupsOf("IND")).toEqual(["R2PFP"]);
    expect(await failure(system, { partner: "DNK", role: "coordinator" }, ADD, { forum: "R2PFP", partner: "IND" })).toEqual({
      code: "BAD_USER_INPUT",
      field: "partner",
    });
    expect(await failure(system, { partner: "DNK", role: "coordinator" }, ADD, { forum: "NOPE", partner: "IND" })).toEqual({
      code: "BAD_USER_INPUT",
      field: "forum",
    });

    const END = `mutation($id: ID!) { endForumMembership(id: $id) { until } }`;
    expect(await failure(system, { partner: "IND", role: "coordinator" }, END, { id: addForumMember.id })).toEqual({
      code: "FORBIDDEN",
      field: undefined,
    });
    const { endForumMembership } = await data(system, { partner: "GHA", role: "coordinator" }, END, { id: addForumMember.id });
    expect(endForumMembership.until < new Date().toISOString().slice(0, 10)).toBe(true);
    expect(await groupsOf("IND")).toEqual([]);
  });

  it("in a forum without co-chairs, are kept by the operator alone: a member's coordinator cannot widen it", async () => {
    expect(await failure(system, { partner: "BGD", role: "coordinator" }, ADD, { forum: "SLF", partner: "PAK" })).toEqual({
      code: "FORBIDDEN",
      field: undefined,
    });
    expect(await failure(system, { partner: "NLD", role: "coordinator" }, ADD, { forum: "SLF", partner: "PAK" })).toEqual({
      code: "FORBIDDEN",
      field: undefined,
    });
    expect(await groupsOf("PAK")).toEqual([]);
    await data(system, ADMIN, ADD, { forum: "SLF", partner: "PAK" });
    expect(await groupsOf("PAK")).toEqual(["SLF"]);
  });
});
