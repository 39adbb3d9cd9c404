import { useTestSystem } from "@concert/system/testing";

/**
 * "Who will see this?": for every marking, `previewAudience` names exactly the active partners who can
 * actually read a record created with that marking, partner by partner (each asked with its own token),
 * and each record's `audience` says the same to its originator and nothing to anyone else.
 * Canada (an SLF member) creates one assessment, practice and pledge per marking, about Iceland.
 */

type Case = "PUBLIC" | "PARTNERS" | "GOVERNMENTS" | "RESTRICTED_EU" | "RESTRICTED_SLF" | "ORIGINATOR";
const CASES: Case[] = ["PUBLIC", "PARTNERS", "GOVERNMENTS", "RESTRICTED_EU", "RESTRICTED_SLF", "ORIGINATOR"];
const sharing = (c: Case) =>
  c === "RESTRICTED_EU"
    ? { marking: "RESTRICTED", releasableTo: ["EU"] }
    : c === "RESTRICTED_SLF"
      ? { marking: "RESTRICTED", releasableTo: ["SLF"] }
      : { marking: c, releasableTo: [] };

const KINDS = ["riskAssessment", "practice", "pledge"] as const;
type Kind = (typeof KINDS)[number];

interface Entry {
  partner: { code: string };
  reason: string;
  via: string | null;
}

const system = useTestSystem();
let can: { analyst: string; planner: string };
let partners: { code: string; kind: string; groups: string[] }[];
const ids = {} as Record<Kind, Record<Case, string>>;
/** Who actually reads each record: kind → case → partner codes. */
const readers = {} as Record<Kind, Record<Case, string[]>>;

const entries = (list: Entry[]) => list.map((e) => `${e.partner.code}:${e.reason}${e.via ? `:${e.via}` : ""}`);

beforeAll(async () => {
  can = { analyst: await system.token("CAN", "analyst"), planner: await system.token("CAN", "planner") };
  partners = (await system.ok(`{ partners { code kind groups } }`)).partners;
  for (const kind of KINDS) ids[kind] = {} as Record<Case, string>;
  for (const c of CASES) {
    const s = sharing(c);
    const a = (
      await system.ok(`mutation($input: AssessmentInput!) { createRiskAssessment(input: $input) { id version } }`, can.analyst, {
        input: {
          country: "ISL",
          periodStart: "2026-01-01",
          periodEnd: "2026-06-30",
          likelihood: "LOW",
          confidence: "MEDIUM",
          stage: "PREVENTION",
          summary: `[TEST] ${c}`,
          ...s,
          factorRatings: [],
        },
      })
    ).createRiskAssessment;
    await system.ok(`mutation($id: ID!, $v: Int!) { publishRiskAssessment(id: $id, expectedVersion: $v) { id } }`, can.analyst, {
      id: a.id,
      v: a.version,
    });
    ids.riskAssessment[c] = a.id;
    ids.practice[c] = (
      await system.ok(`mutation($input: PracticeInput!) { contributePractice(input: $input) { id } }`, can.analyst, {
        input: { ...s, kind: "BEST_PRACTICE", theme: "MEDIATION", title: `[TEST] ${c}`, countries: ["ISL"], summary: "test practice" },
      })
    ).contributePractice.id;
    ids.pledge[c] = (
      await system.ok(
        `mutation($marking: PledgeMarkingInput, $input: PledgeInput!) { createPledge(marking: $marking, input: $input) { id } }`,
        can.planner,
        {
          marking: { ...s, unitDetailsMarking: "ORIGINATOR", unitDetailsReleasableTo: [], aggregateMarking: s.marking },
          input: {
            mission: "MINURSO",
            capabilityType: "STAFF_OFFICERS",
            quantity: 1,
            personnel: 5,
            womenPersonnel: 2,
            readiness: "LEVEL_1",
          },
        },
      )
    ).createPledge.id;
  }
  // Every active partner, with its own token, asks for every record.
  for (const kind of KINDS) readers[kind] = Object.fromEntries(CASES.map((c) => [c, [] as string[]])) as Record<Case, string[]>;
  const fields = CASES.flatMap((c) => KINDS.map((kind) => `${kind}_${c}: ${kind}(id: "${ids[kind][c]}") { id }`)).join("\n");
  for (const p of partners) {
    const data = await system.ok<Record<string, { id: string } | null>>(`{ ${fields} }`, await system.token(p.code, "viewer"));
    for (const c of CASES) for (const kind of KINDS) if (data[`${kind}_${c}`]) readers[kind][c].push(p.code);
  }
}, 240_000);

