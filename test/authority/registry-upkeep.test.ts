import { DEFAULT_AUTHORITY } from "@concert/system";
import { useTestSystem } from "@concert/system/testing";
import { sleep, sql } from "./support";

/**
 * The registry keeps what can still matter (issue 23, item 10): revocations older than the longest token lifetime
 * allowed are pruned, and a partner's `updatedAt` moves with its forum memberships so that `updatedSince` sees them.
 */

const MAX_LIFETIME_SECONDS = 3_600;

const system = useTestSystem([], {
  authority: { ...DEFAULT_AUTHORITY, maxTokenLifetimeSeconds: MAX_LIFETIME_SECONDS, directory: { freshnessMs: 300, outageMs: 5_000 } },
});

describe("revocations", () => {
  const REVOKE = `mutation($p: ID!, $s: String!) { revokeSubject(partner: $p, subject: $s) { subjectDigest revokedAt } }`;
  const published = async () =>
    (
      await system.query<{ tokenRevocations: { subjectDigest: string }[] }>("{ tokenRevocations { subjectDigest } }", {
        url: system.subgraphs.engagements.url,
      })
    ).data!.tokenRevocations.map((r) => r.subjectDigest);
  const stored = async () =>
    (await sql<{ subject: string }>(system, "engagements", "select subject from token_revocation")).map((r) => r.subject);

  it("are pruned once older than the longest token lifetime allowed, and kept until then", async () => {
    const admin = await system.token("OPS", "admin");
    const digests: Record<string, string> = {};
    for (const subject of ["test:USA:expired", "test:USA:lasting", "test:USA:fresh"]) {
      digests[subject] = (await system.ok(REVOKE, admin, { p: "USA", s: subject })).revokeSubject.subjectDigest;
    }
    // Made long ago, as far as the registry knows: one past the lifetime (plus the clock tolerance), one within it.
    const backdate = (subject: string, seconds: number) =>
      sql(system, "engagements", `update token_revocation set revoked_at = now() - make_interval(secs => $2) where subject = $1`, [
        subject,
        seconds,
      ]);
    await backdate("test:USA:expired", MAX_LIFETIME_SECONDS + 120);
    await backdate("test:USA:lasting", MAX_LIFETIME_SECONDS - 600);
    for (const until = Date.now() + 15_000; (await stored()).includes("test:USA:expired"); ) {
      if (Date.now() > until) throw new Error("the expired revocation was never pruned");
      await sleep(200);
    }
    expect((await stored()).sort()).toEqual(["test:USA:fresh", "test:USA:lasting"]);
    const now = await published();
    expect(now).not.toContain(digests["test:USA:expired"]);
    expect(now).toEqual(expect.arrayContaining([digests["test:USA:lasting"], digests["test:USA:fresh"]]));
    // Still pruned later on, and the others still kept: the table never grows past one lifetime's revocations.
    await sleep(1_000);
    expect((await stored()).sort()).toEqual(["test:USA:fresh", "test:USA:lasting"]);
  });

  it("still refuse the tokens they were made for while kept", async () => {
    const token = await system.token("CAN", "planner");
    await system.ok(REVOKE, await system.token("OPS", "admin"), { p: "CAN", s: "test:CAN:planner" });
    await sleep(800);
    const res = await system.query("{ __typename }", { token });
    expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("a partner's updatedAt", () => {
  const ADD = `mutation($forum: ID!, $partner: ID!) { addForumMember(forum: $forum, partner: $partner) { id } }`;
  const END = `mutation($id: ID!) { endForumMembership(id: $id) { until } }`;
  const entry = async (code: string) => (await system.ok(`{ partner(code: "${code}") { updatedAt version groups } }`)).partner;
  const changedSince = async (since: string) =>
    (await system.ok(`query($since: DateTimeISO!) { partners(updatedSince: $since) { code } }`, undefined, { since })).partners.map(
      (p: { code: string }) => p.code,
    );

  it("moves when its forum memberships change, and so does its version", async () => {
    const before = await entry("KOR");
    expect(before.groups).toEqual([]);
    await sleep(20);
    const beforeAdding = new Date().toISOString();
    expect(await changedSince(beforeAdding)).not.toContain("KOR");
    const admin = await system.token("OPS", "admin");
    const added = (await system.ok(ADD, admin, { forum: "R2PFP", partner: "KOR" })).addForumMember;
    const joined = await entry("KOR");
    expect(joined.groups).toEqual(["R2PFP"]);
    expect(joined.updatedAt > before.updatedAt).toBe(true);
    expect(joined.updatedAt >= beforeAdding).toBe(true);
    // Its groups are part of the entry: a write naming the version read before is refused (CONFLICT).
    expect(joined.version).toBe(before.version + 1);
    // A mirror polling partners(updatedSince:) sees the change, and only this partner's.
    expect(await changedSince(beforeAdding)).toEqual(["KOR"]);

    await sleep(20);
    const beforeEnding = new Date().toISOString();
    await system.ok(END, admin, { id: added.id });
    const left = await entry("KOR");
    expect(left.groups).toEqual([]);
    expect(left.updatedAt >= beforeEnding).toBe(true);
    expect(left.version).toBe(before.version + 2);
    expect(await changedSince(beforeEnding)).toEqual(["KOR"]);
  });
});
