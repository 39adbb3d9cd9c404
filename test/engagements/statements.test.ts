import { seedId } from "@concert/subgraph-kit/writes";
import { type UntypedData, useTestSystem } from "@concert/system/testing";
import { CONTRIBUTE, data, type Persona, practiceInput } from "./support";

const USA: Persona = { partner: "USA", role: "analyst" };
const MANY = 30;
const ENGAGEMENTS = 12;
const COUNTRIES = ["SSD", "MMR", "MLI", "BFA", "NER", "COD", "SDN", "ETH"];

const system = useTestSystem();
beforeAll(async () => {
  for (let i = 0; i < MANY; i++) {
    const input = practiceInput({
      title: `Kestrel practice ${i}`,
      summary: `Kestrel network number ${i}.`,
      theme: "PEACEKEEPING_SUPPORT",
      countries: [COUNTRIES[i % COUNTRIES.length], COUNTRIES[(i + 3) % COUNTRIES.length]],
      engagement: seedId("engagement", "car-field-coordination"),
      date: `2026-0${1 + (i % 9)}-15`,
    });
    await data(system, USA, CONTRIBUTE, { input });
  }
  await data(system, { partner: "CAN", role: "analyst" }, CONTRIBUTE, {
    input: practiceInput({
      title: "Kestrel in Canada",
      theme: "PEACEKEEPING_SUPPORT",
      countries: ["SSD", "CAF"],
      engagement: seedId("engagement", "car-field-coordination"),
    }),
  });
  for (let i = 0; i < ENGAGEMENTS; i++) {
    const input = {
      kind: "EXCHANGE",
      title: `Osprey exchange ${i}`,
      forum: "SLF",
      participants: ["USA", i === 0 ? "NPL" : "KOR"],
      countries: [COUNTRIES[i % COUNTRIES.length]],
      date: `2026-0${1 + (i % 9)}-10`,
      summary: "Osprey.",
      outcomes: [],
      marking: "PARTNERS",
    };
    await data(
      system,
      { partner: "USA", role: "coordinator" },
      `mutation($input: EngagementInput!) { recordEngagement(input: $input) { id } }`,
      { input },
    );
  }
});

const PRACTICE_FIELDS = /* GraphQL */ `
  title date
  partner { code name memberships { forum { code } } }
  theme { name }
  countries { code name }
  engagement { title forum { code } participants { code name } countries { code } recordedBy { code } }
`;

/** SQL statements the engagements subgraph sends to answer `query`, once the registry copies are warm. */
async function statements<T = UntypedData>(query: string, variables: Record<string, unknown>): Promise<{ count: number; result: T }> {
  await data(system, USA, query, variables);
  system.resetStatements();
  const result = await data<T>(system, USA, query, variables);
  return { count: system.statementsBy("engagements"), result };
}

it("searchPractices: the same statements for 1 result as for 30", async () => {
  const query = `query($first: Int) { searchPractices(query: "kestrel", first: $first) { totalCount nodes { rank node { ${PRACTICE_FIELDS} } } } }`;
  const few = await statements(query, { first: 1 });
  const many = await statements(query, { first: MANY });
  expect(few.result.searchPractices.nodes).toHaveLength(1);
  expect(many.result.searchPractices.nodes).toHaveLength(MANY);
  expect(many.result.searchPractices.totalCount).toBe(MANY + 1);
  expect(many.count).toBe(few.count);
  expect(many.count).toBeLessThanOrEqual(12);
});

it("practices (filtered list): the same statements for 1 result as for 30", async () => {
  const query = `query($first: Int) { practices(theme: "PEACEKEEPING_SUPPORT", partner: "USA", first: $first) { totalCount nodes { ${PRACTICE_FIELDS} } } }`;
  const few = await statements(query, { first: 1 });
  const many = await statements(query, { first: MANY });
  expect(few.result.practices.nodes).toHaveLength(1);
  expect(many.result.practices.nodes).toHaveLength(MANY);
  expect(many.count).toBe(few.count);
});

it("comparePractices: the same statements for 1 partner as for 6", async () => {
  const query = `query($partners: [ID!]!) { comparePractices(theme: "PEACEKEEPING_SUPPORT", partners: $partners) { partner { code name } theme { name } practices { ${PRACTICE_FIELDS} } } }`;
  type Compared = { comparePractices: { practices: unknown[] }[] };
  const few = await statements<Compared>(query, { partners: ["CAN"] });
  const many = await statements<Compared>(query, { partners: ["CAN", "UN", "USA", "DEU", "GBR", "GCR2P"] });
  expect(few.result.comparePractices.flatMap((c) => c.practices)).toHaveLength(1);
  expect(many.result.comparePractices.flatMap((c) => c.practices)).toHaveLength(2 + MANY);
  expect(many.count).toBe(few.count);
});

const ENGAGEMENT_FIELDS = /* GraphQL */ `
  title date
  forum { code name }
  participants { code practices { title } }
  countries { code name practices { title } engagements { title } }
  recordedBy { code engagements { title } }
`;

it("searchEngagements: the same statements for 1 result as for 12", async () => {
  const query = `query($first: Int) { searchEngagements(query: "osprey", first: $first) { totalCount nodes { rank node { ${ENGAGEMENT_FIELDS} } } } }`;
  const few = await statements(query, { first: 1 });
  const many = await statements(query, { first: ENGAGEMENTS });
  expect(few.result.searchEngagements.nodes).toHaveLength(1);
  expect(many.result.searchEngagements.nodes).toHaveLength(ENGAGEMENTS);
  expect(many.count).toBe(few.count);
});

it("Partner.engagements and Forum.engagements: the same statements for 1 engagement as for 11", async () => {
  const query = `query($code: ID!) { partner(code: $code) { engagements { ${ENGAGEMENT_FIELDS} } } forum(code: "SLF") { engagements { title } } }`;
  const few = await statements(query, { code: "NPL" });
  const many = await statements(query, { code: "KOR" });
  expect(few.result.partner.engagements).toHaveLength(1);
  expect(many.result.partner.engagements).toHaveLength(ENGAGEMENTS - 1);
  expect(many.count).toBe(few.count);
});
