import type { SubgraphName } from "@concert/system";
import { useTestSystem } from "@concert/system/testing";

/**
 * Every marked record names the partner it comes from `originator`, the federated Partner, whichever
 * subgraph owns the record; the domain names (author, owner, contributor, recordedBy, partner) stay
 * and agree with it. The field is batched: at most one statement for all the records of a list.
 */
let un: string;

const system = useTestSystem();
beforeAll(async () => {
  un = await system.token("UN", "planner");
});

interface Case {
  type: string;
  subgraph: SubgraphName;
  /** A list of the type, its items with `fields`; `alias` names the domain field. */
  query: (fields: string) => string;
  nodes: (data: Lists) => Node[];
}

interface Node {
  originator: { code: string; name: string };
  alias: { code: string };
}

type Lists = Record<string, Node[] & { nodes: Node[] }>;

const CASES: Case[] = [
  {
    type: "RiskAssessment",
    subgraph: "risk",
    query: (fields) => `{ riskAssessments(first: 10) { nodes { ${fields.replace("ALIAS", "author")} } } }`,
    nodes: (d) => d.riskAssessments.nodes,
  },
  {
    type: "Watchlist",
    subgraph: "risk",
    query: (fields) => `{ watchlists { ${fields.replace("ALIAS", "owner")} } }`,
    nodes: (d) => d.watchlists,
  },
  {
    type: "Pledge",
    subgraph: "peacekeeping",
    query: (fields) => `{ pledges(first: 10) { nodes { ${fields.replace("ALIAS", "contributor")} } } }`,
    nodes: (d) => d.pledges.nodes,
  },
  {
    type: "Engagement",
    subgraph: "engagements",
    query: (fields) => `{ engagements(first: 10) { nodes { ${fields.replace("ALIAS", "recordedBy")} } } }`,
    nodes: (d) => d.engagements.nodes,
  },
  {
    type: "Practice",
    subgraph: "engagements",
    query: (fields) => `{ practices(first: 10) { nodes { ${fields.replace("ALIAS", "partner")} } } }`,
    nodes: (d) => d.practices.nodes,
  },
];

describe.each(CASES)("$type.originator", ({ subgraph, query, nodes }) => {
  async function run(fields: string) {
    system.resetStatements();
    const res = await system.query<Lists>(query(fields), { token: un });
    expect(res.errors).toBeUndefined();
    // The owning subgraph reads the records; engagements resolves the partners' names.
    const statements = system.statementsBy(subgraph) + (subgraph === "engagements" ? 0 : system.statementsBy("engagements"));
    return { nodes: nodes(res.data!), statements };
  }

  it("is the federated partner, with its registry name, and agrees with the domain name", async () => {
    const { nodes: found } = await run("originator { code name } alias: ALIAS { code }");
    expect(found.length).toBeGreaterThan(1);
    for (const node of found) {
      expect(node.originator.code).toBe(node.alias.code);
      expect(typeof node.originator.name).toBe("string");
      expect(node.originator.name).not.toBe("");
    }
  });

  it("costs at most one batched statement for all the records, not one per record", async () => {
    await run("id: __typename");
    const without = await run("id: __typename");
    const withOriginator = await run("id: __typename originator { code name }");
    expect(withOriginator.nodes.length).toBeGreaterThan(1);
    expect(withOriginator.statements - without.statements).toBeLessThanOrEqual(1);
  });
});
