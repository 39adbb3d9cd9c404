import { riskSubgraph } from "@concert/risk";
import { seedId } from "@concert/subgraph-kit/writes";
import { useTestSubgraph } from "@concert/system/testing";

/** The risk subgraph reached directly, without the gateway, still enforces the policy. */
const subgraph = useTestSubgraph(riskSubgraph);

const ENTITIES = /* GraphQL */ `
  query ($reps: [_Any!]!) {
    _entities(representations: $reps) {
      ... on RiskAssessment { id status author { code } }
      ... on Watchlist { id owner { code } }
    }
  }
`;

const id = (key: string) => seedId("assessment", key);

it("resolves a draft only for its author, and a RESTRICTED assessment only for those it is released to", async () => {
  const reps = [
    { __typename: "RiskAssessment", id: id("deu-mmr-2026a") },
    { __typename: "RiskAssessment", id: id("usa-ssd-2026a") },
    { __typename: "RiskAssessment", id: "not-a-uuid" },
  ];
  const deu = await subgraph.query(ENTITIES, { token: await subgraph.token("DEU", "viewer"), variables: { reps } });
  expect(deu.data!._entities).toEqual([
    { id: id("deu-mmr-2026a"), status: "DRAFT", author: { code: "DEU" } },
    { id: id("usa-ssd-2026a"), status: "PUBLISHED", author: { code: "USA" } },
    null,
  ]);
  const eu = await subgraph.query(ENTITIES, { token: await subgraph.token("EU", "viewer"), variables: { reps } });
  expect(eu.data!._entities).toEqual([null, null, null]);
});

it("resolves watchlists by their marking", async () => {
  const reps = ["USA", "GBR", "GCR2P"].map((p) => ({ __typename: "Watchlist", id: seedId("watchlist", p) }));
  type Watchlists = { _entities: ({ owner: { code: string } } | null)[] };
  const civil = await subgraph.query<Watchlists>(ENTITIES, { token: await subgraph.token("GCR2P", "analyst"), variables: { reps } });
  expect(civil.data!._entities.map((w) => w?.owner.code ?? null)).toEqual([null, null, "GCR2P"]);
  const anonymous = await subgraph.query<Watchlists>(ENTITIES, { variables: { reps } });
  expect(anonymous.data!._entities.map((w) => w?.owner.code ?? null)).toEqual([null, null, "GCR2P"]);
});

it("withholds evidence under a stricter marking and records the denial in the author's access log", async () => {
  const query = `query ($id: ID!) { riskAssessment(id: $id) { summary factorRatings { findings { reliability evidence } } } }`;
  type Evidence = { riskAssessment: { summary: string; factorRatings: { findings: unknown[] }[] } };
  const eu = await subgraph.query<Evidence>(query, { token: await subgraph.token("EU", "viewer"), variables: { id: id("usa-caf-2026a") } });
  expect(eu.data!.riskAssessment.summary).toMatch(/^\[DEMO\]/);
  expect(eu.data!.riskAssessment.factorRatings.flatMap((r) => r.findings)).toEqual([
    { reliability: "PROBABLY_TRUE", evidence: null },
    { reliability: "CONFIRMED", evidence: null },
  ]);
  expect(eu.errors!.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN", "FORBIDDEN"]);

  const log = await subgraph.query(`{ riskAccessLog(first: 10) { nodes { partner action decision entityId } } }`, {
    token: await subgraph.token("USA", "analyst"),
  });
  expect(log.data!.riskAccessLog.nodes).toEqual(
    expect.arrayContaining([{ partner: "EU", action: "read evidence", decision: "DENIED", entityId: id("usa-caf-2026a") }]),
  );
});
