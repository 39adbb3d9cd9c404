import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TrustedIssuer } from "@concert/auth";
import { freePort } from "@concert/db";
import { DEFAULT_AUTHORITY } from "@concert/system";
import { usePreparedTestSystem } from "@concert/system/testing";
import { exportJWK, generateKeyPair } from "jose";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { CHROMIUM, ensureChromium } from "../support/ide-browser";
import { createTestIssuer, type TestIssuer } from "../support/test-issuers";

/**
 * Sign-in through OpenID Connect (issue 25): two real providers (oidc-provider, as child processes), one per partner,
 * served over https with a certificate made here by a certificate authority made here, which the gateway is told to
 * trust (`signIn.caFile`), as an operator does for an organisation's own CA. The gateway runs in production mode
 * (no development issuer, `__Host-` Secure cookies, https-only providers); the whole flow runs in Chromium.
 */

const AUDIENCE = "urn:concert:api";
const SECRET = "a-client-secret-for-the-tests";
const ACCESS_TOKEN_TTL = 75;
const FRESHNESS_MS = 300;
const SESSION_COOKIE = "__Host-concert-session";
const FLOW_COOKIE = "__Host-concert-sign-in";

interface TestProvider {
  issuer: string;
  process: ChildProcess;
}

/** A certificate authority and, signed by it, a certificate for 127.0.0.1 (openssl, as an operator would). */
function makeCertificates(dir: string): { ca: string; key: string; cert: string } {
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
  openssl(
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-nodes",
    "-keyout",
    file("ca.key"),
    "-out",
    file("ca.pem"),
    "-days",
    "2",
    "-subj",
    "/CN=Concert test CA",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign",
  );
  openssl(
    "req",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-nodes",
    "-keyout",
    file("server.key"),
    "-out",
    file("server.csr"),
    "-subj",
    "/CN=127.0.0.1",
  );
  writeFileSync(file("server.ext"), "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
  openssl(
    "x509",
    "-req",
    "-in",
    file("server.csr"),
    "-CA",
    file("ca.pem"),
    "-CAkey",
    file("ca.key"),
    "-CAcreateserial",
    "-out",
    file("server.pem"),
    "-days",
    "2",
    "-extfile",
    file("server.ext"),
  );
  return { ca: file("ca.pem"), key: file("server.key"), cert: file("server.pem") };
}

/** The provider's signing key: the private JWK for the provider, and its public key set in a file for Concert. */
async function signingKey(dir: string, id: string): Promise<{ jwks: { keys: object[] }; jwksFile: string }> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = `${id}-rs256`;
  const jwksFile = join(dir, `${id}-jwks.json`);
  writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" }] }));
  return { jwks: { keys: [{ ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" }] }, jwksFile };
}

async function startProvider(
  port: number,
  gatewayOrigin: string,
  id: string,
  users: Record<string, { groups: string[]; org?: string }>,
  tls: { key: string; cert: string },
  jwks: { keys: object[] },
) {
  const child = spawn(process.execPath, [join(__dirname, "..", "support", "oidc-provider.mjs")], {
    env: {
      ...process.env,
      NODE_ENV: "development",
      OIDC_TEST_PROVIDER: JSON.stringify({
        port,
        clientId: "concert",
        clientSecret: SECRET,
        redirectUris: [`${gatewayOrigin}/auth/oidc/${id}/callback`],
        postLogoutRedirectUris: [`${gatewayOrigin}/console/`],
        audience: AUDIENCE,
        accessTokenTtl: ACCESS_TOKEN_TTL,
        users,
        tls,
        jwks,
      }),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const issuer = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /ready (\S+)/.exec(out);
      if (ready) resolve(ready[1]!);
    });
    child.once("exit", (code) => reject(new Error(`provider exited with ${code}`)));
  });
  return { issuer, process: child } satisfies TestProvider;
}

function issuerEntry(port: number, id: string, partner: string, displayName: string, jwksFile: string, caFile: string): TrustedIssuer {
  const issuer = `https://127.0.0.1:${port}`;
  return {
    issuer,
    audience: AUDIENCE,
    jwksFile,
    partners: [partner],
    algorithms: ["RS256"],
    partnerClaim: "org",
    groupsClaim: "groups",
    roleMapping: { "concert-analysts": ["analyst"], "concert-viewers": ["viewer"] },
    signIn: {
      id,
      displayName,
      discoveryUrl: `${issuer}/.well-known/openid-configuration`,
      clientId: "concert",
      clientSecretEnv: "UNUSED_IN_TESTS",
      scopes: ["openid", "offline_access", "groups"],
      caFile,
    },
  };
}

let providers: TestProvider[] = [];
let browser: Browser;
let origin: string;
let dir: string;
let gatewayPort: number;
/** USA's administrators' own issuer: production mode trusts no development issuer, so the revocation is made with it. */
let usaAdmins: TestIssuer;

/** The providers, then the system that trusts them; both stopped after the file, the providers waited for. */
const system = usePreparedTestSystem(
  async () => {
    dir = mkdtempSync(join(tmpdir(), "concert-oidc-"));
    const tls = makeCertificates(dir);
    const [usaPort, euPort] = [await freePort(), await freePort()];
    gatewayPort = await freePort();
    origin = `http://127.0.0.1:${gatewayPort}`;
    const [usaKey, euKey] = [await signingKey(dir, "usa"), await signingKey(dir, "eu")];
    const issuers = [
      issuerEntry(usaPort, "usa", "USA", "United States", usaKey.jwksFile, tls.ca),
      issuerEntry(euPort, "eu", "EU", "European Union", euKey.jwksFile, tls.ca),
    ];
    const ca = readFileSync(tls.ca, "utf8");
    usaAdmins = await createTestIssuer("urn:concert:oidc-test:usa-admins", ["USA"]);
    providers = [
      await startProvider(
        usaPort,
        origin,
        "usa",
        { alice: { groups: ["concert-analysts"] }, nobody: { groups: ["staff"] } },
        tls,
        usaKey.jwks,
      ),
      await startProvider(
        euPort,
        origin,
        "eu",
        { eve: { groups: ["concert-viewers"] }, mallory: { groups: ["concert-viewers"], org: "USA" } },
        tls,
        euKey.jwks,
      ),
    ];
    return [
      [...issuers, usaAdmins.config],
      {
        development: false,
        gatewayPort,
        authority: { ...DEFAULT_AUTHORITY, directory: { freshnessMs: FRESHNESS_MS, outageMs: 60_000 } },
        console: {
          signIn: issuers.map((i) => ({ settings: i.signIn!, audience: AUDIENCE, clientSecret: SECRET, ca })),
          // What CONCERT_PUBLIC_URL gives in production: the redirect URIs' origin. The browser treats loopback as secure.
          publicOrigin: origin,
        },
      },
    ];
  },
  async () => {
    // Waited for: a provider still running when the file ends would keep jest's worker from exiting.
    const stopped = providers.map(
      (p) => new Promise((r) => (p.process.exitCode !== null || p.process.signalCode !== null ? r(null) : p.process.once("exit", r))),
    );
    for (const p of providers) p.process.kill("SIGTERM");
    await Promise.all(stopped);
    if (dir) rmSync(dir, { recursive: true, force: true });
  },
);

beforeAll(async () => {
  ensureChromium();
  // The gateway listens on every interface; the browser reaches it on 127.0.0.1, the same site as the other port below.
  expect(new URL(system.gatewayUrl).port).toBe(String(gatewayPort));
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/**
 * A browser context. The browser is not told about the test's certificate authority (Chromium keeps its own store):
 * it accepts the providers' certificate here; what is under test is the gateway's trust, which is configured.
 */
const newContext = (): Promise<BrowserContext> => browser.newContext({ ignoreHTTPSErrors: true });

/** Signs `login` in through provider `id` in a fresh browser context; returns the page where the flow ended. */
async function signIn(id: string, login: string, next = "/console/map"): Promise<Page> {
  const context = await newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${origin}/auth/oidc/${id}/start?next=${encodeURIComponent(next)}`);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.origin === origin && url.pathname.startsWith("/console/"));
  return page;
}

const session = (page: Page) => page.evaluate(() => fetch("/auth/session").then((r) => r.json())) as Promise<Record<string, unknown>>;

it("lists the configured organisations for the sign-in page", async () => {
  const res = await fetch(`${origin}/auth/providers`);
  expect(await res.json()).toEqual({
    providers: [
      { id: "usa", name: "United States" },
      { id: "eu", name: "European Union" },
    ],
  });
});

it("trusts the providers' certificate authority only where signIn.caFile names it, not process-wide", async () => {
  // The gateway runs in this process: were TLS checks off, or the test CA trusted globally, this would succeed.
  const error = await fetch(`${providers[0]!.issuer}/.well-known/openid-configuration`).then(
    () => null,
    (e: Error & { cause?: { code?: string } }) => e.cause?.code,
  );
  expect(error).toBe("UNABLE_TO_VERIFY_LEAF_SIGNATURE");
  // ... while the gateway, told of the CA, reaches the provider: its start leads the browser there.
  const start = await fetch(`${origin}/auth/oidc/usa/start`, { redirect: "manual" });
  expect({ status: start.status, to: new URL(start.headers.get("location")!).origin }).toEqual({
    status: 302,
    to: new URL(providers[0]!.issuer).origin,
  });
});

it("signs a person in through their organisation's provider, as their partner with their mapped roles, and no token reaches the page", async () => {
  const page = await signIn("usa", "alice");
  expect(new URL(page.url()).pathname).toBe("/console/map");
  expect(await session(page)).toMatchObject({ signedIn: true, partner: "USA", roles: ["analyst"], subject: "alice", persona: null });
  // What the page's own scripts can reach (evaluated in the page, hence written as its source).
  const seen = await page.evaluate<{ cookie: string; storage: string }>(
    "({ cookie: document.cookie, storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) })",
  );
  expect(seen.cookie).toBe("");
  expect(seen.storage).not.toContain("eyJ");
  const body = await page.evaluate(() =>
    fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", "x-concert-csrf": "1" },
      body: JSON.stringify({ query: "{ missions { acronym } }" }),
    }).then((r) => r.text()),
  );
  // A session may run only the console's documents; what matters here is that no token comes back.
  expect(body).not.toContain("eyJ");
  await page.context().close();

  const eu = await signIn("eu", "eve");
  expect(await session(eu)).toMatchObject({ signedIn: true, partner: "EU", roles: ["viewer"] });
  await eu.context().close();
}, 60_000);

it("refuses the EU provider's user who claims USA, and a user with no mapped group", async () => {
  const mallory = await signIn("eu", "mallory");
  expect(new URL(mallory.url()).pathname).toBe("/console/sign-in");
  expect(new URL(mallory.url()).searchParams.get("error")).toBe("token-refused");
  expect(await session(mallory)).toEqual({ signedIn: false });
  await mallory.context().close();
  const nobody = await signIn("usa", "nobody");
  expect(new URL(nobody.url()).searchParams.get("error")).toBe("no-role");
  expect(await session(nobody)).toEqual({ signedIn: false });
  await nobody.context().close();
  expectRefusalsLogged("token-refused");
}, 60_000);

/** A refused sign-in is expected: the gateway logs a warning with its reason, never an internal error. */
function expectRefusalsLogged(reason: string): void {
  const lines = system.logs().filter((l) => l.service === "gateway");
  const refusals = lines.filter((l) => l.msg === "console sign-in refused" && l.reason === reason);
  expect(refusals.length).toBeGreaterThan(0);
  for (const line of refusals) {
    expect(line.level).toBe("warn");
    expect(String(line.detail).length).toBeLessThanOrEqual(200);
  }
  expect(lines.filter((l) => l.level === "error" || l.msg === "internal error")).toEqual([]);
}

it("refuses a tampered state and a replayed code", async () => {
  // The browser's way back from the provider is held, to be sent from here: tampered, as is, then once more.
  const context = await newContext();
  const page = await context.newPage();
  let callback: string | undefined;
  let flowCookie: string | undefined;
  // Redirects are not routed: the login form's answer is followed here, hop by hop, with the context's cookies.
  await page.route("**/interaction/**", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    let response = await route.fetch({ maxRedirects: 0 });
    for (let hop = 0; hop < 5 && response.status() >= 300 && response.status() < 400; hop++) {
      const location = new URL(response.headers().location!, response.url()).href;
      if (location.includes("/auth/oidc/usa/callback")) {
        callback = location;
        flowCookie = (await context.cookies()).find((c) => c.name === FLOW_COOKIE)?.value;
        return route.fulfill({ status: 200, contentType: "text/plain", body: "held" });
      }
      response = await context.request.get(location, { maxRedirects: 0 });
    }
    return route.fulfill({ response });
  });
  await page.goto(`${origin}/auth/oidc/usa/start?next=/console/`);
  await page.locator('input[name="login"]').fill("alice");
  await page.locator('input[name="password"]').fill("x");
  await page.locator('button[type="submit"]').click();
  for (let waited = 0; callback === undefined && waited < 20_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(callback).toBeDefined();
  await context.close();
  const send = (url: string) => fetch(url, { headers: { cookie: `${FLOW_COOKIE}=${flowCookie}` }, redirect: "manual" });
  const outcome = (res: Response) => ({
    status: res.status,
    error: new URL(res.headers.get("location")!, origin).searchParams.get("error"),
    session: new RegExp(`${SESSION_COOKIE}=[^;]`).test(res.headers.get("set-cookie") ?? ""),
  });

  const tampered = new URL(callback!);
  tampered.searchParams.set("state", `${tampered.searchParams.get("state")}x`);
  expect(outcome(await send(tampered.href))).toEqual({ status: 303, error: "refused", session: false });
  expect(outcome(await send(callback!))).toEqual({ status: 303, error: null, session: true });
  expect(outcome(await send(callback!))).toEqual({ status: 303, error: "refused", session: false });
  expectRefusalsLogged("refused");
}, 60_000);

it("refreshes the access token before it expires, and sign-out ends the session with the provider's logout", async () => {
  const page = await signIn("usa", "alice");
  const id = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE)!.value;
  const before = (await system.sessions!.storedRow(id))!;
  // The token lives 75 s; within the last 60 s the next request refreshes it.
  await new Promise((resolve) => setTimeout(resolve, 16_000));
  const res = await page.evaluate(() =>
    fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", "x-concert-csrf": "1" },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } }),
    }).then((r) => r.status),
  );
  expect(res).toBe(200);
  const after = (await system.sessions!.storedRow(id))!;
  expect(after.token).not.toBe(before.token);
  expect(new Date(String(after.token_expires_at)).getTime()).toBeGreaterThan(new Date(String(before.token_expires_at)).getTime());

  const out = (await page.evaluate(() =>
    fetch("/auth/sign-out", { method: "POST", headers: { "x-concert-csrf": "1" } }).then((r) => r.json()),
  )) as { logoutUrl: string };
  expect(out.logoutUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/session\/end\?/);
  expect(await session(page)).toEqual({ signedIn: false });
  expect(await system.sessions!.storedRow(id)).toBeNull();
  await page.context().close();
}, 90_000);

it("does nothing for a cross-origin request carrying the cookie (same site, another port)", async () => {
  const page = await signIn("usa", "alice");
  const other: Server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<!doctype html><title>elsewhere</title>");
  });
  await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
  try {
    const elsewhere = await page.context().newPage();
    await elsewhere.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
    // A simple request (no preflight): the browser sends the cookie, since the site is the same.
    await elsewhere.evaluate(
      (target) => fetch(`${target}/auth/sign-out`, { method: "POST", mode: "no-cors", credentials: "include" }).catch(() => undefined),
      origin,
    );
    expect(await session(page)).toMatchObject({ signedIn: true, partner: "USA" });
  } finally {
    other.close();
    await page.context().close();
  }
}, 60_000);

it("ends the session of a person revoked in the registry, within the freshness bound", async () => {
  const page = await signIn("usa", "alice");
  const id = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE)!.value;
  const status = () =>
    page.evaluate(() =>
      fetch("/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", "x-concert-csrf": "1" },
        body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } }),
      }).then((r) => r.status),
    );
  expect(await status()).toBe(200);
  const revoke = await system.query('mutation { revokeSubject(partner: "USA", subject: "alice") { revokedAt } }', {
    token: await usaAdmins.sign({ roles: ["admin"], sub: "usa-admin" }),
  });
  expect(revoke.errors).toBeUndefined();
  await new Promise((resolve) => setTimeout(resolve, FRESHNESS_MS * 2 + 100));
  expect(await status()).toBe(401);
  expect(await system.sessions!.storedRow(id)).toBeNull();
  // Signing in again afterwards is a new session, which the revocation does not touch.
  const again = await signIn("usa", "alice");
  expect(await session(again)).toMatchObject({ signedIn: true, partner: "USA" });
  await again.context().close();
  await page.context().close();
}, 60_000);
