import { useTestSystem } from "@concert/system/testing";

const system = useTestSystem([], { development: false });

describe("in production mode", () => {
  it("does not trust the development issuer", async () => {
    const res = await system.query("{ partners { code } }", { token: await system.token("USA", "admin") });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("suggests no field names and shows no stack traces", async () => {
    const res = await system.query("{ countrie { code } }");
    expect(res.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(JSON.stringify(res.errors)).not.toMatch(/Did you mean|country|stacktrace/);
  });

  it("answers no introspection", async () => {
    const res = await system.query("{ __schema { types { name } } }");
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("still serves public material to anonymous callers", async () => {
    const res = await system.query<{ country: { name: string } }>('{ country(code: "CAF") { name } }');
    expect(res.data!.country.name).toBe("Central African Republic");
  });
});
