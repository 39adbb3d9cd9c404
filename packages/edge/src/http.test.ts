import { connect, type Socket } from "node:net";
import { ApolloServer } from "@apollo/server";
import { type RunningHttpFront, serveGraphQL } from "./http.js";

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
    const { ms, answer } = await holdOpen("POST / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
    expect(ms).toBeGreaterThanOrEqual(TIMEOUTS.headersTimeoutMs - 100);
    expect(ms).toBeLessThan(TIMEOUTS.headersTimeoutMs + CHECK_SLACK_MS);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it("closes a connection whose body never finishes after the request timeout", async () => {
    const head = "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n";
    const { ms } = await holdOpen(`${head}{"query":`);
    expect(ms).toBeGreaterThanOrEqual(TIMEOUTS.requestTimeoutMs - 100);
    expect(ms).toBeLessThan(TIMEOUTS.requestTimeoutMs + CHECK_SLACK_MS);
  });

  it("answers a whole request, then closes the idle keep-alive connection after the keep-alive timeout", async () => {
    const body = JSON.stringify({ query: "{ ok }" });
    const request = `POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    const { ms, answer } = await holdOpen(request);
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toContain('{"data":{"ok":true}}');
    expect(ms).toBeGreaterThanOrEqual(TIMEOUTS.keepAliveTimeoutMs - 100);
    expect(ms).toBeLessThan(TIMEOUTS.keepAliveTimeoutMs + CHECK_SLACK_MS);
  });
});
