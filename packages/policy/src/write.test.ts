import { ANONYMOUS, makeViewer } from "./viewer.js";
import { decideWrite } from "./write.js";

const as = (partner: string, kind: "GOVERNMENT" | "MULTILATERAL" | "CIVIL_SOCIETY", ...roles: string[]) =>
  makeViewer({ subject: "s", partner, kind, roles, groups: [] });

describe("decideWrite", () => {
  it("denies anonymous callers everything", () => {
    expect(decideWrite(ANONYMOUS, "assessment.write", "USA")).toEqual({ allowed: false, reason: "authentication required" });
  });

  it("lets an analyst write its own partner's assessments only", () => {
    const analyst = as("USA", "GOVERNMENT", "analyst");
    expect(decideWrite(analyst, "assessment.write", "USA").allowed).toBe(true);
    expect(decideWrite(analyst, "assessment.write", "CAN").allowed).toBe(false);
    expect(decideWrite(as("USA", "GOVERNMENT", "viewer"), "assessment.write", "USA").allowed).toBe(false);
  });

  it("reserves missions to the UN's planners and pledges to governments' planners", () => {
    expect(decideWrite(as("UN", "MULTILATERAL", "planner"), "mission.manage").allowed).toBe(true);
    expect(decideWrite(as("USA", "GOVERNMENT", "planner"), "mission.manage").allowed).toBe(false);
    expect(decideWrite(as("BGD", "GOVERNMENT", "planner"), "pledge.write", "BGD").allowed).toBe(true);
    expect(decideWrite(as("UN", "MULTILATERAL", "planner"), "pledge.write", "UN").allowed).toBe(false);
    expect(decideWrite(as("GCR2P", "CIVIL_SOCIETY", "planner"), "pledge.write", "GCR2P").allowed).toBe(false);
  });

  it("lets civil society contribute practices but grants unknown roles nothing", () => {
    expect(decideWrite(as("GCR2P", "CIVIL_SOCIETY", "analyst"), "practice.write", "GCR2P").allowed).toBe(true);
    expect(decideWrite(as("USA", "GOVERNMENT", "superuser", "root"), "practice.write", "USA").allowed).toBe(false);
  });
});
