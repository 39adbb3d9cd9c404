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
