import { DEFAULT_AUTHORITY, SUBGRAPH_NAMES } from "@concert/system";
import { type UntypedData, useTestSystem } from "@concert/system/testing";
import { errorOf, sleep, sql } from "./support";

/**
 * Authority from configuration: the operator (OPS, the default CONCERT_OPERATORS) keeps the
 * registry and may change any forum; a partner's own admin only its descriptive fields; forum
 * co-chairs their forum. Deactivations and revocations reach every part within the freshness bound.
 */

const FRESHNESS_MS = 300;
const OUTAGE_MS = 5_000;

const system = useTestSystem([], {
  authority: { ...DEFAULT_AUTHORITY, directory: { freshnessMs: FRESHNESS_MS, outageMs: OUTAGE_MS } },
});

const as = (partner: string, role: string) => system.token(partner, role);
async function run(token: string | undefined, query: string, variables?: Record<string, unknown>) {
  return system.query<UntypedData>(query, { token, variables });
}

const REGISTER = `mutation($input: PartnerInput!) { registerPartner(input: $input) { code version } }`;
const UPDATE = `mutation($code: ID!, $v: Int!, $changes: PartnerChanges!) { updatePartner(code: $code, expectedVersion: $v, changes: $changes) { code name kind activeFrom activeTo version } }`;
const DEACTIVATE = `mutation($code: ID!, $v: Int!) { deactivatePartner(code: $code, expectedVersion: $v) { activeTo version } }`;
const entry = async (code: string) =>
  (await system.ok(`{ partner(code: "${code}") { name kind country { code } activeFrom activeTo version } }`)).partner;

/** Every endpoint a client may reach: the gateway and each subgraph straight. */
const endpoints = () => [system.gatewayUrl, ...SUBGRAPH_NAMES.map((n) => system.subgraphs[n].url)];
async function statusAtEveryEndpoint(token: string | undefined) {
  return Promise.all(
    endpoints().map(async (url) => {
      const res = await system.query<UntypedData>("{ __typename }", { token, url });
      return `${res.status} ${res.errors?.[0]?.extensions?.code ?? "OK"}`;
    }),
  );
}

/** A new partner's token is accepted once the copies of the registry refresh (unknown codes: at most once a second). */
async function untilAccepted(token: string) {
  for (let attempt = 0; attempt < 20; attempt++) {
    if ((await statusAtEveryEndpoint(token)).every((s) => s === "200 OK")) return;
    await sleep(250);
  }
  throw new Error("token never accepted");
}

