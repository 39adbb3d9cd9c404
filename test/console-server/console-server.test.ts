import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { edgeFromEnv } from "@concert/system";
import { usePreparedTestSystem } from "@concert/system/testing";
import { chromium } from "playwright-core";
import { CHROMIUM, ensureChromium } from "../support/ide-browser";

/** The console's server side (issue 24) through the real gateway: files, sessions, CSRF, development sign-in, persisted documents. */

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const RULES = "query MyRules { alertRules { nodes { id } } }";
const MISSIONS = "query Missions { missions { acronym } }";
const PREVIOUS = "query PreviousRelease { riskFactors { number } }";
const INDEX_HTML =
  '<!doctype html><html><head><script type="module" src="/console/assets/app-1a2b.js"></script></head><body></body></html>';

let dist: string;
let origin: string;

const system = usePreparedTestSystem(
  async () => {
    // A built console as Vite and the client preset write it; the previous release's manifest beside it.
    dist = mkdtempSync(join(tmpdir(), "concert-console-"));
    mkdirSync(join(dist, "assets"));
    writeFileSync(join(dist, "index.html"), INDEX_HTML);
    writeFileSync(join(dist, "assets", "app-1a2b.js"), `console.log(${JSON.stringify("x".repeat(2000))});`);
    writeFileSync(join(dist, "persisted-documents.json"), JSON.stringify({ [sha256(RULES)]: RULES, [sha256(MISSIONS)]: MISSIONS }));
    writeFileSync(join(dist, "persisted-documents.previous.json"), JSON.stringify({ [sha256(PREVIOUS)]: PREVIOUS }));
    return [[], { console: { distDir: dist, devSignIn: true } }];
  },
  async () => rmSync(dist, { recursive: true, force: true }),
);

beforeAll(() => {
  origin = new URL(system.gatewayUrl).origin;
});

const url = (path: string, base = origin) => new URL(path, base).toString();

/** Development sign-in as `persona`; the cookie pair `name=value` the browser would send back. */
async function signIn(persona: string): Promise<string> {
  const res = await fetch(url("/auth/dev/sign-in"), {
    method: "POST",
    headers: { "content-type": "application/json", "x-concert-csrf": "1" },
    body: JSON.stringify({ persona }),
  });
  expect(res.status).toBe(204);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

/** A persisted request as the console sends it: the hash alone. */
function persisted(document: string, headers: Record<string, string> = {}, hash = sha256(document)) {
  return fetch(url("/graphql"), {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
  });
}

type Body = { data?: Record<string, unknown> | null; errors?: { message: string; extensions: { code: string; field?: string } }[] };
const codes = (body: Body) => body.errors?.map((e) => e.extensions.code);

describe("the console's files", () => {
  it("redirects / to /console/ and serves the app's files with the console's CSP", async () => {
    const root = await fetch(url("/"), { redirect: "manual" });
    expect(root.status).toBe(302);
    expect(root.headers.get("location")).toBe("/console/");
    const index = await fetch(url("/console/"));
    expect(index.status).toBe(200);
    expect(index.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(index.headers.get("content-security-policy")).toBe(
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
    );
    expect(await index.text()).toBe(INDEX_HTML);
    const script = await fetch(url("/console/assets/app-1a2b.js"), { headers: { "accept-encoding": "gzip" } });
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(script.headers.get("cache-control")).toContain("immutable");
    expect(await script.text()).toContain("xxxx");
  });

  it("falls back to index.html under /console/ only; a missing asset and the manifests are not served", async () => {
    const deep = await fetch(url("/console/country/CAF?tab=history"));
    expect(deep.status).toBe(200);
    expect(await deep.text()).toBe(INDEX_HTML);
    const missing = await fetch(url("/console/assets/gone-0000.js"));
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as Body).errors?.[0]?.extensions.code).toBe("NOT_FOUND");
    const manifest = await fetch(url("/console/persisted-documents.json"));
    expect(await manifest.text()).toBe(INDEX_HTML);
    const elsewhere = await fetch(url("/nowhere/country/CAF"), { headers: { accept: "text/html" } });
    expect(elsewhere.status).not.toBe(200);
    expect(elsewhere.headers.get("content-type")).toContain("application/json");
  });
});

