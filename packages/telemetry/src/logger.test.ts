import { Writable } from "node:stream";
import { ApolloServer } from "@apollo/server";
import { GraphQLError } from "graphql";
import { Client } from "pg";
import { Registry } from "prom-client";
import { createLogger, requestLogger } from "./logger.js";
import { MAX_ORM_MESSAGE, PinoOrmLogger } from "./orm-logger.js";
import { type LoggingContext, operationLogPlugin } from "./plugins.js";
import { requestIdFrom } from "./request-id.js";
import { serviceTelemetry } from "./service.js";

const TOKEN = "eyJhbGciOiJFZERTQSJ9.secret-token-body.signature";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line));
      }
      done();
    },
  });
  return { lines, raw, logger: createLogger({ service: "risk", destination, level: "debug" }) };
}

describe("request ids", () => {
  it("keeps a well-formed x-request-id and replaces a missing or malformed one", () => {
    expect(requestIdFrom({ "x-request-id": "client-req-000123" })).toBe("client-req-000123");
    expect(requestIdFrom(new Headers({ "x-request-id": "client-req-000124" }))).toBe("client-req-000124");
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect(requestIdFrom({})).toMatch(uuid);
    expect(requestIdFrom({ "x-request-id": "bad id\nwith newline" })).toMatch(uuid);
    expect(requestIdFrom({ "x-request-id": "x".repeat(129) })).toMatch(uuid);
    expect(requestIdFrom({})).not.toBe(requestIdFrom({}));
  });
});

describe("logger", () => {
  it("writes JSON lines with service, request id, partner and subject, and redacts tokens and variables", () => {
    const { lines, raw, logger } = capture();
    const log = requestLogger(logger, { requestId: "req-0000001", partner: "USA", subject: "dev:usa:analyst" });
    log.info({ headers: { authorization: `Bearer ${TOKEN}` }, token: TOKEN, variables: { name: "Jane Witness" } }, "request");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      service: "risk",
      requestId: "req-0000001",
      partner: "USA",
      subject: "dev:usa:analyst",
      level: "info",
      msg: "request",
    });
    expect(raw[0]).not.toContain("secret-token-body");
    expect(raw[0]).not.toContain("Jane Witness");
  });

  it("logs one line per operation with name, duration, outcome and codes, never variables", async () => {
    const { lines, raw, logger } = capture();
    const server = new ApolloServer<LoggingContext>({
      typeDefs: "type Query { note(text: String): String, secret: String, secrets: [String] } type Mutation { write: String }",
      resolvers: {
        Query: {
          note: (_: unknown, args: { text?: string }) => `seen ${args.text?.length ?? 0} chars`,
          secret: () => {
            throw new GraphQLError("not yours", { extensions: { code: "FORBIDDEN" } });
          },
          // graphql-js answers an error in a list's place as that item's error
          secrets: () => Array.from({ length: 500 }, () => new GraphQLError("not yours", { extensions: { code: "FORBIDDEN" } })),
        },
        Mutation: {
          write: () => {
            throw new GraphQLError("not yours", { extensions: { code: "FORBIDDEN" } });
          },
        },
      },
      plugins: [operationLogPlugin(logger)],
    });
    await server.start();
    const log = requestLogger(logger, { requestId: "req-0000002", partner: "FRA" });
    await server.executeOperation(
      { query: "query Note($t: String) { note(text: $t) }", variables: { t: "Jane Witness" } },
      { contextValue: { log } },
    );
    await server.executeOperation({ query: "query Secret { secret }" }, { contextValue: { log } });
    await server.executeOperation({ query: "query Secrets { secrets }" }, { contextValue: { log } });
    await server.executeOperation({ query: "mutation Write { write }" }, { contextValue: { log } });
    await server.stop();
    const operations = lines.filter((l) => l.msg === "graphql operation");
    expect(operations).toHaveLength(4);
    expect(operations[0]).toMatchObject({
      service: "risk",
      requestId: "req-0000002",
      partner: "FRA",
      operation: "Note",
      operationType: "query",
      outcome: "ok",
      codes: [],
      level: "info",
    });
    expect(typeof operations[0]!.durationMs).toBe("number");
    // A query served with a withheld field is the policy at work: refused, but at info.
    expect(operations[1]).toMatchObject({
      operation: "Secret",
      outcome: "refused",
      codes: ["FORBIDDEN"],
      errors: 1,
      withheldFields: true,
      level: "info",
    });
    // One FORBIDDEN per field of a long answer: the line names the code once and counts the errors.
    expect(operations[2]).toMatchObject({ operation: "Secrets", outcome: "refused", codes: ["FORBIDDEN"], errors: 500 });
    // A refused write is a client's mistake: a warning.
    expect(operations[3]).toMatchObject({ operation: "Write", outcome: "refused", withheldFields: false, level: "warn" });
    expect(raw.find((line) => line.includes('"Secrets"'))!.length).toBeLessThan(1000);
    expect(raw.join("\n")).not.toContain("Jane Witness");
    expect(raw.join("\n")).not.toContain("note(text");
  });

  it("serves MikroORM: queries at debug level, truncated, with their duration passed on", () => {
    const { lines, logger } = capture();
    const durations: number[] = [];
    const orm = new PinoOrmLogger({ writer: () => {}, debugMode: true }, logger, { onQuery: (ms) => durations.push(ms) });
    orm.logQuery({ query: `select ${"x, ".repeat(1000)}1`, took: 7 });
    orm.log("discovery", "entities discovered", { level: "warning" });
    expect(durations).toEqual([7]);
    expect(lines[0]).toMatchObject({ level: "debug", orm: "query", durationMs: 7, service: "risk" });
    expect(String(lines[0]!.msg).length).toBeLessThan(MAX_ORM_MESSAGE + 40);
    expect(lines[1]).toMatchObject({ level: "warn", orm: "discovery", msg: "entities discovered" });
  });

  it("passes durations on even when SQL logging is off", () => {
    const { lines, logger } = capture();
    const durations: number[] = [];
    new PinoOrmLogger({ writer: () => {}, debugMode: false }, logger, { onQuery: (ms) => durations.push(ms) }).logQuery({
      query: "select 1",
      took: 3,
    });
    expect(durations).toEqual([3]);
    expect(lines).toHaveLength(0);
  });
});