it("draws on a registry that can tell the markings apart", () => {
  const kinds = new Set(partners.map((p) => p.kind));
  expect(kinds).toEqual(new Set(["GOVERNMENT", "MULTILATERAL", "CIVIL_SOCIETY"]));
  expect(partners.some((p) => p.code !== "CAN" && p.groups.includes("SLF"))).toBe(true);
  expect(partners.some((p) => p.code === "EU")).toBe(true);
});

describe.each(CASES)("%s", (c) => {
  let preview: Entry[];
  beforeAll(async () => {
    preview = (
      await system.ok(
        `query($m: Marking!, $to: [String!]) { previewAudience(marking: $m, releasableTo: $to) { partner { code } reason via } }`,
        can.analyst,
        { m: sharing(c).marking, to: sharing(c).releasableTo },
      )
    ).previewAudience;
  });

  it("previews exactly the partners who can read a record so marked, in every subgraph", () => {
    const previewed = preview.map((e) => e.partner.code).sort();
    for (const kind of KINDS) expect({ kind, readers: [...readers[kind][c]].sort() }).toEqual({ kind, readers: previewed });
    expect(previewed).toContain("CAN");
  });

  it("gives each partner the reason the marking reads it by", () => {
    const expectedReason = (code: string): string =>
      code === "CAN"
        ? "CAN:ORIGINATOR"
        : c === "RESTRICTED_EU"
          ? `${code}:NAMED`
          : c === "RESTRICTED_SLF"
            ? `${code}:GROUP:SLF`
            : `${code}:${c}`;
    expect(entries(preview)).toEqual(preview.map((e) => expectedReason(e.partner.code)));
  });

  it("answers the same on each record's audience for its originator", async () => {
    for (const kind of KINDS) {
      const data = await system.ok(`query($id: ID!) { ${kind}(id: $id) { audience { partner { code } reason via } } }`, can.analyst, {
        id: ids[kind][c],
      });
      expect({ kind, audience: entries(data[kind].audience) }).toEqual({ kind, audience: entries(preview) });
    }
  });
});

it("answers audience to the originator only: null for a partner who reads the record", async () => {
  const usa = await system.token("USA", "analyst");
  const data = await system.ok(
    `query($a: ID!, $p: ID!, $g: ID!) { riskAssessment(id: $a) { id audience { reason } } practice(id: $p) { id audience { reason } }
       pledge(id: $g) { id audience { reason } } }`,
    usa,
    { a: ids.riskAssessment.PUBLIC, p: ids.practice.PUBLIC, g: ids.pledge.PUBLIC },
  );
  expect(data).toEqual({
    riskAssessment: { id: ids.riskAssessment.PUBLIC, audience: null },
    practice: { id: ids.practice.PUBLIC, audience: null },
    pledge: { id: ids.pledge.PUBLIC, audience: null },
  });
});

it("keeps a draft's audience to its author, as reads do", async () => {
  const draft = (
    await system.ok(
      `mutation($input: AssessmentInput!) { createRiskAssessment(input: $input) { id audience { partner { code } reason } } }`,
      can.analyst,
      {
        input: {
          country: "ISL",
          periodStart: "2026-07-01",
          periodEnd: "2026-12-31",
          likelihood: "LOW",
          confidence: "MEDIUM",
          stage: "PREVENTION",
          summary: "[TEST] draft",
          marking: "PUBLIC",
          releasableTo: [],
          factorRatings: [],
        },
      },
    )
  ).createRiskAssessment;
  expect(draft.audience).toEqual([{ partner: { code: "CAN" }, reason: "ORIGINATOR" }]);
});

