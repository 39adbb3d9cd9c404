import { ConfigError, configFromEnv } from "./config.js";

describe("configuration from the environment", () => {
  it("defaults to gateway 4000 and subgraphs 4001–4003, embedded database, development mode", () => {
    const config = configFromEnv({});
    expect(config.gatewayPort).toBe(4000);
    expect(config.subgraphPorts).toEqual({ risk: 4001, peacekeeping: 4002, engagements: 4003 });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.development).toBe(true);
  });

  it("takes ports and DATABASE_URL from their variables", () => {
    const config = configFromEnv({
      GATEWAY_PORT: "5000",
      RISK_PORT: "5001",
      PEACEKEEPING_PORT: "5002",
      ENGAGEMENTS_PORT: "5003",
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432",
      NODE_ENV: "production",
    });
    expect(config.gatewayPort).toBe(5000);
    expect(config.subgraphPorts).toEqual({ risk: 5001, peacekeeping: 5002, engagements: 5003 });
    expect(config.databaseUrl).toBe("postgres://postgres@127.0.0.1:5432");
    expect(config.development).toBe(false);
  });

  it.each([
    [{ GATEWAY_PORT: "http" }, "GATEWAY_PORT"],
    [{ RISK_PORT: "70000" }, "RISK_PORT"],
    [{ PEACEKEEPING_PORT: "-1" }, "PEACEKEEPING_PORT"],
    [{ ENGAGEMENTS_PORT: "4000" }, "ENGAGEMENTS_PORT"],
    [{ DATABASE_URL: "not a url" }, "DATABASE_URL"],
    [{ DATABASE_URL: "mysql://localhost/x" }, "DATABASE_URL"],
    [{ EMBEDDED_DB_PORT: "0" }, "EMBEDDED_DB_PORT"],
  ])("refuses %j with a message naming %s", (env, name) => {
    expect(() => configFromEnv(env)).toThrow(ConfigError);
    expect(() => configFromEnv(env)).toThrow(name);
  });
});