describe("the partner registry", () => {
  const org = { code: "TSTORG", name: "Test organisation", kind: "MULTILATERAL", activeFrom: "2026-01-01" };

  it("is registered by the operator's admin only; a partner's admin, even the UN's, may not register", async () => {
    for (const who of [await as("USA", "admin"), await as("UN", "admin"), await as("OPS", "coordinator")]) {
      expect(errorOf(await run(who, REGISTER, { input: org }))).toEqual({ code: "FORBIDDEN", field: undefined });
    }
    expect(await entry("TSTORG")).toBeNull();
    expect((await system.ok(REGISTER, await as("OPS", "admin"), { input: org })).registerPartner).toEqual({ code: "TSTORG", version: 1 });
    // Its own admin takes part in the cases below: wait until every part knows the new partner.
    await untilAccepted(await as("TSTORG", "admin"));
  });

  it.each<[string, Record<string, unknown>]>([
    ["kind", { kind: "GOVERNMENT", country: "NOR" }],
    ["kind", { kind: "CIVIL_SOCIETY" }],
    ["country", { country: "NOR" }],
    ["activeFrom", { activeFrom: "2020-01-01" }],
    ["activeTo", { activeTo: "2030-12-31" }],
  ])(
    "%s: refused to the partner's own admin and to another partner's admin, granted to the operator's admin (%j)",
    async (_field, changes) => {
      const before = await entry("TSTORG");
      for (const who of [await as("TSTORG", "admin"), await as("USA", "admin")]) {
        expect(errorOf(await run(who, UPDATE, { code: "TSTORG", v: before.version, changes }))).toEqual({
          code: "FORBIDDEN",
          field: undefined,
        });
      }
      expect(await entry("TSTORG")).toEqual(before);
      const res = await run(await as("OPS", "admin"), UPDATE, { code: "TSTORG", v: before.version, changes });
      // The operator passes authority; the registry's own rules may still refuse the values (a government needs its country code).
      if (res.errors) expect(errorOf(res).code).toBe("BAD_USER_INPUT");
      else expect(res.data.updatePartner.version).toBe(before.version + 1);
      // Put it back as it was, so that each case starts from a multilateral organisation taking part.
      const now = await entry("TSTORG");
      if (now.version !== before.version) {
        await system.ok(UPDATE, await as("OPS", "admin"), {
          code: "TSTORG",
          v: now.version,
          changes: { kind: before.kind, country: null, activeFrom: before.activeFrom, activeTo: null },
        });
      }
    },
  );

  it("name: a partner's own admin may change it, another partner's admin may not", async () => {
    await untilAccepted(await as("TSTORG", "admin"));
    const before = await entry("TSTORG");
    expect(
      errorOf(await run(await as("USA", "admin"), UPDATE, { code: "TSTORG", v: before.version, changes: { name: "Hijacked" } })),
    ).toEqual({ code: "FORBIDDEN", field: undefined });
    const renamed = (
      await system.ok(UPDATE, await as("TSTORG", "admin"), {
        code: "TSTORG",
        v: before.version,
        changes: { name: "Test organisation (renamed)" },
      })
    ).updatePartner;
    expect(renamed).toMatchObject({ name: "Test organisation (renamed)", version: before.version + 1 });
    const again = (
      await system.ok(UPDATE, await as("OPS", "admin"), { code: "TSTORG", v: renamed.version, changes: { name: "Test organisation" } })
    ).updatePartner;
    expect(again.name).toBe("Test organisation");
  });

  it("refuses what the issue reproduced: civil society raising its own kind, a government changing another's activeTo", async () => {
    const gcr2p = await entry("GCR2P");
    expect(
      errorOf(await run(await as("GCR2P", "admin"), UPDATE, { code: "GCR2P", v: gcr2p.version, changes: { kind: "MULTILATERAL" } })),
    ).toEqual({ code: "FORBIDDEN", field: undefined });
    const usa = await entry("USA");
    expect(
      errorOf(await run(await as("CAN", "admin"), UPDATE, { code: "USA", v: usa.version, changes: { activeTo: "2026-01-01" } })),
    ).toEqual({ code: "FORBIDDEN", field: undefined });
    expect(await entry("GCR2P")).toEqual(gcr2p);
    expect(await entry("USA")).toEqual(usa);
  });

  it("deactivation: refused to the partner's own admin; by the operator, it refuses the partner's next request, after idle, at the gateway and every subgraph", async () => {
    const token = await as("TSTORG", "viewer");
    await untilAccepted(token);
    const { version } = await entry("TSTORG");
    expect(errorOf(await run(await as("TSTORG", "admin"), DEACTIVATE, { code: "TSTORG", v: version }))).toEqual({
      code: "FORBIDDEN",
      field: undefined,
    });
    await system.ok(DEACTIVATE, await as("OPS", "admin"), { code: "TSTORG", v: version });
    // Idle for longer than the freshness bound: the next request anywhere is refused.
    await sleep(FRESHNESS_MS * 2 + 100);
    expect(await statusAtEveryEndpoint(token)).toEqual(endpoints().map(() => "401 UNAUTHENTICATED"));
  });
});

