import { bundle, collectionId, type RunningExchange, startExchange, stixId, TAXII_MEDIA_TYPE, TLP2_MARKING_IDS } from "@concert/exchange";
import { usePreparedTestSystem } from "@concert/system/testing";
import { createTestIssuer, type TestIssuer } from "../support/test-issuers";
import { stixValidator } from "./stix-schemas";

jest.setTimeout(120_000);

/** The exchange's own issuer as an operator configures it: it may act for CAN only, and grant `viewer` only. */
let exchangeIssuer: TestIssuer;
const system = usePreparedTestSystem(async () => {
  exchangeIssuer = await createTestIssuer("urn:concert:exchange-test", ["CAN"]);
  exchangeIssuer.config = { ...exchangeIssuer.config, roles: ["viewer"] };
  return [[exchangeIssuer.config]];
});
let exchange: RunningExchange;
const validator = stixValidator();
type StixObject = { id: string; type: string; spec_version: "2.1"; [key: string]: unknown };
const EXT = "extension-definition--c968ea5d-e193-4f08-8c59-c14a3040ea6e";

/** Personas: a government, a multilateral, civil society, and a government that originates restricted material. */
const PERSONAS: [string, string][] = [
  ["USA", "analyst"],
  ["UN", "viewer"],
  ["GCR2P", "viewer"],
  ["DEU", "viewer"],
];
const tokens = new Map<string, string>();
/** A practice of CAN's, RESTRICTED to USA, created after seeding (so served from the change feed). */
let restricted: { id: string; version: number };

beforeAll(async () => {
  exchange = await startExchange({
    gatewayUrl: system.gatewayUrl,
    port: 0,
    logLevel: "silent",
    keys: {
      engagementsUrl: system.subgraphs.engagements.url,
      serviceToken: () => system.serviceToken("exchange"),
      partnerToken: (partner, keyId) => system.signToken({ partner, roles: ["viewer"], subject: `exchange-key:${keyId}`, ttl: "5m" }),
    },
  });
  for (const [partner, role] of PERSONAS) tokens.set(partner, await system.token(partner, role));
  // A practice changed after seeding, so that the engagements collection has a part served from the change feed.
  const created = await system.query<{ contributePractice: { id: string; version: number } }>(
    `mutation($input: PracticeInput!) { contributePractice(input: $input) { id version } }`,
    {
      token: await system.token("CAN", "analyst"),
      variables: {
        input: {
          kind: "BEST_PRACTICE",
          theme: "TRAINING",
          title: '=HYPERLINK("x") exchange',
          summary: "[DEMO] exchange test.",
          marking: "RESTRICTED",
          releasableTo: ["USA"],
        },
      },
    },
  );
  expect(created.errors).toBeUndefined();
  restricted = created.data!.contributePractice;
});

afterAll(async () => {
  await exchange?.stop();
});

