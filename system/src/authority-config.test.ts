import { AuthorityConfigError, authorityFromEnv, DEFAULT_AUTHORITY } from "./authority-config.js";
import { ConfigError, configFromEnv } from "./config.js";

describe("authority settings from the environment", () => {
  it("default to the OPS operator, 5 s freshness, 60 s outage, 7-day tokens, 15 s statements, 10 s pool waits", () => {
    expect(authorityFromEnv({})).toEqual({
      operators: ["OPS"],
      directory: { freshnessMs: 5_000, outageMs: 60_000 },
      maxTokenLifetimeSeconds: 604_800,
      database: { statementTimeoutMs: 15_000, acquireTimeoutMs: 10_000 },
    });
    expect(configFromEnv({}).authority).toEqual(DEFAULT_AUTHORITY);
  });

  it("read every setting", () => {
    const settings = authorityFromEnv({
      CONCERT_OPERATORS: " ops, un ",
      CONCERT_REGISTRY_FRESHNESS_MS: "2000",
      CONCERT_REGISTRY_OUTAGE_MS: "30000",
      CONCERT_MAX_TOKEN_LIFETIME_SECONDS: "86400",
      CONCERT_DB_STATEMENT_TIMEOUT_MS: "5000",
      CONCERT_DB_ACQUIRE_TIMEOUT_MS: "2000",
    });
    expect(settings).toEqual({
      operators: ["OPS", "UN"],
      directory: { freshnessMs: 2_000, outageMs: 30_000 },
      maxTokenLifetimeSeconds: 86_400,
      database: { statementTimeoutMs: 5_000, acquireTimeoutMs: 2_000 },
    });
    expect(authorityFromEnv({ CONCERT_OPERATORS: "" }).operators).toEqual([]);
  });

  it.each([
    [{ CONCERT_OPERATORS: "OPS,not a code" }, "CONCERT_OPERATORS"],
    [{ CONCERT_REGISTRY_FRESHNESS_MS: "0" }, "CONCERT_REGISTRY_FRESHNESS_MS"],
    [{ CONCERT_REGISTRY_OUTAGE_MS: "soon" }, "CONCERT_REGISTRY_OUTAGE_MS"],
    [{ CONCERT_REGISTRY_FRESHNESS_MS: "10000", CONCERT_REGISTRY_OUTAGE_MS: "5000" }, "CONCERT_REGISTRY_OUTAGE_MS"],
    [{ CONCERT_DB_STATEMENT_TIMEOUT_MS: "-1" }, "CONCERT_DB_STATEMENT_TIMEOUT_MS"],
  ])("refuse %j naming %s, as a configuration error", (env, name) => {
    expect(() => authorityFromEnv(env)).toThrow(AuthorityConfigError);
    expect(() => authorityFromEnv(env)).toThrow(name);
    expect(() => configFromEnv(env)).toThrow(ConfigError);
  });
});