describe("forum memberships", () => {
  const ADD = `mutation($forum: ID!, $partner: ID!) { addForumMember(forum: $forum, partner: $partner) { id since until } }`;
  const END = `mutation($id: ID!) { endForumMembership(id: $id) { since until } }`;
  const groupsOf = async (code: string) =>
    (await system.ok("{ partners { code groups } }")).partners.find((p: { code: string }) => p.code === code).groups;

  it("are added by a co-chair's coordinator, not by a member's, and one added today can be ended today", async () => {
    // R2PFP: co-chairs DNK, GHA, AUS; GBR is a member.
    expect(errorOf(await run(await as("GBR", "coordinator"), ADD, { forum: "R2PFP", partner: "KOR" }))).toEqual({
      code: "FORBIDDEN",
      field: undefined,
    });
    expect(await groupsOf("KOR")).toEqual([]);
    const added = (await system.ok(ADD, await as("DNK", "coordinator"), { forum: "R2PFP", partner: "KOR" })).addForumMember;
    const today = new Date().toISOString().slice(0, 10);
    expect(added).toMatchObject({ since: today, until: null });
    expect(await groupsOf("KOR")).toEqual(["R2PFP"]);
    // Ended at once on the day it began: it ends before it began and never covers today.
    const ended = (await system.ok(END, await as("DNK", "coordinator"), { id: added.id })).endForumMembership;
    expect(ended.until < ended.since).toBe(true);
    expect(await groupsOf("KOR")).toEqual([]);
    // Added again the same day, it takes effect again.
    await system.ok(ADD, await as("OPS", "admin"), { forum: "R2PFP", partner: "KOR" });
    expect(await groupsOf("KOR")).toEqual(["R2PFP"]);
    // Each write is audited under the membership's id (which the database assigns), as the member's.
    const audited = await sql<{ action: string; partner: string; originator: string }>(
      system,
      "engagements",
      `select action, partner, originator from audit_entry where entity_type = 'ForumMembership' and $1 = any(entity_ids) order by id`,
      [String(added.id)],
    );
    expect(audited).toEqual([
      { action: "create", partner: "DNK", originator: "KOR" },
      { action: "end", partner: "DNK", originator: "KOR" },
      { action: "create", partner: "OPS", originator: "KOR" },
    ]);
  });

  it("are ended at the version the keeper read: a second keeper's stale end is a CONFLICT and changes nothing", async () => {
    const VERSIONED = `mutation($id: ID!, $until: String, $v: Int) { endForumMembership(id: $id, until: $until, expectedVersion: $v) { until version } }`;
    const added = (
      await system.ok(`${ADD.replace("since until", "since until version")}`, await as("OPS", "admin"), { forum: "R2PFP", partner: "BGD" })
    ).addForumMember;
    expect(added.version).toBe(1);
    const first = (await system.ok(VERSIONED, await as("DNK", "coordinator"), { id: added.id, until: "2099-12-31", v: 1 }))
      .endForumMembership;
    expect(first).toEqual({ until: "2099-12-31", version: 2 });
    const stale = await run(await as("GHA", "coordinator"), VERSIONED, { id: added.id, until: "2099-06-30", v: 1 });
    expect(errorOf(stale)).toEqual({ code: "CONFLICT", field: "expectedVersion" });
    // Straight at engagements, which enforces it itself.
    const direct = await system.query<UntypedData>(VERSIONED, {
      token: await as("GHA", "coordinator"),
      variables: { id: added.id, until: "2099-06-30", v: 1 },
      url: system.subgraphs.engagements.url,
    });
    expect(errorOf(direct)).toEqual({ code: "CONFLICT", field: "expectedVersion" });
    // The stale writes left version 2: the next end at version 2 is accepted and makes it 3.
    const after = (await system.ok(VERSIONED, await as("DNK", "coordinator"), { id: added.id, until: "2099-11-30", v: 2 }))
      .endForumMembership;
    expect(after).toEqual({ until: "2099-11-30", version: 3 });
  });
});

