import { createHmac } from "node:crypto";
import { connectDatabase, withDatabaseClient } from "@concert/db";
import { pruneChangeEntries, rebaseRestoredChangeEntries } from "@concert/subgraph-kit/feeds";
import { DEFAULT_AUTHORITY, SUBGRAPHS } from "@concert/system";
import { type GraphQLResponse, useTestSystem } from "@concert/system/testing";
import { drain, type FeedNode, feedQuery, readPage, settled } from "./support";

/** The registry copies refresh every 300 ms here, so that a forum membership's end reaches the feed quickly. */
const FRESHNESS_MS = 300;

const system = useTestSystem([], { authority: { ...DEFAULT_AUTHORITY, directory: { freshnessMs: FRESHNESS_MS, outageMs: 60_000 } } });

const PRACTICES = feedQuery("engagementsChanges", "EngagementsRecordType", "... on Practice { id version }");
const RISK = feedQuery("riskChanges", "RiskRecordType", "... on RiskAssessment { id version status } ... on Watchlist { id version }");
const PLEDGES = feedQuery("peacekeepingChanges", "PeacekeepingRecordType", "... on Pledge { id version status }");
const REQUIREMENTS = feedQuery("peacekeepingChanges", "PeacekeepingRecordType", "... on CapabilityRequirement { id version }");

const CONTRIBUTE = `mutation($input: PracticeInput!) { contributePractice(input: $input) { id version } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $title: String!) { updatePractice(id: $id, expectedVersion: $v, changes: { title: $title }) { version } }`;
const MARK = `mutation($id: ID!, $v: Int!, $sharing: SharingInput!) { changePracticeMarking(id: $id, expectedVersion: $v, sharing: $sharing) { version } }`;
const READ = `query($id: ID!) { practice(id: $id) { id } }`;

type Sharing = { marking: string; releasableTo: string[] };
const PARTNERS: Sharing = { marking: "PARTNERS", releasableTo: [] };
const GOVERNMENTS: Sharing = { marking: "GOVERNMENTS", releasableTo: [] };
const SHARINGS: Sharing[] = [
  PARTNERS,
  GOVERNMENTS,
  { marking: "ORIGINATOR", releasableTo: [] },
  { marking: "RESTRICTED", releasableTo: ["DEU"] },
  { marking: "RESTRICTED", releasableTo: ["R2PFP"] },
  { marking: "RESTRICTED", releasableTo: ["USA"] },
];

function practiceInput(title: string, sharing: Sharing) {
  return { kind: "BEST_PRACTICE", theme: "TRAINING", title, summary: "[DEMO] feed test.", ...sharing };
}

type PracticePage = {
  practices: { nodes: { id: string; version: number }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
};

/** Every practice `token` may read now, through the normal list, with its version. */
async function readablePractices(token: string | undefined): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  let after: string | null = null;
  for (;;) {
    const res: GraphQLResponse<PracticePage> = await system.query<PracticePage>(
      `query($after: String) { practices(first: 200, after: $after) { nodes { id version } pageInfo { endCursor hasNextPage } } }`,
      { token, variables: { after } },
    );
    expect(res.errors).toBeUndefined();
    for (const n of res.data!.practices.nodes) seen.set(n.id, n.version);
    if (!res.data!.practices.pageInfo.hasNextPage) return seen;
    after = res.data!.practices.pageInfo.endCursor;
  }
}

/** Applies entries in order, as a client's copy would. */
function apply(mirror: Map<string, number>, nodes: FeedNode[]): void {
  for (const n of nodes) {
    if (n.change === "DELETED" || n.change === "ACCESS_REVOKED") mirror.delete(n.id);
    else if (n.record) mirror.set(n.id, n.record.version);
  }
}

/** What a subgraph reads and writes its database with. */
type EntityManager = Awaited<ReturnType<typeof connectDatabase>>["orm"]["em"];