describe("persisted documents", () => {
  it("serves a manifest document (this release's or the previous one's) by its hash alone on a fresh gateway", async () => {
    const res = await persisted(MISSIONS);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { missions: { acronym: string }[] } };
    expect(body.data.missions.map((m) => m.acronym)).toContain("MINUSCA");
    const previous = (await (await persisted(PREVIOUS)).json()) as { data: { riskFactors: unknown[] } };
    expect(previous.data.riskFactors).toHaveLength(14);
  });

  it("answers an unknown hash PERSISTED_QUERY_NOT_FOUND without any subgraph work", async () => {
    system.resetStatements();
    const res = await persisted("", {}, sha256("query Unknown { missions { id } }"));
    const body = (await res.json()) as Body;
    expect(codes(body)).toEqual(["PERSISTED_QUERY_NOT_FOUND"]);
    expect(system.statements()).toBe(0);
  });

  it("registers nothing a client sends with a hash: automatic persisted queries are off", async () => {
    const text = "query Registering { riskFactors { number } }";
    const token = await system.token("USA", "analyst");
    const sent = await fetch(url("/graphql"), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: text, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(text) } } }),
    });
    // A Bearer caller may send any query…
    expect(((await sent.json()) as { data: { riskFactors: unknown[] } }).data.riskFactors).toHaveLength(14);
    // …but its hash is not remembered.
    expect(codes((await (await persisted(text, { authorization: `Bearer ${token}` })).json()) as Body)).toEqual([
      "PERSISTED_QUERY_NOT_FOUND",
    ]);
  });
});

describe("console sessions", () => {
  it("signs in a demo persona: an HttpOnly SameSite=Lax cookie whose id is stored only as a hash, the token sealed", async () => {
    const res = await fetch(url("/auth/dev/sign-in"), {
      method: "POST",
      headers: { "content-type": "application/json", "x-concert-csrf": "1" },
      body: JSON.stringify({ persona: "usa-analyst" }),
    });
    expect(res.status).toBe(204);
    const setCookie = res.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^concert-session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    const id = setCookie.split(";")[0]!.split("=")[1]!;
    expect(await system.sessions!.storedRow(id.replace(/.$/, id.endsWith("A") ? "B" : "A"))).toBeNull();
    const row = (await system.sessions!.storedRow(id))!;
    expect(row.id_hash).toBe(sha256(id));
    expect(JSON.stringify(row)).not.toContain(id);
    expect(row.token).toMatch(/^v1\./);
    expect(String(row.token)).not.toContain("eyJ");

    const session = (await (await fetch(url("/auth/session"), { headers: { cookie: `concert-session=${id}` } })).json()) as Record<
      string,
      unknown
    >;
    expect(session).toEqual({
      signedIn: true,
      partner: "USA",
      partnerName: "United States of America",
      roles: ["analyst"],
      subject: "dev:usa-analyst",
      persona: "usa-analyst",
      expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(await (await fetch(url("/auth/session"))).json()).toEqual({ signedIn: false });
  });

  it("forwards the session's token to the subgraphs, which verify it as a Bearer caller's", async () => {
    const cookie = await signIn("eu-viewer");
    const anonymous = (await (await persisted(RULES)).json()) as Body;
    expect(codes(anonymous)).toEqual(["UNAUTHENTICATED"]);
    const signedIn = (await (await persisted(RULES, { cookie, "x-concert-csrf": "1" })).json()) as Body;
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data).toEqual({ alertRules: { nodes: [] } });
  });

  it("lets a session run only manifest documents", async () => {
    const cookie = await signIn("usa-analyst");
    const res = await system.query("{ missions { acronym } }", { headers: { cookie, "x-concert-csrf": "1" } });
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    // The same text that is in the manifest may be sent in full.
    const listed = await system.query(MISSIONS, { headers: { cookie, "x-concert-csrf": "1" } });
    expect(listed.errors).toBeUndefined();
  });

  it("needs the CSRF header or this origin's Origin on a cookie-authenticated POST, and refuses cookie plus Bearer", async () => {
    const cookie = await signIn("usa-analyst");
    const bare = await persisted(MISSIONS, { cookie });
    expect(bare.status).toBe(403);
    expect(codes((await bare.json()) as Body)).toEqual(["FORBIDDEN"]);
    expect((await persisted(MISSIONS, { cookie, origin: "http://evil.example" })).status).toBe(403);
    expect((await persisted(MISSIONS, { cookie, origin })).status).toBe(200);
    const token = await system.token("USA", "analyst");
    const both = await persisted(MISSIONS, { cookie, "x-concert-csrf": "1", authorization: `Bearer ${token}` });
    expect(both.status).toBe(400);
    expect(codes((await both.json()) as Body)).toEqual(["BAD_REQUEST"]);
    // Sign-in and sign-out are checked too.
    const signInBare = await fetch(url("/auth/dev/sign-in"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ persona: "usa-analyst" }),
    });
    expect(signInBare.status).toBe(403);
    expect((await fetch(url("/auth/sign-out"), { method: "POST", headers: { cookie } })).status).toBe(403);
  });

  it("ends the session at sign-out: the old cookie then gets 401 UNAUTHENTICATED", async () => {
    const cookie = await signIn("un-planner");
    const out = await fetch(url("/auth/sign-out"), { method: "POST", headers: { cookie, "x-concert-csrf": "1" } });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/^concert-session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);
    const after = await persisted(MISSIONS, { cookie, "x-concert-csrf": "1" });
    expect(after.status).toBe(401);
    expect(codes((await after.json()) as Body)).toEqual(["UNAUTHENTICATED"]);
    expect(await (await fetch(url("/auth/session"), { headers: { cookie } })).json()).toEqual({ signedIn: false });
  });

  it("answers an expired session 401 and prunes it", async () => {
    const store = system.sessions!;
    const token = await system.token("CAN", "analyst");
    const id = await store.create({
      subject: "test:expired",
      partner: "CAN",
      partnerName: "Canada",
      roles: ["analyst"],
      persona: null,
      token,
      expiresAt: new Date(Date.now() - 1000),
    });
    const res = await persisted(MISSIONS, { cookie: `concert-session=${id}`, "x-concert-csrf": "1" });
    expect(res.status).toBe(401);
    expect(codes((await res.json()) as Body)).toEqual(["UNAUTHENTICATED"]);
    expect(await store.storedRow(id)).not.toBeNull();
    expect(await store.prune()).toBeGreaterThanOrEqual(1);
    expect(await store.storedRow(id)).toBeNull();
  });
});

