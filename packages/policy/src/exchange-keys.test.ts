import { decideExchangeKeys } from "./exchange-keys.js";
import type { Viewer } from "./viewer.js";

const viewer = (partner: string | null, roles: string[], subject = "alice"): Viewer =>
  ({ subject, partner, kind: "GOVERNMENT", roles: new Set(roles), groups: new Set(), operator: false, service: null }) as unknown as Viewer;

describe("who manages exchange keys", () => {
  it("is the partner's own admin only", () => {
    expect(decideExchangeKeys(viewer("CAN", ["admin"])).allowed).toBe(true);
    expect(decideExchangeKeys(viewer("CAN", ["analyst"])).allowed).toBe(false);
    expect(decideExchangeKeys(viewer(null, []))).toEqual({ allowed: false, reason: "authentication required" });
    expect(decideExchangeKeys(viewer("CAN", ["admin"], "exchange-key:1")).allowed).toBe(false);
  });
});