describe("serviceTelemetry", () => {
  it("gives each request the client's id, or a new one, on every line of its logger", async () => {
    const { lines, logger } = capture();
    const registry = new Registry();
    const telemetry = serviceTelemetry({ service: "risk", logger, registry });
    const given = telemetry.forRequest(
      { "x-request-id": "from-the-client-1", authorization: `Bearer ${TOKEN}` },
      { partner: "USA", subject: "dev:usa" },
    );
    expect(given.requestId).toBe("from-the-client-1");
    const made = telemetry.forRequest({}, null);
    expect(made.requestId).not.toBe(given.requestId);
    given.log.info("first");
    made.log.info("second");
    expect(lines.map((l) => [l.requestId, l.partner, l.msg])).toEqual([
      ["from-the-client-1", "USA", "first"],
      [made.requestId, undefined, "second"],
    ]);
    telemetry.ormLoggerFactory({ writer: () => {} }).logQuery({ query: "select 1", took: 4 });
    expect(await registry.metrics()).toContain('concert_db_query_duration_seconds_count{service="risk"} 1');
  });
});

describe("errors in log lines", () => {
  it("are written by one serialiser: type, message, code, frames and causes, never the client objects they carry", async () => {
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const params = (client as unknown as { connectionParameters: { password?: string } }).connectionParameters;
      const secretKey = (client as unknown as { secretKey?: number }).secretKey;
      expect(secretKey).toBeDefined();
      const err = Object.assign(new Error(`terminating connection; Authorization: Bearer ${TOKEN}`, { cause: new Error("socket") }), {
        code: "57P01",
        client,
        request: { headers: { authorization: `Bearer ${TOKEN}` } },
      });
      const { raw, lines, logger } = capture();
      logger.error({ err }, "queue error");
      logger.warn({ error: Object.assign(new Error("postgres://app:hunter2@db:5432/x refused"), { client }) }, "retrying");
      const text = raw.join("\n");
      for (const secret of ["secretKey", "password", "hunter2", "Bearer ey", TOKEN, "connectionParameters", String(secretKey)]) {
        expect(text).not.toContain(secret);
      }
      // (the embedded server's password is the word "postgres", which the URL above names anyway)
      if (params.password && params.password !== "postgres") expect(text).not.toContain(params.password);
      expect(lines[0]!.err).toEqual({
        type: "Error",
        message: "terminating connection; Authorization: Bearer [redacted]",
        code: "57P01",
        stack: expect.stringContaining("    at "),
        cause: { type: "Error", message: "socket", stack: expect.any(String) },
      });
      expect((lines[1]!.error as { message: string }).message).toBe("postgres://app:[redacted]@db:5432/x refused");
      // one short line each
      expect(raw.every((line) => line.length < 3_000)).toBe(true);
    } finally {
      await client.end();
    }
  });
});
