import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { alertsSettingsFrom } from "./alerts-config";

describe("alerts settings", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), "alerts-config-"));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it("development: a key generated in the data dir (and kept), http allowed, private addresses refused unless asked", () => {
    const first = alertsSettingsFrom({}, { development: true, dataDir });
    const again = alertsSettingsFrom({}, { development: true, dataDir });
    if (Array.isArray(first) || Array.isArray(again)) throw new Error("unexpected problems");
    expect(first.secretKey.equals(again.secretKey)).toBe(true);
    expect(readFileSync(join(dataDir, "alerts", "secret-key"), "utf8")).toBe(first.secretKey.toString("base64"));
    expect(first.urlRules).toEqual({ httpsOnly: false, allowPrivateAddresses: false });
    const tests = alertsSettingsFrom(
      { ALERTS_ALLOW_PRIVATE_ADDRESSES: "1", ALERTS_RETRY_DELAY_SECONDS: 1 },
      { development: true, dataDir },
    );
    expect(tests).toMatchObject({ urlRules: { allowPrivateAddresses: true }, retryDelaySeconds: 1 });
  });

  it("production: https only, the key required, and the test setting refused", () => {
    expect(alertsSettingsFrom({}, { development: false, dataDir })).toEqual([
      "ALERTS_SECRET_KEY is required in production (32 bytes in base64)",
    ]);
    const key = Buffer.alloc(32, 3).toString("base64");
    expect(alertsSettingsFrom({ ALERTS_SECRET_KEY: key, ALERTS_ALLOW_PRIVATE_ADDRESSES: "true" }, { development: false, dataDir })).toEqual(
      ["ALERTS_ALLOW_PRIVATE_ADDRESSES is for tests only and refused in production"],
    );
    expect(alertsSettingsFrom({ ALERTS_SECRET_KEY: key }, { development: false, dataDir })).toMatchObject({
      urlRules: { httpsOnly: true, allowPrivateAddresses: false },
    });
    expect(alertsSettingsFrom({ ALERTS_SECRET_KEY: "short" }, { development: false, dataDir })).toEqual([
      "ALERTS_SECRET_KEY must be 32 bytes, written in base64 (e.g. `openssl rand -base64 32`)",
    ]);
  });
});