it("refuses previewAudience to anonymous callers and an unknown audience as bad input", async () => {
  const anonymous = await system.query(`{ previewAudience(marking: PUBLIC) { reason } }`);
  expect(anonymous.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  const unknown = await system.query(`{ previewAudience(marking: RESTRICTED, releasableTo: ["NOPE"]) { reason } }`, { token: can.analyst });
  expect(unknown.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "releasableTo" });
  const stray = await system.query(`{ previewAudience(marking: PUBLIC, releasableTo: ["EU"]) { reason } }`, { token: can.analyst });
  expect(stray.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "releasableTo" });
});

describe("cost", () => {
  const list = (audience: boolean) =>
    `{ riskAssessments(country: "ISL", author: "CAN") { nodes { id ${audience ? "audience { partner { code } reason }" : ""} } }
       practices(country: "ISL", partner: "CAN") { nodes { id ${audience ? "audience { partner { code } reason }" : ""} } }
       pledges(contributor: "CAN", mission: "MINURSO") { nodes { id ${audience ? "audience { partner { code } reason }" : ""} } } }`;

  async function statements(query: string, token: string): Promise<number> {
    await system.ok(query, token); // warm: the registry copy and the gateway's query plan
    system.resetStatements();
    await system.ok(query, token);
    return system.statements();
  }

  it("reads nothing more for a caller who is not the originator", async () => {
    const usa = await system.token("USA", "analyst");
    expect(await statements(list(true), usa)).toBe(await statements(list(false), usa));
  });

  it("costs the originator at most one batched statement, whatever the number of records", async () => {
    const without = await statements(list(false), can.analyst);
    expect(await statements(list(true), can.analyst)).toBeLessThanOrEqual(without + 1);
  });
});

it("answers audience on engagements and watchlists too, as the preview does", async () => {
  const preview = async (token: string, marking: string, releasableTo: string[]) =>
    entries(
      (
        await system.ok(
          `query($m: Marking!, $to: [String!]) { previewAudience(marking: $m, releasableTo: $to) { partner { code } reason via } }`,
          token,
          { m: marking, to: releasableTo },
        )
      ).previewAudience,
    );
  const coordinator = await system.token("CAN", "coordinator");
  const engagement = (
    await system.ok(
      `mutation($input: EngagementInput!) { recordEngagement(input: $input) { audience { partner { code } reason via } } }`,
      coordinator,
      {
        input: {
          marking: "RESTRICTED",
          releasableTo: ["SLF", "EU"],
          kind: "MEETING",
          title: "[TEST] audience",
          participants: ["CAN"],
          countries: ["ISL"],
          date: "2026-03-01",
          summary: "test meeting",
        },
      },
    )
  ).recordEngagement;
  expect(entries(engagement.audience)).toEqual(await preview(coordinator, "RESTRICTED", ["SLF", "EU"]));
  expect(entries(engagement.audience)).toContain("EU:NAMED");

  // A government without a watchlist creates one for governments only.
  let owner: { code: string; token: string } | undefined;
  for (const p of partners.filter((x) => x.kind === "GOVERNMENT")) {
    const token = await system.token(p.code, "analyst");
    if ((await system.ok(`query($p: ID!) { watchlist(partner: $p) { id } }`, token, { p: p.code })).watchlist === null) {
      owner = { code: p.code, token };
      break;
    }
  }
  expect(owner).toBeDefined();
  const watchlist = (
    await system.ok(
      `mutation { createWatchlist(input: { marking: GOVERNMENTS, title: "[TEST] audience" }) { audience { partner { code } reason via } } }`,
      owner!.token,
    )
  ).createWatchlist;
  const expected = await preview(owner!.token, "GOVERNMENTS", []);
  expect(entries(watchlist.audience)).toEqual(expected);
  expect(expected).toContain(`${owner!.code}:ORIGINATOR`);
  expect(expected.some((e) => e.endsWith(":GOVERNMENTS"))).toBe(true);
});
