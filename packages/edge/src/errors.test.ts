import { GraphQLError } from "graphql";
import { maskErrors, notFound, truncate } from "./errors.js";

const logged: string[] = [];
const mask = maskErrors((d) => logged.push(d));

beforeEach(() => (logged.length = 0));

describe("error masking at the gateway", () => {
  it("keeps a subgraph's refusal with its code, path and serviceName, and drops the upstream response", () => {
    const upstream = { message: "sign in to read your access log", extensions: { code: "UNAUTHENTICATED" } };
    const formatted = mask(
      {
        message: upstream.message,
        path: ["riskAccessLog"],
        // fixed-port: the text of an upstream error; nothing listens
        extensions: { code: "UNAUTHENTICATED", serviceName: "risk", response: { url: "http://127.0.0.1:4001/", body: "{}" } },
      },
      new GraphQLError(upstream.message, { originalError: upstream as unknown as Error }),
    );
    expect(formatted).toEqual({
      message: upstream.message,
      path: ["riskAccessLog"],
      extensions: { code: "UNAUTHENTICATED", serviceName: "risk" },
    });
  });

  it("masks a subgraph's failure, naming the service and keeping the path", () => {
    const upstream = { message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } };
    const formatted = mask(
      { message: upstream.message, path: ["pledges", 0], extensions: { code: "INTERNAL_SERVER_ERROR", serviceName: "peacekeeping" } },
      new GraphQLError(upstream.message, { originalError: upstream as unknown as Error }),
    );
    expect(formatted).toEqual({
      message: "Internal server error in service peacekeeping",
      path: ["pledges", 0],
      extensions: { code: "INTERNAL_SERVER_ERROR", serviceName: "peacekeeping" },
    });
  });

  it("masks an error of unknown code, such as a federation error, and logs it cut to a sane length", () => {
    const cause = new Error(`connect ECONNREFUSED ${"x".repeat(2_000_000)}`);
    const formatted = mask(
      { message: cause.message, extensions: { code: "DOWNSTREAM_SERVICE_ERROR" } },
      new GraphQLError(cause.message, { originalError: cause }),
    );
    expect(formatted).toEqual({ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } });
    expect(logged).toHaveLength(1);
    expect(logged[0]!.length).toBeLessThan(5_000);
  });

  it("cuts a client-facing message that echoes a huge input", () => {
    const error = notFound(`Practice ${"x".repeat(100_000)}`);
    const formatted = mask({ message: error.message, extensions: { code: "NOT_FOUND" } }, error);
    expect(formatted.message.length).toBeLessThan(1_100);
    expect(truncate("short")).toBe("short");
  });
});

describe("error masking at a subgraph whose database is unreachable", () => {
  const subgraphMask = maskErrors((d) => logged.push(d), { database: true });
  // fixed-port: the text of a driver's error; nothing connects
  const connectionException = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
    name: "ConnectionException",
  });
  const terminated = new Error("Connection terminated unexpectedly");
  const refused = Object.assign(new Error("boom"), { cause: Object.assign(new Error("socket"), { code: "ECONNREFUSED" }) });
  const shutdown = Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });
  const acquire = new Error("Knex: Timeout acquiring a connection. The pool is probably full.");

  it.each([
    ["MikroORM's ConnectionException", connectionException],
    ["a connection the server ended", terminated],
    ["a refused socket in the cause chain", refused],
    ["an administrator shutdown (SQLSTATE 57P01)", shutdown],
    ["the pool giving up", acquire],
  ])("says SERVICE_UNAVAILABLE for %s, keeping the path, and logs it", (_, error) => {
    const formatted = subgraphMask(
      { message: error.message, path: ["practices"], extensions: { code: "INTERNAL_SERVER_ERROR" } },
      new GraphQLError(error.message, { originalError: error }),
    );
    expect(formatted).toEqual({
      message: "The database is unavailable; try again shortly",
      path: ["practices"],
      extensions: { code: "SERVICE_UNAVAILABLE" },
    });
    expect(logged).toHaveLength(1);
  });

  it("still masks any other failure as an internal error, and the gateway's mask leaves connection errors alone", () => {
    const syntax = Object.assign(new Error('syntax error at or near "SELEC"'), { code: "42601" });
    expect(subgraphMask({ message: syntax.message, extensions: {} }, syntax).extensions).toEqual({ code: "INTERNAL_SERVER_ERROR" });
    expect(mask({ message: terminated.message, extensions: {} }, terminated).extensions).toEqual({ code: "INTERNAL_SERVER_ERROR" });
  });
});
