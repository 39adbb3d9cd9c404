import { connect, type Socket } from "node:net";
import { ApolloServer } from "@apollo/server";
import { DISCARD_LIMIT_BYTES, type RunningHttpFront, serveGraphQL } from "./http.js";

const TIMEOUTS = { requestTimeoutMs: 2_000, headersTimeoutMs: 1_000, keepAliveTimeoutMs: 500 };
/** Node checks the request and headers timeouts once a second. */
const CHECK_SLACK_MS = 2_500;

let front: RunningHttpFront;
let port: number;

beforeAll(async () => {
  const server = new ApolloServer({ typeDefs: "type Query { ok: Boolean }", resolvers: { Query: { ok: () => true } } });
  front = await serveGraphQL(server, {
    name: "test",
    port: 0,
    host: "127.0.0.1",
    bodyLimitBytes: 1024,
    headers: { production: false, corsOrigins: "*" },
    timeouts: TIMEOUTS,
    health: {
      live: () => ({ status: 200, body: { status: "ok" } }),
      ready: async () => ({ status: 503, body: { status: "unavailable" } }),
    },
    routes: [
      (req, res) => req.url === "/sync" && Boolean(res.end("sync")),
      async (req, res) => {
        if (!req.url?.startsWith("/async/")) return false;
        await new Promise((resolve) => setTimeout(resolve, 5));
        res.end("async");
        return true;
      },
    ],
    context: async () => ({}),
  });
  port = Number(new URL(front.url).port);
});

afterAll(() => front?.stop());

/** Opens a connection, writes `text`, and resolves with how long the server kept it open and what it answered. */
function holdOpen(text: string): Promise<{ ms: number; answer: string }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket: Socket = connect(port, "127.0.0.1", () => socket.write(text));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString()));
    socket.on("close", () => resolve({ ms: Date.now() - started, answer }));
    socket.on("error", reject);
  });
}

describe("connection time bounds", () => {
  it("closes a connection whose headers never finish (slowloris) after the headers timeout", async () => {
    const { ms, answer } = await holdOpen("POST /graphql HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
    expect(ms).toBeGreaterThanOrEqual(TIMEOUTS.headersTimeoutMs - 100);
    expect(ms).toBeLessThan(TIMEOUTS.headersTimeoutMs + CHECK_SLACK_MS);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it("closes a connection whose body never finishes after the request timeout", async () => {
    const head = "POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n";
    const { ms } = await holdOpen(`${head}{"query":`);
    expect(ms).toBeGreaterThanOrEqual(TIMEOUTS.requestTimeoutMs - 100);
    expect(ms).toBeLessThan(TIMEOUTS.requestTimeoutMs + CHECK_SLACK_MS);
  });

  it("answers a whole request, then closes the idle keep-alive connection after the keep-alive timeout", async () => {
    const body = JSON.stringify({ query: "{ ok }" });
    const request = `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    const { ms, answer } = await holdOpen(request);
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toContain('{"data":{"ok":true}}');
    expect(ms).toBeGreaterThanOrEqual(TIMEOUTS.keepAliveTimeoutMs - 100);
    expect(ms).toBeLessThan(TIMEOUTS.keepAliveTimeoutMs + CHECK_SLACK_MS);
  });
});

describe("routes", () => {
  const base = () => `http://127.0.0.1:${port}`;
  const post = (path: string, body = JSON.stringify({ query: "{ ok }" })) =>
    fetch(`${base()}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body });

  it("answers GraphQL at /graphql only", async () => {
    expect(front.url).toBe(`${base()}/graphql`);
    expect(await (await post("/graphql")).json()).toEqual({ data: { ok: true } });
  });

  it.each([
    ["POST", "/"],
    ["POST", "/foo/bar"],
    ["POST", "/graphql/extra"],
    ["GET", "/health"],
    ["GET", "/nonexistent"],
    ["GET", "/"],
  ])("answers %s %s with a JSON 404, not GraphQL and not a CSRF refusal", async (method, path) => {
    const res = method === "POST" ? await post(path) : await fetch(`${base()}${path}`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ errors: [{ message: expect.stringContaining("/graphql"), extensions: { code: "NOT_FOUND" } }] });
  });

  it("answers the health paths and the routes before the fallback, in order, sync or async", async () => {
    expect((await fetch(`${base()}/healthz`)).status).toBe(200);
    expect((await fetch(`${base()}/readyz`)).status).toBe(503);
    expect(await (await fetch(`${base()}/sync`)).text()).toBe("sync");
    expect(await (await fetch(`${base()}/async/x`)).text()).toBe("async");
  });
});

describe("an oversized body", () => {
  it("gets a 413 that Node's fetch reads, every time (the rest of the body is read and dropped first)", async () => {
    const body = "x".repeat(10 * 1024 * 1024);
    for (let attempt = 0; attempt < 3; attempt++) {
      const res = await fetch(front.url, { method: "POST", headers: { "content-type": "application/json" }, body });
      expect(res.status).toBe(413);
      const answer = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(answer.errors[0]!.extensions.code).toBe("BAD_REQUEST");
    }
  });

  it("is answered at once, without reading it, when declared larger than the discard bound", async () => {
    const head = `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${DISCARD_LIMIT_BYTES + 1}\r\n\r\n`;
    const { ms, answer } = await holdOpen(head);
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(ms).toBeLessThan(1_000);
  });
});