/** SQL straight on the engagements database of the test system. */
const sql = (text: string) =>
  withDatabaseClient(process.env.DATABASE_URL!, system.databaseNames.engagements, async (c) => (await c.query(text)).rows);

/** A connection of its own to the engagements database, as a subgraph opens it; `em()` forks its EntityManager. */
async function withEngagementsOrm(work: (em: () => EntityManager) => Promise<void>): Promise<void> {
  const module = SUBGRAPHS.engagements;
  const db = await connectDatabase({
    serverUrl: process.env.DATABASE_URL!,
    dbName: system.databaseNames.engagements,
    entities: module.entities,
    migrationsPath: module.migrationsPath,
  });
  try {
    await work(() => db.orm.em.fork());
  } finally {
    await db.close();
  }
}

const sorted = (m: Map<string, number>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b));

describe("change feeds", () => {
  it("keep a reader's copy exact while several writers write in parallel: nothing skipped, nothing twice", async () => {
    const writers = await Promise.all(["GCR2P", "USA", "GBR", "BGD"].map((p) => system.token(p, "analyst")));
    const reader = await system.token("DEU", "viewer");
    // As docs/integrators.md says: note where the feed stands, then copy everything (seeded records are not in the feed),
    // then follow the feed from there.
    let cursor: string | undefined = (await drain(system, PRACTICES, reader, { types: ["PRACTICE"] })).cursor;
    const mirror = await readablePractices(reader);
    expect(mirror.size).toBeGreaterThan(0);
    const heard: FeedNode[] = [];
    let done = false;
    const readLoop = (async () => {
      // Small pages, read while the writers write, then once more after they finished.
      for (let last = false; ; ) {
        const { page, error } = await readPage(system, PRACTICES, reader, { after: cursor, first: 3, types: ["PRACTICE"] });
        expect(error).toBeNull();
        heard.push(...page!.nodes);
        apply(mirror, page!.nodes);
        cursor = page!.pageInfo.endCursor;
        if (page!.pageInfo.hasNextPage) continue;
        if (last) return;
        if (done) {
          // What the writers committed is served once every transaction older than theirs has ended.
          await settled();
          last = true;
        }
      }
    })();
    const alwaysReadable: string[] = [];
    await Promise.all(
      writers.map(async (token, w) => {
        for (let i = 0; i < 5; i++) {
          const first = SHARINGS[(w + i) % SHARINGS.length];
          const then = SHARINGS[(w + 2 * i + 1) % SHARINGS.length];
          const { contributePractice: p } = await system.ok(CONTRIBUTE, token, { input: practiceInput(`w${w} p${i}`, first) });
          await system.ok(UPDATE, token, { id: p.id, v: 1, title: `w${w} p${i} revised` });
          await system.ok(MARK, token, { id: p.id, v: 2, sharing: then });
          if ([PARTNERS, GOVERNMENTS].includes(first) && [PARTNERS, GOVERNMENTS].includes(then)) alwaysReadable.push(p.id);
        }
      }),
    );
    done = true;
    await readLoop;
    expect(sorted(mirror)).toEqual(sorted(await readablePractices(reader)));
    // No entry twice; a practice DEU could always read was heard at each of its versions, in order.
    const keys = heard.map((n) => `${n.id}@${n.version}:${n.change}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(alwaysReadable.length).toBeGreaterThan(0);
    for (const id of alwaysReadable) {
      expect(heard.filter((n) => n.id === id).map((n) => [n.change, n.version])).toEqual([
        ["CREATED", 1],
        ["UPDATED", 2],
        ["UPDATED", 3],
      ]);
    }
  });

  it("hold back what a transaction still in flight wrote, and deliver it once committed, even after later ones", async () => {
    const author = await system.token("GCR2P", "analyst");
    const reader = await system.token("DEU", "viewer");
    const { contributePractice: slow } = await system.ok(CONTRIBUTE, author, { input: practiceInput("Slow", PARTNERS) });
    const start = (await drain(system, PRACTICES, reader)).cursor;
    let held = "";
    let fast = "";
    await withDatabaseClient(process.env.DATABASE_URL!, system.databaseNames.engagements, async (c) => {
      // A slow writer: it changes the practice and writes its entry, as the recorder does, and has not committed yet.
      await c.query("begin");
      await c.query("update practice set title = 'Slow, revised', version = version + 1 where id = $1", [slow.id]);
      await c.query(
        `insert into change_entry (record_type, record_id, kind, version, marking, releasable_to, originator)
         values ('PRACTICE', $1, 'UPDATED', 2, 'PARTNERS', '{}', 'GCR2P')`,
        [slow.id],
      );
      // A later writer commits first: its entry comes after the slow one's, and must wait for it.
      fast = (await system.ok(CONTRIBUTE, author, { input: practiceInput("Fast", PARTNERS) })).contributePractice.id;
      const meanwhile = await drain(system, PRACTICES, reader, { after: start, settle: false });
      // (The slow practice's creation may come now: the feed may have held it back a moment ago.)
      expect(meanwhile.nodes.filter((n) => n.id === fast || n.version > 1)).toEqual([]);
      held = meanwhile.cursor;
      await c.query("commit");
    });
    const { nodes } = await drain(system, PRACTICES, reader, { after: held });
    expect(nodes.filter((n) => n.id === fast || n.version > 1).map((n) => [n.id, n.change, n.version])).toEqual([
      [slow.id, "UPDATED", 2],
      [fast, "CREATED", 1],
    ]);
  });

  it("tell exactly the partners who lost access to a tightened record ACCESS_REVOKED, with no content", async () => {
    const personas: [string, string | undefined][] = [["anonymous", undefined]];
    for (const p of ["GCR2P", "USA", "GBR", "DEU", "DNK", "BGD", "UN", "EU", "IND"]) personas.push([p, await system.token(p, "viewer")]);
    const author = await system.token("GCR2P", "analyst");
    const cursors = new Map<string, string>();
    for (const [name, token] of personas) cursors.set(name, (await drain(system, PRACTICES, token, { types: ["PRACTICE"] })).cursor);
    const { contributePractice: p } = await system.ok(CONTRIBUTE, author, { input: practiceInput("To be tightened", PARTNERS) });
    const before = new Map<string, boolean>();
    for (const [name, token] of personas)
      before.set(name, (await system.query(READ, { token, variables: { id: p.id } })).data?.practice !== null);
    await system.ok(MARK, author, { id: p.id, v: 1, sharing: { marking: "RESTRICTED", releasableTo: ["R2PFP"] } });
    let lost = 0;
    for (const [name, token] of personas) {
      const after = (await system.query(READ, { token, variables: { id: p.id } })).data?.practice !== null;
      const { nodes } = await drain(system, PRACTICES, token, { after: cursors.get(name), types: ["PRACTICE"] });
      const mine = nodes.filter((n) => n.id === p.id).map((n) => ({ change: n.change, record: n.record !== null }));
      const expected = [];
      if (before.get(name)) expected.push({ change: "CREATED", record: after });
      if (before.get(name) && !after) expected.push({ change: "ACCESS_REVOKED", record: false });
      if (after) expected.push({ change: "UPDATED", record: true });
      expect([name, mine]).toEqual([name, expected]);
      if (before.get(name) && !after) lost++;
    }
    // Civil society and governments outside R2PFP lost it; its members and the author kept it; anonymous never had it.
    expect(lost).toBeGreaterThanOrEqual(3);
    expect(before.get("anonymous")).toBe(false);
  });

  it("answer RESYNC_REQUIRED to a reader whose forum membership ended since its cursor", async () => {
    const reader = await system.token("IND", "viewer");
    const added = await system.ok<{ addForumMember: { id: string } }>(
      `mutation { addForumMember(forum: "R2PFP", partner: "IND", since: "2026-01-01") { id } }`,
      await system.token("DNK", "coordinator"),
      {},
    );
    await new Promise((r) => setTimeout(r, FRESHNESS_MS * 4));
    const { cursor } = await drain(system, PRACTICES, reader);
    expect((await readPage(system, PRACTICES, reader, { after: cursor })).error).toBeNull();
    await system.ok(`mutation($id: ID!) { endForumMembership(id: $id) { until } }`, await system.token("GHA", "coordinator"), {
      id: added.addForumMember.id,
    });
    let error = null;
    for (let i = 0; i < 50 && !error; i++) {
      await new Promise((r) => setTimeout(r, FRESHNESS_MS / 2));
      error = (await readPage(system, PRACTICES, reader, { after: cursor })).error;
    }
    expect(error?.code).toBe("RESYNC_REQUIRED");
    // Starting again without a cursor works.
    expect((await readPage(system, PRACTICES, reader, {})).error).toBeNull();
  });

  it("report a watchlist's entries as changes of the watchlist, and a draft only once published", async () => {
    const author = await system.token("USA", "analyst");
    const reader = await system.token("EU", "viewer");
    const start = new Map<string | undefined, string>();
    for (const token of [author, reader]) start.set(token, (await drain(system, RISK, token)).cursor);
    const w = (await system.ok<{ watchlist: { id: string; version: number } }>(`{ watchlist(partner: "USA") { id version } }`, reader, {}))
      .watchlist;
    await system.ok(
      `mutation($id: ID!, $v: Int!) { removeWatchlistEntry(watchlistId: $id, expectedVersion: $v, country: "MMR") { version } }`,
      author,
      {
        id: w.id,
        v: w.version,
      },
    );
    const input = {
      country: "BDI",
      periodStart: "2026-01-01",
      periodEnd: "2026-06-30",
      likelihood: "MODERATE",
      confidence: "MEDIUM",
      stage: "PREVENTION",
      summary: "[DEMO] feed test",
      marking: "PARTNERS",
      evidence: { marking: "GOVERNMENTS" },
      factorRatings: [{ factor: 8, level: "HIGH", rationale: "Elections ahead", findings: [] }],
    };
    const { createRiskAssessment: a } = await system.ok<{ createRiskAssessment: { id: string; version: number; status: string } }>(
      `mutation($input: AssessmentInput!) { createRiskAssessment(input: $input) { id version status } }`,
      author,
      { input },
    );
    expect(a.status).toBe("DRAFT");
    const draftSeen = async (token: string) =>
      (await drain(system, RISK, token, { after: start.get(token) })).nodes.filter((n) => n.id === a.id).map((n) => n.change);
    expect(await draftSeen(author)).toEqual(["CREATED"]);
    expect(await draftSeen(reader)).toEqual([]);
    await system.ok(`mutation($id: ID!) { publishRiskAssessment(id: $id, expectedVersion: 1) { version } }`, author, { id: a.id });
    for (const token of [author, reader]) {
      const { nodes } = await drain(system, RISK, token, { after: start.get(token) });
      const mine = nodes.filter((n) => n.id === a.id || n.id === w.id).map((n) => [n.recordType, n.change, n.version, n.record]);
      expect(mine).toEqual([
        ["WATCHLIST", "UPDATED", w.version + 1, { id: w.id, version: w.version + 1 }],
        ...(token === author ? [["RISK_ASSESSMENT", "CREATED", 1, { id: a.id, version: 2, status: "PUBLISHED" }]] : []),
        ["RISK_ASSESSMENT", "UPDATED", 2, { id: a.id, version: 2, status: "PUBLISHED" }],
      ]);
    }
  });

  it("report a RESTRICTED pledge and its steps to those it is released to only", async () => {
    const contributor = await system.token("BGD", "planner");
    const readers = { un: await system.token("UN", "viewer"), usa: await system.token("USA", "viewer") };
    const start = { un: (await drain(system, PLEDGES, readers.un)).cursor, usa: (await drain(system, PLEDGES, readers.usa)).cursor };
    const input = { mission: "UNMISS", capabilityType: "EOD_UNIT", quantity: 1, personnel: 40, womenPersonnel: 8, readiness: "LEVEL_1" };
    const { createPledge: p } = await system.ok<{ createPledge: { id: string; marking: string } }>(
      `mutation($input: PledgeInput!) { createPledge(input: $input) { id marking } }`,
      contributor,
      { input },
    );
    expect(p.marking).toBe("RESTRICTED");
    await system.ok(
      `mutation($id: ID!) { changePledgeStatus(id: $id, expectedVersion: 1, status: VERIFIED, note: "[DEMO] feed test") { version } }`,
      contributor,
      {
        id: p.id,
      },
    );
    const heard = async (who: "un" | "usa") =>
      (await drain(system, PLEDGES, readers[who], { after: start[who] })).nodes
        .filter((n) => n.id === p.id)
        .map((n) => [n.change, n.version, n.record]);
    const now = { id: p.id, version: 2, status: "VERIFIED" };
    expect(await heard("un")).toEqual([
      ["CREATED", 1, now],
      ["UPDATED", 2, now],
    ]);
    expect(await heard("usa")).toEqual([]);
  });

  it("report a deletion as DELETED to those who could read the record", async () => {
    const planner = await system.token("UN", "planner");
    const reader = await system.token("USA", "viewer");
    const { cursor } = await drain(system, REQUIREMENTS, reader, { types: ["CAPABILITY_REQUIREMENT"] });
    const created = await system.ok<{ createCapabilityRequirement: { id: string; version: number } }>(
      `mutation { createCapabilityRequirement(mission: "UNMISS", capabilityType: "EOD_UNIT", input: { quantity: 1, personnel: 40 }) { id version } }`,
      planner,
      {},
    );
    const id = created.createCapabilityRequirement.id;
    await system.ok(`mutation($id: ID!) { deleteCapabilityRequirement(id: $id, expectedVersion: 1) }`, planner, { id });
    for (const token of [reader, undefined]) {
      const { nodes } = await drain(system, REQUIREMENTS, token, { after: token ? cursor : undefined, types: ["CAPABILITY_REQUIREMENT"] });
      // The record is gone: the creation comes without it, then the deletion.
      expect(nodes.filter((n) => n.id === id).map((n) => [n.change, n.version, n.record])).toEqual([
        ["CREATED", 1, null],
        ["DELETED", 1, null],
      ]);
    }
  });

  it("refuse expired, forged, foreign and mistyped cursors, at the gateway and straight at the subgraph", async () => {
    const token = await system.token("DEU", "viewer");
    const { cursor } = await drain(system, PRACTICES, token);
    const [payload, signature] = cursor.split(".");
    const fields = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as unknown[];
    const sign = (values: unknown[], key = system.changeFeed.key) => {
      const p = Buffer.from(JSON.stringify(values)).toString("base64url");
      return `${p}.${createHmac("sha256", key).update(p).digest("base64url")}`;
    };
    const DAY = 86_400_000;
    const expired = sign([...fields.slice(0, 5), Date.now() - (system.changeFeed.retentionDays + 1) * DAY, fields[6]]);
    const tampered = `${Buffer.from(JSON.stringify([1, "1", "1", ...fields.slice(3)])).toString("base64url")}.${signature}`;
    const otherKey = sign(fields, "not the key of this deployment, at all!");
    const otherEpoch = sign([...fields.slice(0, 4), "another-database", Date.now(), fields[6]]);
    const otherReader = sign([...fields.slice(0, 3), "someone-else", ...fields.slice(4)]);
    const ahead = sign([1, "999999999999", "1", ...fields.slice(3, 5), Date.now(), fields[6]]);
    const engagements = system.subgraphs.engagements.url;
    for (const url of [undefined, engagements]) {
      expect((await readPage(system, PRACTICES, token, { after: cursor }, url)).error).toBeNull();
      for (const bad of [expired, tampered, otherKey, otherEpoch, otherReader, ahead, "garbage", `${payload}.`]) {
        const { page, error } = await readPage(system, PRACTICES, token, { after: bad }, url);
        expect([bad, error?.code, page]).toEqual([bad, "RESYNC_REQUIRED", null]);
      }
      // Another partner's cursor is someone else's access.
      const { error } = await readPage(system, PRACTICES, await system.token("USA", "viewer"), { after: cursor }, url);
      expect(error?.code).toBe("RESYNC_REQUIRED");
    }
    // The same cursor with other types, a page size out of bounds, an unknown type: BAD_USER_INPUT or a validation error.
    const typed = await system.query(PRACTICES, { token, variables: { after: cursor, types: ["ENGAGEMENT"] } });
    expect([typed.errors?.[0].extensions?.code, typed.errors?.[0].extensions?.field]).toEqual(["BAD_USER_INPUT", "types"]);
    for (const first of [0, 201]) {
      const res = await system.query(PRACTICES, { token, variables: { first } });
      expect([res.errors?.[0].extensions?.code, res.errors?.[0].extensions?.field]).toEqual(["BAD_USER_INPUT", "first"]);
    }
    const unknown = await system.query(PRACTICES, { token, variables: { types: ["PLEDGE"] } });
    expect(unknown.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("prune the entries older than the retention, which the subgraphs do at start and every hour", async () => {
    expect(system.logs().filter((l) => l.msg === "pruning the change feed failed")).toEqual([]);
    await system.ok(CONTRIBUTE, await system.token("GCR2P", "analyst"), { input: practiceInput("To be pruned", PARTNERS) });
    const [oldest] = await sql("select min(position)::text as position, count(*)::int as n from change_entry");
    await sql(`update change_entry set at = now() - interval '31 days' where position = ${Number(oldest.position)}`);
    await withEngagementsOrm(async (em) => {
      expect(await pruneChangeEntries(em(), 30)).toBe(1);
      expect(await pruneChangeEntries(em(), 30)).toBe(0);
    });
    const [after] = await sql(
      `select count(*)::int as n, count(*) filter (where position = ${Number(oldest.position)})::int as pruned from change_entry`,
    );
    expect(after).toEqual({ n: oldest.n - 1, pruned: 0 });
  });

  it("after a logical restore, rebase the entries below the server's transactions and renew the epoch, so readers resync", async () => {
    const token = await system.token("DEU", "viewer");
    const { cursor } = await drain(system, PRACTICES, token);
    // As a dump of a cluster that had run far more transactions leaves it: an entry beyond this server's next id.
    await sql(
      `insert into change_entry (xid, record_type, record_id, kind, version, marking, releasable_to, originator)
       values ('4000000000'::xid8, 'PRACTICE', gen_random_uuid()::text, 'UPDATED', 2, 'PARTNERS', '{}', 'GCR2P')`,
    );
    const [before] = await sql("select epoch::text as epoch from change_feed_epoch");
    await withEngagementsOrm(async (em) => {
      expect(await rebaseRestoredChangeEntries(em())).toBe(true);
      expect(await rebaseRestoredChangeEntries(em())).toBe(false);
    });
    const [after] = await sql(
      "select epoch::text as epoch, (select count(*)::int from change_entry where xid <> '3'::xid8) as unfrozen from change_feed_epoch",
    );
    expect(after.epoch).not.toBe(before.epoch);
    expect(after.unfrozen).toBe(0);
    const { error } = await readPage(system, PRACTICES, token, { after: cursor });
    expect(error?.code).toBe("RESYNC_REQUIRED");
    // Starting again from the beginning serves every entry, the restored ones included.
    const again = await drain(system, PRACTICES, token);
    expect(again.nodes.length).toBeGreaterThan(0);
  });
});
