import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ChangeFeedConfigError, changeFeedFromEnv } from "./change-feed-config.js";
import { ServiceEnvError, serviceSettings } from "./service-env.js";

const KEY = "k".repeat(32);
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "concert-feed-config-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("change-feed settings", () => {
  it("take the key and retention from configuration", () => {
    expect(changeFeedFromEnv({ CHANGE_FEED_KEY: KEY, CHANGE_FEED_RETENTION_DAYS: "7" }, false, dir)).toEqual({
      key: KEY,
      retentionDays: 7,
    });
  });

  it("keep a development key in the data dir, the same at every start, and 30 days by default", () => {
    const first = changeFeedFromEnv({}, true, dir);
    expect(first.key.length).toBeGreaterThanOrEqual(32);
    expect(first.retentionDays).toBe(30);
    expect(changeFeedFromEnv({}, true, dir).key).toBe(first.key);
  });

  it("refuse a missing key in production, a short key and a bad retention", () => {
    expect(() => changeFeedFromEnv({}, false, dir)).toThrow(ChangeFeedConfigError);
    expect(() => changeFeedFromEnv({}, false, dir)).toThrow(/CHANGE_FEED_KEY is required in production/);
    expect(() => changeFeedFromEnv({ CHANGE_FEED_KEY: "short" }, true, dir)).toThrow(/at least 32 characters/);
    for (const days of ["0", "-1", "1.5", "x", "3651"]) {
      expect(() => changeFeedFromEnv({ CHANGE_FEED_RETENTION_DAYS: days }, true, dir)).toThrow(/CHANGE_FEED_RETENTION_DAYS/);
    }
  });

  it("are reported with a subgraph's other configuration problems", () => {
    const env = { NODE_ENV: "production", DATABASE_URL: "postgres://db:5432", ENGAGEMENTS_URL: "http://e/graphql", CONCERT_DATA_DIR: dir };
    expect(() => serviceSettings("risk", env)).toThrow(ServiceEnvError);
    expect(() => serviceSettings("risk", env)).toThrow(/CHANGE_FEED_KEY is required in production/);
    expect(serviceSettings("risk", { ...env, CHANGE_FEED_KEY: KEY }).changeFeed).toEqual({ key: KEY, retentionDays: 30 });
    expect(
      serviceSettings("gateway", {
        ...env,
        RISK_URL: "http://r/graphql",
        PEACEKEEPING_URL: "http://p/graphql",
        ALERTS_URL: "http://a/graphql",
      }).changeFeed,
    ).toBeUndefined();
  });
});