describe("revokeSubject", () => {
  const REVOKE = `mutation($p: ID!, $s: String!) { revokeSubject(partner: $p, subject: $s) { subjectDigest revokedAt } }`;

  it("is refused to another partner's admin and to non-admins", async () => {
    for (const who of [await as("CAN", "admin"), await as("USA", "coordinator")]) {
      expect(errorOf(await run(who, REVOKE, { p: "USA", s: "test:USA:analyst" }))).toEqual({ code: "FORBIDDEN", field: undefined });
    }
    expect(errorOf(await run(undefined, REVOKE, { p: "USA", s: "test:USA:analyst" })).code).toBe("UNAUTHENTICATED");
    expect(errorOf(await run(await as("USA", "admin"), REVOKE, { p: "NOPE", s: "x" }))).toEqual({ code: "FORBIDDEN", field: undefined });
    expect(errorOf(await run(await as("OPS", "admin"), REVOKE, { p: "NOPE", s: "x" }))).toEqual({
      code: "BAD_USER_INPUT",
      field: "partner",
    });
  });

  it("by a partner's own admin refuses the person's earlier tokens everywhere within the freshness bound; later tokens work", async () => {
    const earlier = await as("USA", "analyst"); // subject test:USA:analyst
    const colleague = await as("USA", "viewer");
    // Accepted twice everywhere: every part now remembers the token as verified (for 60 s); revocation is still checked per request.
    expect(await statusAtEveryEndpoint(earlier)).toEqual(endpoints().map(() => "200 OK"));
    expect(await statusAtEveryEndpoint(earlier)).toEqual(endpoints().map(() => "200 OK"));
    const revoked = (await system.ok(REVOKE, await as("USA", "admin"), { p: "USA", s: "test:USA:analyst" })).revokeSubject;
    expect(revoked.subjectDigest).toMatch(/^[0-9a-f]{64}$/);
    // The parts read revocations straight from engagements; the gateway's public schema does not offer them.
    const viaGateway = await run(undefined, "{ tokenRevocations { subjectDigest } }");
    expect(errorOf(viaGateway).code).toBe("GRAPHQL_VALIDATION_FAILED");
    const direct = await system.query<UntypedData>("{ tokenRevocations { subjectDigest } }", { url: system.subgraphs.engagements.url });
    expect(direct.errors).toBeUndefined();
    const published = direct.data.tokenRevocations;
    expect(published).toContainEqual({ subjectDigest: revoked.subjectDigest });
    expect(JSON.stringify(published)).not.toContain("test:USA");
    await sleep(FRESHNESS_MS * 2 + 100);
    expect(await statusAtEveryEndpoint(earlier)).toEqual(endpoints().map(() => "401 UNAUTHENTICATED"));
    expect(await statusAtEveryEndpoint(colleague)).toEqual(endpoints().map(() => "200 OK"));
    // `iat` has a resolution of one second: a token issued a second later is not revoked.
    await sleep(1_100);
    expect(await statusAtEveryEndpoint(await as("USA", "analyst"))).toEqual(endpoints().map(() => "200 OK"));
  });

  it("by the operator reaches any partner's people", async () => {
    const token = await as("CAN", "planner");
    await system.ok(REVOKE, await as("OPS", "admin"), { p: "CAN", s: "test:CAN:planner" });
    await sleep(FRESHNESS_MS * 2 + 100);
    expect(errorOf(await run(token, "{ __typename }")).code).toBe("UNAUTHENTICATED");
  });
});

describe("when the registry cannot be read", () => {
  it("serves the last copy up to the outage bound, then answers signed-in callers SERVICE_UNAVAILABLE; anonymous callers are still served", async () => {
    const token = await as("USA", "viewer");
    expect(errorOf(await run(token, "{ __typename }")).code).toBeUndefined();
    await system.subgraphs.engagements.stop();
    const risk = system.subgraphs.risk.url;
    expect((await system.query("{ riskFactors { number } }", { token, url: risk })).errors).toBeUndefined();
    await sleep(OUTAGE_MS + 500);
    // A server condition, not the caller's fault: the good token is not called bad, and the client is told when to retry.
    for (const url of [risk, system.gatewayUrl]) {
      const started = Date.now();
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: "{ riskFactors { number } }" }),
      });
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(res.status).toBe(503);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      const body = (await res.json()) as { errors: { extensions: Record<string, unknown> }[] };
      expect(body.errors[0]!.extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", serviceName: "engagements" });
    }
    expect((await system.query<UntypedData>("{ riskFactors { number } }", { url: risk })).data.riskFactors).toHaveLength(14);
  });
});