async function taxii(path: string, token: string | undefined, init: { accept?: string; method?: string } = {}) {
  const response = await fetch(`${exchange.url}${path}`, {
    method: init.method ?? "GET",
    headers: { accept: init.accept ?? TAXII_MEDIA_TYPE, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

const collectionPath = (name: string) => `/concert/collections/${collectionId(name)}`;

/** Every object of a collection, paged through `next` with a small limit. */
async function allObjects(name: string, token: string, limit = 40): Promise<StixObject[]> {
  const objects: StixObject[] = [];
  let next: string | undefined;
  for (let i = 0; i < 200; i++) {
    const res = await taxii(`${collectionPath(name)}/objects/?limit=${limit}${next ? `&next=${next}` : ""}`, token);
    expect({ status: res.status, error: res.status === 200 ? undefined : res.body }).toEqual({ status: 200 });
    objects.push(...(res.body.objects ?? []));
    if (!res.body.more) return objects;
    expect(res.body.objects.length).toBeLessThanOrEqual(limit);
    next = res.body.next;
  }
  throw new Error("paging did not end");
}

const concertIds = (objects: StixObject[], concertType: string) =>
  new Set(
    objects.flatMap((o) => {
      const e = (o.extensions as Record<string, { concert_type?: string; concert_id?: string }> | undefined)?.[EXT];
      if (e?.concert_type === concertType) return [e.concert_id!];
      if (o.type === `concert-${concertType.toLowerCase()}`) return [String(o.concert_id)];
      return [];
    }),
  );

async function graphqlIds(token: string, field: string, connection: boolean, key = "id"): Promise<Set<string>> {
  const ids = new Set<string>();
  let after: string | null = null;
  for (;;) {
    const query = connection
      ? `query($after: String) { ${field}(first: 200, after: $after) { nodes { ${key} } pageInfo { endCursor hasNextPage } } }`
      : `{ ${field} { ${key} } }`;
    const res = await system.query<Record<string, unknown>>(query, { token, variables: connection ? { after } : undefined });
    expect(res.errors).toBeUndefined();
    const data = res.data![field] as
      | { nodes: Record<string, string>[]; pageInfo: { endCursor: string; hasNextPage: boolean } }
      | Record<string, string>[];
    const nodes = Array.isArray(data) ? data : data.nodes;
    for (const n of nodes) ids.add(n[key]);
    if (Array.isArray(data) || !data.pageInfo.hasNextPage) return ids;
    after = data.pageInfo.endCursor;
  }
}

describe("TLP 2.0 on marked records", () => {
  it("derives tlp and tlpStatement from the marking", async () => {
    const res = await system.query<{
      practices: { nodes: { marking: string; releasableTo: string[]; tlp: string; tlpStatement: string | null }[] };
    }>("{ practices(first: 200) { nodes { marking releasableTo tlp tlpStatement } } }", { token: tokens.get("USA") });
    expect(res.errors).toBeUndefined();
    const expected: Record<string, string> = {
      PUBLIC: "CLEAR",
      PARTNERS: "GREEN",
      GOVERNMENTS: "AMBER",
      RESTRICTED: "AMBER_STRICT",
      ORIGINATOR: "RED",
    };
    const nodes = res.data!.practices.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    for (const n of nodes) {
      expect(n.tlp).toBe(expected[n.marking]);
      if (n.marking === "RESTRICTED") for (const code of n.releasableTo) expect(n.tlpStatement).toContain(code);
      if (n.marking === "PUBLIC" || n.marking === "PARTNERS") expect(n.tlpStatement).toBeNull();
    }
    expect(nodes.some((n) => n.marking === "RESTRICTED")).toBe(true);
  });
});

describe("TAXII 2.1", () => {
  it("serves discovery, the API root and the collections with TAXII's content type", async () => {
    const token = tokens.get("USA")!;
    const discovery = await taxii("/taxii2/", token);
    expect(discovery.status).toBe(200);
    expect(discovery.headers.get("content-type")).toBe(TAXII_MEDIA_TYPE);
    expect(exchange.discoveryUrl).toMatch(/\/taxii2\/$/);
    expect(discovery.body.api_roots).toEqual([`${exchange.url}/concert/`]);
    const root = await taxii("/concert/", token);
    expect(root.body.versions).toEqual([TAXII_MEDIA_TYPE]);
    const collections = await taxii("/concert/collections/", token);
    expect(collections.body.collections.map((c: { title: string }) => c.title)).toEqual([
      "Concert risk",
      "Concert peacekeeping",
      "Concert engagements",
    ]);
    for (const c of collections.body.collections) {
      expect(c).toMatchObject({ can_read: true, can_write: false, media_types: ["application/stix+json;version=2.1"] });
      expect((await taxii(`/concert/collections/${c.id}/`, token)).body.id).toBe(c.id);
    }
  });

  it("answers mistakes with TAXII error messages", async () => {
    const token = tokens.get("USA")!;
    const anonymous = await taxii("/taxii2/", undefined);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/Basic realm=/);
    expect(anonymous.body).toMatchObject({ title: "Unauthenticated", http_status: "401" });
    expect((await taxii("/taxii2/", "not-a-token")).status).toBe(401);
    const basic = await fetch(`${exchange.url}/taxii2/`, {
      headers: { authorization: `Basic ${Buffer.from("USA:key").toString("base64")}` },
    });
    expect(basic.status).toBe(401);
    expect(((await basic.json()) as { description: string }).description).toMatch(/unknown, expired or revoked/);
    expect((await taxii("/taxii2/", token, { accept: "application/json" })).status).toBe(406);
    expect((await taxii("/concert/collections/nope/objects/", token)).body.http_status).toBe("404");
    expect((await taxii(`${collectionPath("risk")}/objects/?limit=0`, token)).status).toBe(400);
    expect((await taxii(`${collectionPath("risk")}/objects/?next=forged`, token)).status).toBe(400);
    expect((await taxii(`${collectionPath("risk")}/objects/?added_after=yesterday`, token)).status).toBe(400);
    expect((await taxii(`${collectionPath("risk")}/objects/`, token, { method: "POST" })).status).toBe(403);
  });

  it("pages through objects with limit and next, with date_added headers in order", async () => {
    const token = tokens.get("USA")!;
    const paged = await allObjects("engagements", token, 37);
    const whole = await allObjects("engagements", token, 1000);
    expect(paged.map((o) => o.id)).toEqual(whole.map((o) => o.id));
    expect(new Set(whole.map((o) => o.id)).size).toBe(whole.length);
    const manifest = await taxii(`${collectionPath("engagements")}/manifest/?limit=1000`, token);
    const dates = manifest.body.objects.map((m: { date_added: string }) => Date.parse(m.date_added));
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
    expect(manifest.body.objects[0]).toMatchObject({ media_type: "application/stix+json;version=2.1" });
    // added_after: everything after the date of the last object but one record.
    const last = manifest.body.objects[manifest.body.objects.length - 1];
    const after = await taxii(`${collectionPath("engagements")}/objects/?added_after=${manifest.body.objects[0].date_added}`, token);
    expect(after.body.objects.length).toBeGreaterThan(0);
    expect(after.body.objects.map((o: StixObject) => o.id)).toContain(last.id);
    const none = await taxii(`${collectionPath("engagements")}/objects/?added_after=${last.date_added}`, token);
    expect(none.body).toEqual({ more: false });
    expect(none.headers.get("x-taxii-date-added-first")).toBeNull();
    const earlier = [...manifest.body.objects].reverse().find((m: { date_added: string }) => m.date_added < last.date_added);
    const lastPage = await taxii(`${collectionPath("engagements")}/objects/?added_after=${earlier.date_added}`, token);
    expect(lastPage.headers.get("x-taxii-date-added-last")).toBe(last.date_added);
  });

  it("filters by match[id], match[type], match[version] and match[spec_version]; serves an object and its versions", async () => {
    const token = tokens.get("USA")!;
    const reports = await taxii(`${collectionPath("risk")}/objects/?match[type]=report`, token);
    expect(reports.body.objects.length).toBeGreaterThan(0);
    expect(reports.body.objects.every((o: StixObject) => o.type === "report")).toBe(true);
    const one = reports.body.objects[0];
    const byId = await taxii(`${collectionPath("risk")}/objects/?match[id]=${one.id}`, token);
    expect(byId.body.objects).toEqual([one]);
    expect(
      (await taxii(`${collectionPath("risk")}/objects/?match[id]=${one.id}&match[version]=${one.modified}`, token)).body.objects,
    ).toEqual([one]);
    expect(
      (await taxii(`${collectionPath("risk")}/objects/?match[id]=${one.id}&match[version]=2000-01-01T00:00:00.000Z`, token)).body.objects,
    ).toBeUndefined();
    expect(
      (await taxii(`${collectionPath("risk")}/objects/?match[id]=${one.id}&match[spec_version]=2.0`, token)).body.objects,
    ).toBeUndefined();
    const object = await taxii(`${collectionPath("risk")}/objects/${one.id}/`, token);
    expect(object.body.objects).toEqual([one]);
    const versions = await taxii(`${collectionPath("risk")}/objects/${one.id}/versions/`, token);
    expect(versions.body).toEqual({ more: false, versions: [one.modified] });
    expect((await taxii(`${collectionPath("risk")}/objects/report--00000000-0000-5000-8000-000000000000/`, token)).status).toBe(404);
  });
});

describe("STIX 2.1 export", () => {
  it.each(PERSONAS)("validates every object %s receives, and the bundle, against the OASIS schemas", async (partner) => {
    const token = tokens.get(partner)!;
    const all: StixObject[] = [];
    for (const name of ["risk", "peacekeeping", "engagements"]) all.push(...(await allObjects(name, token, 1000)));
    const problems = all.flatMap((o) => validator.problems(o));
    expect(problems.slice(0, 5)).toEqual([]);
    const exported = bundle(all, `export-${partner}`);
    expect(validator.bundleProblems(exported)).toEqual([]);
    // What the corrected copy is for: the published bundle.json refuses the bundle, and only over objects of the
    // types it does not name, each of which passes its own schema above.
    const onlyNamed = { ...exported, objects: all.filter((o) => ["identity", "report", "marking-definition"].includes(o.type)) };
    expect(validator.publishedBundleProblems(onlyNamed)).toEqual([]);
    expect(validator.publishedBundleProblems(exported)).not.toEqual([]);
    // No ad-hoc custom properties: Concert's additions live under its extension.
    expect(all.filter((o) => Object.keys(o).some((k) => k.startsWith("x_")))).toEqual([]);
    // Every marking referred to is served, and TLP markings use the OASIS ids.
    const served = new Set(all.map((o) => o.id));
    for (const o of all) for (const ref of (o.object_marking_refs as string[] | undefined) ?? []) expect(served.has(ref)).toBe(true);
    expect(served.has(TLP2_MARKING_IDS.GREEN)).toBe(true);
    expect(
      all.find((o) => o.type === "location" && (o.extensions as Record<string, { concert_id: string }>)[EXT].concert_id === "SSD")?.country,
    ).toBe("SS");
  });

  it("maps opinions to STIX opinions on the assessment's report, and forecasts to notes on their question's note, marked by TLP", async () => {
    const risk = await allObjects("risk", tokens.get("USA")!, 1000);
    // What they refer to is served too: in this collection, or the countries' locations in the engagements collection.
    const engagements = await allObjects("engagements", tokens.get("USA")!, 1000);
    const byId = new Map([...risk, ...engagements].map((o) => [o.id, o]));
    const concert = (o: StixObject) =>
      (o.extensions as Record<string, { concert_type: string; concert_id: string; marking: string; attributes: Record<string, unknown> }>)[
        EXT
      ]!;
    const opinions = risk.filter((o) => o.type === "opinion");
    const forecasts = risk.filter((o) => o.type === "note" && concert(o).concert_type === "Forecast");
    const questions = risk.filter((o) => o.type === "note" && concert(o).concert_type === "ForecastQuestion");
    expect({ opinions: opinions.length > 0, forecasts: forecasts.length > 0, questions: questions.length > 0 }).toEqual({
      opinions: true,
      forecasts: true,
      questions: true,
    });
    const tlpRef = (marking: string) =>
      TLP2_MARKING_IDS[
        ({ PUBLIC: "CLEAR", PARTNERS: "GREEN", GOVERNMENTS: "AMBER", RESTRICTED: "AMBER_STRICT", ORIGINATOR: "RED" } as const)[
          marking as "PUBLIC"
        ]
      ];
    const answer = await system.query<{ opinion: { stance: string; explanation: string; assessment: { id: string } } }>(
      "query($id: ID!) { opinion(id: $id) { stance explanation assessment { id } } }",
      { token: tokens.get("USA"), variables: { id: concert(opinions[0]!).concert_id } },
    );
    expect(opinions[0]).toMatchObject({
      opinion: answer.data!.opinion.stance.toLowerCase().replace("_", "-"),
      explanation: answer.data!.opinion.explanation,
      object_refs: [stixId("report", "RiskAssessment", answer.data!.opinion.assessment.id)],
    });
    for (const o of [...opinions, ...forecasts, ...questions]) {
      expect(o.object_marking_refs).toContain(tlpRef(concert(o).marking));
      for (const ref of o.object_refs as string[])
        expect({ id: o.id, ref, served: byId.has(ref) }).toEqual({ id: o.id, ref, served: true });
    }
    for (const f of forecasts) {
      expect(byId.get((f.object_refs as string[])[0]!)!.type).toBe("note");
      expect(concert(f).attributes.probability).toEqual(expect.any(Number));
    }
  });

  it("gives the same record the same id in every export, and marks by TLP", async () => {
    const a = await allObjects("risk", tokens.get("USA")!, 1000);
    const b = await allObjects("risk", tokens.get("USA")!, 1000);
    expect(a.map((o) => o.id)).toEqual(b.map((o) => o.id));
    const restricted = a.find((o) => (o.extensions as Record<string, { marking?: string }> | undefined)?.[EXT]?.marking === "RESTRICTED");
    if (restricted) expect(restricted.object_marking_refs).toContain(TLP2_MARKING_IDS.AMBER_STRICT);
  });
});

describe("leak test: TAXII serves each persona exactly its GraphQL answer", () => {
  it.each(PERSONAS)("%s", async (partner) => {
    const token = tokens.get(partner)!;
    const risk = await allObjects("risk", token, 1000);
    const peacekeeping = await allObjects("peacekeeping", token, 1000);
    const engagements = await allObjects("engagements", token, 1000);
    expect(concertIds(risk, "RiskAssessment")).toEqual(await graphqlIds(token, "riskAssessments", true));
    expect(concertIds(risk, "Watchlist")).toEqual(await graphqlIds(token, "watchlists", false));
    expect(concertIds(risk, "ForecastQuestion")).toEqual(await graphqlIds(token, "forecastQuestions", true));
    expect(concertIds(risk, "Forecast")).toEqual(await graphqlIds(token, "forecastHistory", true));
    expect(concertIds(risk, "Opinion")).toEqual(await graphqlIds(token, "opinions", true));
    expect(concertIds(peacekeeping, "Pledge")).toEqual(await graphqlIds(token, "pledges", true));
    expect(concertIds(peacekeeping, "Mission")).toEqual(await graphqlIds(token, "missions", false, "acronym"));
    expect(concertIds(engagements, "Practice")).toEqual(await graphqlIds(token, "practices", true));
    expect(concertIds(engagements, "Engagement")).toEqual(await graphqlIds(token, "engagements", true));
  });

  it("differs between personas where their access differs", async () => {
    const usa = concertIds(await allObjects("engagements", tokens.get("USA")!, 1000), "Practice");
    const civil = concertIds(await allObjects("engagements", tokens.get("GCR2P")!, 1000), "Practice");
    expect(civil.size).toBeLessThan(usa.size);
    for (const id of civil) expect(usa.has(id)).toBe(true);
  });
});

describe("CSV", () => {
  async function csv(path: string) {
    const response = await fetch(`${exchange.url}/csv/${path}`, { headers: { authorization: `Bearer ${tokens.get("USA")}` } });
    return { status: response.status, type: response.headers.get("content-type"), bytes: Buffer.from(await response.arrayBuffer()) };
  }

  it("downloads the shared watchlist with a BOM, CRLF, a header row and an HXL row", async () => {
    const { status, type, bytes } = await csv("shared-watchlist");
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/csv/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8").slice(1);
    const lines = text.split("\r\n");
    expect(lines[0]).toMatch(/^Country code,Country,/);
    expect(lines[1]).toMatch(/^#country\+code,#country\+name,/);
    expect(lines.length).toBeGreaterThan(3);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/\n/);
  });

  it("downloads a mission's gaps, an event's delivery and a practice search, escaping formulas", async () => {
    const gaps = await csv("missions/MINUSCA/gaps");
    expect(gaps.status).toBe(200);
    expect(gaps.bytes.toString("utf8")).toContain("#capability+code");
    const events = await system.query<{ pledgingEvents: { code: string }[] }>("{ pledgingEvents { code } }", { token: tokens.get("USA") });
    const delivery = await csv(`events/${events.data!.pledgingEvents[0].code}/delivery`);
    expect(delivery.status).toBe(200);
    expect(delivery.bytes.toString("utf8")).toContain("#indicator+pledges+num");
    const search = await csv("practices?query=exchange");
    expect(search.status).toBe(200);
    expect(search.bytes.toString("utf8")).toContain(`"'=HYPERLINK(""x"") exchange"`);
    expect((await csv("missions/NOPE/gaps")).status).toBe(404);
  });
});

describe("revoked access", () => {
  it("stops serving a record once the reader may no longer read it", async () => {
    const usa = tokens.get("USA")!;
    const id = stixId("note", "Practice", restricted.id);
    const path = `${collectionPath("engagements")}/objects/${id}/`;
    const before = await taxii(path, usa);
    expect(before.status).toBe(200);
    expect(before.body.objects[0].object_marking_refs).toContain(TLP2_MARKING_IDS.AMBER_STRICT);
    expect((await taxii(path, tokens.get("GCR2P")!)).status).toBe(404);
    const changed = await system.query(
      "mutation($id: ID!, $v: Int!) { changePracticeMarking(id: $id, expectedVersion: $v, sharing: { marking: ORIGINATOR, releasableTo: [] }) { version } }",
      { token: await system.token("CAN", "analyst"), variables: { id: restricted.id, v: restricted.version } },
    );
    expect(changed.errors).toBeUndefined();
    const after = await taxii(path, usa);
    expect(after.status).toBe(404);
    expect(after.body).toMatchObject({ http_status: "404" });
    expect((await allObjects("engagements", usa, 1000)).map((o) => o.id)).not.toContain(id);
    expect((await taxii(path, await system.token("CAN", "viewer"))).body.objects[0].object_marking_refs).toEqual([TLP2_MARKING_IDS.RED]);
  });
});

describe("exchange keys", () => {
  const CREATE = `mutation($name: String!, $expiresOn: String!) {
    createExchangeKey(name: $name, expiresOn: $expiresOn) { secret key { id name prefix expiresAt revokedAt } } }`;
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const basicFetch = (path: string, id: string, secret: string) =>
    fetch(`${exchange.url}${path}`, {
      headers: { accept: TAXII_MEDIA_TYPE, authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}` },
    });

  it("lets a partner's admin create a read-only key, shown once, that TAXII accepts as the Basic password until revoked", async () => {
    const admin = await system.token("CAN", "admin");
    const created = await system.query<{ createExchangeKey: { secret: string; key: { id: string; prefix: string } } }>(CREATE, {
      token: admin,
      variables: { name: "OpenCTI", expiresOn: inDays(30) },
    });
    expect(created.errors).toBeUndefined();
    const { secret, key } = created.data!.createExchangeKey;
    expect(secret.startsWith(key.prefix)).toBe(true);
    const listed = await system.query<{ exchangeKeys: Record<string, unknown>[] }>("{ exchangeKeys { id name prefix lastUsedAt } }", {
      token: admin,
    });
    expect(listed.data!.exchangeKeys).toContainEqual({ id: key.id, name: "OpenCTI", prefix: key.prefix, lastUsedAt: null });
    expect(JSON.stringify(listed.data)).not.toContain(secret);
    // Another partner's admin sees none of CAN's keys.
    const other = await system.query<{ exchangeKeys: { id: string }[] }>("{ exchangeKeys { id } }", {
      token: await system.token("USA", "admin"),
    });
    expect(other.data!.exchangeKeys.map((k) => k.id)).not.toContain(key.id);

    const res = await basicFetch("/concert/collections/", key.id, secret);
    expect(res.status).toBe(200);
    // The key reads exactly what CAN may read.
    const viaKey = await basicFetch(`${collectionPath("engagements")}/objects/?limit=1000&match[type]=note`, key.id, secret);
    const viaToken = await taxii(
      `${collectionPath("engagements")}/objects/?limit=1000&match[type]=note`,
      await system.token("CAN", "viewer"),
    );
    expect(((await viaKey.json()) as { objects: StixObject[] }).objects.map((o) => o.id)).toEqual(
      viaToken.body.objects.map((o: StixObject) => o.id),
    );
    expect((await basicFetch("/taxii2/", key.id, `${secret}x`)).status).toBe(401);

    const used = await system.query<{ exchangeKeys: { id: string; lastUsedAt: string | null }[] }>("{ exchangeKeys { id lastUsedAt } }", {
      token: admin,
    });
    expect(used.data!.exchangeKeys.find((k) => k.id === key.id)!.lastUsedAt).not.toBeNull();
    const log = await system.query<{ engagementsAccessLog: { nodes: { action: string; entityType: string }[] } }>(
      `query($id: ID!) { engagementsAccessLog(entityId: $id, first: 50) { nodes { action entityType } } }`,
      { token: admin, variables: { id: key.id } },
    );
    expect(log.errors).toBeUndefined();
    const actions = log.data!.engagementsAccessLog.nodes.map((n) => n.action);
    expect(actions).toEqual(expect.arrayContaining(["create", "use", "refuse"]));

    const revoked = await system.query("mutation($id: ID!) { revokeExchangeKey(id: $id) { revokedAt } }", {
      token: admin,
      variables: { id: key.id },
    });
    expect(revoked.errors).toBeUndefined();
    expect((await basicFetch("/concert/collections/", key.id, secret)).status).toBe(401);
  });

  it("refuses keys to non-admins, lifetimes over a year, and redeeming through the gateway", async () => {
    const analyst = await system.query(CREATE, {
      token: await system.token("CAN", "analyst"),
      variables: { name: "x", expiresOn: inDays(30) },
    });
    expect(analyst.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const tooLong = await system.query(CREATE, {
      token: await system.token("CAN", "admin"),
      variables: { name: "x", expiresOn: inDays(400) },
    });
    expect(tooLong.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "expiresOn" });
    const anonymous = await system.query("{ exchangeKeys { id } }");
    expect(anonymous.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const viaGateway = await system.query('mutation { grantExchangeKey(id: "x", secret: "y") { partner } }', {
      token: await system.token("CAN", "admin"),
    });
    expect(viaGateway.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    // Straight at engagements with a partner's token: only the exchange service may redeem.
    const direct = await system.query(
      'mutation { grantExchangeKey(id: "00000000-0000-4000-8000-000000000000", secret: "y") { partner } }',
      {
        token: await system.token("CAN", "admin"),
        url: system.subgraphs.engagements.url,
      },
    );
    expect(direct.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});

describe("the exchange's issuer has only the authority its configuration gives it", () => {
  const CREATE = `mutation($name: String!, $expiresOn: String!) { createExchangeKey(name: $name, expiresOn: $expiresOn) { secret key { id } } }`;
  const expiresOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  let capped: RunningExchange;
  beforeAll(async () => {
    // An exchange signing with its own issuer, as in production: CAN only, viewer only (system/src/serve.ts).
    capped = await startExchange({
      gatewayUrl: system.gatewayUrl,
      port: 0,
      logLevel: "silent",
      keys: {
        engagementsUrl: system.subgraphs.engagements.url,
        serviceToken: () => system.serviceToken("exchange"),
        partnerToken: (partner, keyId) => exchangeIssuer.sign({ partner, roles: ["viewer"], sub: `exchange-key:${keyId}` }),
        partners: exchangeIssuer.config.partners,
      },
    });
  });
  afterAll(() => capped?.stop());

  const keyOf = async (partner: string) => {
    const created = await system.query<{ createExchangeKey: { secret: string; key: { id: string } } }>(CREATE, {
      token: await system.token(partner, "admin"),
      variables: { name: `issuer test ${partner}`, expiresOn },
    });
    expect(created.errors).toBeUndefined();
    const { secret, key } = created.data!.createExchangeKey;
    return `Basic ${Buffer.from(`${key.id}:${secret}`).toString("base64")}`;
  };

  it("serves a key of a partner it may act for, and refuses (403) a key of any other partner", async () => {
    const can = await fetch(`${capped.url}/concert/collections/`, {
      headers: { accept: TAXII_MEDIA_TYPE, authorization: await keyOf("CAN") },
    });
    expect(can.status).toBe(200);
    const usa = await fetch(`${capped.url}/concert/collections/`, {
      headers: { accept: TAXII_MEDIA_TYPE, authorization: await keyOf("USA") },
    });
    expect(usa.status).toBe(403);
    expect(await usa.json()).toMatchObject({ title: "Forbidden", error_code: "FORBIDDEN" });
  });

  it("a forged or over-broad token of its issuer is refused by the gateway and straight by every subgraph", async () => {
    const viewer = await exchangeIssuer.sign({ partner: "CAN", roles: ["viewer"], sub: "exchange-key:x" });
    const forged: [string, string][] = [
      ["a role beyond viewer", await exchangeIssuer.sign({ partner: "CAN", roles: ["admin"], sub: "exchange-key:x" })],
      ["viewer and analyst", await exchangeIssuer.sign({ partner: "CAN", roles: ["viewer", "analyst"], sub: "exchange-key:x" })],
      ["another partner", await exchangeIssuer.sign({ partner: "USA", roles: ["viewer"], sub: "exchange-key:x" })],
    ];
    const targets: [string, string, string][] = [
      ["gateway", system.gatewayUrl, "{ exchangeKeys { id } }"],
      ["risk", system.subgraphs.risk.url, "{ riskAssessments { totalCount } }"],
      ["peacekeeping", system.subgraphs.peacekeeping.url, "{ missions { acronym } }"],
      ["engagements", system.subgraphs.engagements.url, "{ exchangeKeys { id } }"],
    ];
    for (const [target, url, query] of targets) {
      // The issuer's own kind of token works (the query itself may be refused to a viewer, but not as unauthenticated).
      const ok = await system.query(query, { token: viewer, url });
      expect({ target, code: ok.errors?.[0]?.extensions?.code }).not.toEqual({ target, code: "UNAUTHENTICATED" });
      for (const [name, token] of forged) {
        const res = await system.query(query, { token, url });
        expect({ target, name, data: res.data ?? null, code: res.errors?.[0]?.extensions?.code }).toEqual({
          target,
          name,
          data: null,
          code: "UNAUTHENTICATED",
        });
      }
    }
  });
});
