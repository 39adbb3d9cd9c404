import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { connect, createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { SUBGRAPH_NAMES, type SubgraphName } from "@concert/system";
import { type GraphQLResponse, usePreparedTestSystem } from "@concert/system/testing";
import { buildSchema, type GraphQLField, isNonNullType, isObjectType } from "graphql";

/**
 * A TCP relay in front of one subgraph that can be switched off: while down it drops every
 * connection, open or new, as a stopped subgraph would.
 */
class Outage {
  private target?: URL;
  private sockets = new Set<Socket>();
  down = false;
  readonly server: Server = createServer((client) => {
    if (this.down || !this.target) return void client.destroy();
    const upstream = connect(Number(this.target.port), this.target.hostname);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
      socket.on("error", () => (socket === client ? upstream : client).destroy());
    }
    client.pipe(upstream).pipe(client);
  });

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/graphql`;
  }

  relayTo(url: string) {
    this.target = new URL(url);
  }

  stop() {
    this.down = true;
    for (const socket of this.sockets) socket.destroy();
  }

  start() {
    this.down = false;
  }

  close() {
    this.stop();
    return new Promise((resolve) => this.server.close(resolve));
  }
}

const outages = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, new Outage()])) as Record<SubgraphName, Outage>;

const system = usePreparedTestSystem(
  async () => {
    const subgraphUrls: Partial<Record<SubgraphName, string>> = {};
    for (const name of SUBGRAPH_NAMES) subgraphUrls[name] = await outages[name].listen();
    return [[], { subgraphUrls }];
  },
  async () => {
    for (const outage of Object.values(outages)) await outage.close();
  },
);

beforeAll(() => {
  for (const name of SUBGRAPH_NAMES) outages[name].relayTo(system.subgraphs[name].url);
});

/** Runs `query` with `name` stopped, and then again with every subgraph up. */
async function withOutage(name: SubgraphName, query: string, token?: string): Promise<GraphQLResponse> {
  outages[name].stop();
  try {
    return await system.query(query, { token });
  } finally {
    outages[name].start();
  }
}

/** A country from engagements, with a field from each of the three subgraphs. */
const COUNTRY = '{ country(code: "CAF") { code name practices { id } missions { acronym } riskAssessments { id } } }';
/** A mission from peacekeeping, with its host country's fields from engagements and risk. */
const MISSION = '{ mission(acronym: "MINUSCA") { acronym hostCountries { code name riskAssessments { id } } } }';
/** CAF as COUNTRY answers it with every subgraph up, but for `missing`, the fields that are null. */
function caf(...missing: string[]) {
  const full = {
    code: "CAF",
    name: "Central African Republic",
    practices: expect.any(Array),
    missions: expect.arrayContaining([{ acronym: "MINUSCA" }]),
    riskAssessments: expect.any(Array),
  };
  return { ...full, ...Object.fromEntries(missing.map((field) => [field, null])) };
}

/** One root list field from each subgraph. */
const LISTS = "{ countries { code } missions { acronym } riskFactors { number } }";
const LIST_OF: Record<Exclude<SubgraphName, "alerts">, string> = {
  engagements: "countries",
  peacekeeping: "missions",
  risk: "riskFactors",
};

function unavailable(response: GraphQLResponse, name: SubgraphName) {
  expect(response.status).toBe(200);
  expect(response.data).not.toBeNull();
  expect(response.errors?.length).toBeGreaterThan(0);
  for (const error of response.errors ?? []) {
    expect(error.extensions).toEqual({ code: "SERVICE_UNAVAILABLE", serviceName: name });
    expect(error.path?.length).toBeGreaterThan(0);
  }
  expect(JSON.stringify(response)).not.toMatch(/127\.0\.0\.1|ECONN|socket/i);
}

describe("with every subgraph up", () => {
  it("answers the cross-subgraph queries in full, without errors", async () => {
    for (const query of [COUNTRY, MISSION, LISTS]) {
      const response = await system.query(query);
      expect(response.errors).toBeUndefined();
    }
    const { data } = await system.query(COUNTRY);
    expect(data?.country).toEqual(caf());
  });
});

describe.each([
  ["risk", "riskAssessments"],
  ["peacekeeping", "missions"],
] as const)("with %s down", (name, field) => {
  it(`serves the country's fields from the other subgraphs; only ${field} is null`, async () => {
    const response = await withOutage(name, COUNTRY);
    unavailable(response, name);
    expect(response.data?.country).toEqual(caf(field));
    expect(response.errors?.[0]?.path?.[0]).toBe("country");
  });
});

describe("with risk down", () => {
  it("serves a mission's host country with only riskAssessments null", async () => {
    const response = await withOutage("risk", MISSION);
    unavailable(response, "risk");
    expect(response.data?.mission).toEqual({
      acronym: "MINUSCA",
      hostCountries: [{ code: "CAF", name: "Central African Republic", riskAssessments: null }],
    });
  });
});

describe("with engagements down", () => {
  it("answers country (an engagements root field) null at its path, not data", async () => {
    const response = await withOutage("engagements", COUNTRY);
    unavailable(response, "engagements");
    expect(response.data).toEqual({ country: null });
    expect(response.errors?.map((e) => e.path)).toEqual([["country"]]);
  });

  it("serves a mission and its host country's risk fields; only the country's name is null", async () => {
    const response = await withOutage("engagements", MISSION);
    unavailable(response, "engagements");
    expect(response.data?.mission).toEqual({
      acronym: "MINUSCA",
      hostCountries: [{ code: "CAF", name: null, riskAssessments: expect.any(Array) }],
    });
  });
});

describe.each(["engagements", "risk", "peacekeeping"] as const)("with %s down", (name) => {
  it("serves the other subgraphs' root lists; only its own is null", async () => {
    const response = await withOutage(name, LISTS);
    unavailable(response, name);
    expect(response.errors?.map((e) => e.path)).toEqual([[LIST_OF[name]]]);
    for (const [owner, field] of Object.entries(LIST_OF)) {
      if (owner === name) expect(response.data?.[field]).toBeNull();
      else expect(response.data?.[field]?.length).toBeGreaterThan(0);
    }
  });
});

describe("with alerts down", () => {
  it("serves the other subgraphs' fields to a signed-in partner; only alertRules is null", async () => {
    const response = await withOutage("alerts", `{ countries { code } alertRules { nodes { id } } }`, await system.token("CAN", "analyst"));
    unavailable(response, "alerts");
    expect(response.errors?.map((e) => e.path)).toEqual([["alertRules"]]);
    expect(response.data?.alertRules).toBeNull();
    expect(response.data?.countries?.length).toBeGreaterThan(0);
  });
});

describe("the schema", () => {
  // docs/integrators.md, "Partial results": a field is non-null only when it is answered in the same fetch as its parent.
  const schema = buildSchema(readFileSync(join(__dirname, "../../schema/supergraph.graphql"), "utf8"), { assumeValidSDL: true });
  const nonNull = (type: string, keep: (field: GraphQLField<unknown, unknown>) => boolean) => {
    const named = schema.getType(type);
    if (!isObjectType(named)) throw new Error(`${type} is not an object type`);
    return Object.values(named.getFields())
      .filter((field) => isNonNullType(field.type) && !keep(field))
      .map((field) => `${type}.${field.name}`);
  };

  it("has no non-null Query field, so one subgraph's outage never nulls data", () => {
    expect(nonNull("Query", () => false)).toEqual([]);
  });

  it("has no non-null field besides the key on the entities all subgraphs share", () => {
    for (const type of ["Country", "Partner"]) expect(nonNull(type, (field) => field.name === "code")).toEqual([]);
  });
});