describe("development sign-in", () => {
  it("lists the demo personas and opens sessions for them only, never for an operator's admin", async () => {
    const list = (await (await fetch(url("/auth/personas"))).json()) as { personas: { id: string; partner: string; roles: string[] }[] };
    expect(list.personas.map((p) => [p.id, p.partner, p.roles])).toEqual([
      ["usa-analyst", "USA", ["analyst"]],
      ["eu-viewer", "EU", ["viewer"]],
      ["un-planner", "UN", ["planner"]],
      ["can-slf", "CAN", ["analyst"]],
      ["gcr2p-analyst", "GCR2P", ["analyst"]],
    ]);
    for (const persona of ["ops-admin", "OPS", { partner: "OPS", roles: ["admin"] }]) {
      const res = await fetch(url("/auth/dev/sign-in"), {
        method: "POST",
        headers: { "content-type": "application/json", "x-concert-csrf": "1" },
        body: JSON.stringify({ persona }),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as Body).errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field: "persona" });
    }
  });

  it("gives the IDE a Bearer token for a persona", async () => {
    const res = await fetch(url("/auth/dev/token"), {
      method: "POST",
      headers: { "content-type": "application/json", "x-concert-csrf": "1" },
      body: JSON.stringify({ persona: "gcr2p-analyst" }),
    });
    const { token } = (await res.json()) as { token: string };
    const rules = await system.query("{ alertRules { nodes { id } } }", { token });
    expect(rules.errors).toBeUndefined();
  });

  it('fills in the IDE\'s Bearer header from its "sign in as" menu, in Chromium', async () => {
    ensureChromium();
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      page.setDefaultTimeout(30_000);
      const sent: (string | null)[] = [];
      page.on("request", (request) => {
        if (request.method() === "POST" && request.url().endsWith("/graphql") && request.postData()?.includes("MyRules"))
          sent.push(request.headers().authorization ?? null);
      });
      await page.goto(url("/graphql"), { waitUntil: "load" });
      const menu = page.getByLabel("Sign in as a demo persona");
      await menu.waitFor({ state: "visible" });
      await menu.selectOption("eu-viewer");
      const headers = page.locator('section[aria-label="Headers"] .graphiql-editor:not(.hidden) .CodeMirror');
      await page.locator('section[aria-label="Headers"]', { hasText: "Bearer ey" }).waitFor({ state: "attached" });
      await headers.waitFor({ state: "visible" });
      await page.locator('section[aria-label="Query Editor"] .CodeMirror').click();
      await page.keyboard.press("Control+A");
      await page.keyboard.press("Backspace");
      await page.keyboard.insertText(RULES);
      await page.waitForTimeout(1000);
      await page.locator(".graphiql-execute-button").click();
      await page.locator('section[aria-label="Result Window"]', { hasText: '"nodes": []' }).waitFor({ state: "visible" });
      expect(sent.at(-1)).toMatch(/^Bearer ey/);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it("is 404 for a client beyond loopback: another interface, or a request a proxy forwarded", async () => {
    const forwarded = await fetch(url("/auth/personas"), { headers: { "x-forwarded-for": "203.0.113.9" } });
    expect(forwarded.status).toBe(404);
    const viaProxy = await fetch(url("/auth/dev/token"), {
      method: "POST",
      headers: { "content-type": "application/json", "x-concert-csrf": "1", "x-forwarded-for": "203.0.113.9" },
      body: JSON.stringify({ persona: "usa-analyst" }),
    });
    expect(viaProxy.status).toBe(404);
    // The machine's own non-loopback address, when it has one (the gateway listens on every interface in tests).
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === "IPv4" && !i.internal);
    if (!external) return;
    const port = new URL(system.gatewayUrl).port;
    const remote = await fetch(`http://${external.address}:${port}/auth/personas`);
    expect(remote.status).toBe(404);
    const remoteSignIn = await fetch(`http://${external.address}:${port}/auth/dev/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-concert-csrf": "1" },
      body: JSON.stringify({ persona: "usa-analyst" }),
    });
    expect(remoteSignIn.status).toBe(404);
  });
});

describe("CSV downloads", () => {
  it("serves the exchange's CSV files to a console session, as that persona's GraphQL would answer", async () => {
    const cookie = await signIn("un-planner");
    const res = await fetch(url("/downloads/csv/missions/MINUSCA/gaps"), { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="concert-mission-gaps\.csv"/);
    const body = await res.text();
    const lines = body
      .replace(/^\uFEFF/, "")
      .split("\r\n")
      .filter(Boolean);
    expect(lines[1]).toContain("#indicator+units+gap+num");
    const token = await system.token("UN", "planner");
    const api = await system.query<{ mission: { gaps: { capabilityType: { code: string }; gap: number }[] } }>(
      `{ mission(acronym: "MINUSCA") { gaps { capabilityType { code } gap } } }`,
      { token },
    );
    expect(api.errors).toBeUndefined();
    const gaps = api.data!.mission.gaps;
    expect(lines.length - 2).toBe(gaps.length);
    for (const g of gaps) expect(lines.some((l) => l.includes(`,${g.capabilityType.code},`))).toBe(true);
    const watchlist = await fetch(url("/downloads/csv/shared-watchlist"), { headers: { cookie } });
    expect(watchlist.status).toBe(200);
    // UTF-8 with a byte-order mark (fetch's text() would drop it).
    expect([...new Uint8Array(await watchlist.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("refuses anonymous visitors, cookie plus Bearer, other methods, an ended session and unknown files", async () => {
    const anonymous = await fetch(url("/downloads/csv/shared-watchlist"));
    expect(anonymous.status).toBe(401);
    expect(codes((await anonymous.json()) as Body)).toEqual(["UNAUTHENTICATED"]);
    const cookie = await signIn("usa-analyst");
    const token = await system.token("USA", "analyst");
    const both = await fetch(url("/downloads/csv/shared-watchlist"), { headers: { cookie, authorization: `Bearer ${token}` } });
    expect(both.status).toBe(400);
    expect(
      (await fetch(url("/downloads/csv/shared-watchlist"), { method: "POST", headers: { cookie, "x-concert-csrf": "1" } })).status,
    ).toBe(405);
    const unknown = await fetch(url("/downloads/csv/missions/NOPE/gaps"), { headers: { cookie } });
    expect(unknown.status).toBe(404);
    expect(codes((await unknown.json()) as Body)).toEqual(["NOT_FOUND"]);
    expect((await fetch(url("/downloads/csv/nothing"), { headers: { cookie } })).status).toBe(404);
    // A Bearer caller (a script) may download too.
    expect((await fetch(url("/downloads/csv/shared-watchlist"), { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    await fetch(url("/auth/sign-out"), { method: "POST", headers: { cookie, "x-concert-csrf": "1" } });
    expect((await fetch(url("/downloads/csv/shared-watchlist"), { headers: { cookie } })).status).toBe(401);
  });
});

describe("a rebuilt console", () => {
  it("is served without a restart; the documents of the build it replaced keep working", async () => {
    const NEXT = "query NextBuild { missions { name } }";
    writeFileSync(join(dist, "assets", "app-3c4d.js"), "console.log('next');");
    writeFileSync(join(dist, "index.html"), INDEX_HTML.replace("app-1a2b", "app-3c4d"));
    writeFileSync(join(dist, "persisted-documents.json"), JSON.stringify({ [sha256(NEXT)]: NEXT, [sha256(MISSIONS)]: MISSIONS }));
    // The gateway looks at the files at most once a second.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await (await fetch(url("/console/"))).text()).toContain("app-3c4d.js");
    expect((await fetch(url("/console/assets/app-3c4d.js"))).status).toBe(200);
    // The page loaded before the rebuild still gets its script and its documents.
    expect((await fetch(url("/console/assets/app-1a2b.js"))).status).toBe(200);
    for (const document of [NEXT, RULES, PREVIOUS]) {
      const res = await persisted(document);
      expect(codes((await res.json()) as Body) ?? []).not.toContain("PERSISTED_QUERY_NOT_FOUND");
    }
  });
});

describe("in production", () => {
  const edge = edgeFromEnv({}, false);
  // Prepared: the console's files are made in the file's beforeAll, which runs first.
  const production = usePreparedTestSystem(async () => [
    [],
    {
      development: false,
      console: { distDir: dist },
      edge: { rateLimit: { ...edge.rateLimit, anonymousRequests: 12, windowSeconds: 60 } },
    },
  ]);

  it("has no development sign-in, and names its cookie __Host-", async () => {
    const base = production.gatewayUrl;
    expect((await fetch(url("/auth/personas", base))).status).toBe(404);
    for (const path of ["/auth/dev/sign-in", "/auth/dev/token"]) {
      const res = await fetch(url(path, base), {
        method: "POST",
        headers: { "content-type": "application/json", "x-concert-csrf": "1" },
        body: JSON.stringify({ persona: "usa-analyst" }),
      });
      expect(res.status).toBe(404);
    }
    const id = await production.sessions!.create({
      subject: "test:someone",
      partner: "USA",
      partnerName: "United States of America",
      roles: ["analyst"],
      persona: null,
      token: await production.token("USA", "analyst"),
      expiresAt: new Date(Date.now() + 60_000),
    });
    const signedIn = (await (await fetch(url("/auth/session", base), { headers: { cookie: `__Host-concert-session=${id}` } })).json()) as {
      signedIn: boolean;
    };
    expect(signedIn.signedIn).toBe(true);
    // The development name means nothing in production.
    expect(await (await fetch(url("/auth/session", base), { headers: { cookie: `concert-session=${id}` } })).json()).toEqual({
      signedIn: false,
    });
  });

  it("counts the sign-in and session routes against the client's rate limit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) statuses.push((await fetch(url("/auth/session", production.gatewayUrl))).status);
    expect(statuses).toContain(429);
    const refused = await fetch(url("/auth/providers", production.gatewayUrl));
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as Body).errors?.[0]?.extensions.code).toBe("RATE_LIMITED");
  });
});
