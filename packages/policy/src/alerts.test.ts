import { alertOwnerViewer, alertRulesOwnedBy, mayManageAlertsOf } from "./alerts";
import { RISK_ASSESSMENT } from "./types/index.js";
import { ANONYMOUS, makeServiceViewer, makeViewer } from "./viewer";
import { decideWrite } from "./write";

const can = makeViewer({ subject: "s", partner: "CAN", kind: "GOVERNMENT", roles: ["analyst"], groups: [] });
const canViewer = makeViewer({ subject: "v", partner: "CAN", kind: "GOVERNMENT", roles: ["viewer"], groups: [] });

describe("alert rules", () => {
  it("belong to the caller's own partner; anonymous callers and services own none", () => {
    expect(alertRulesOwnedBy(can)).toEqual({ partner: "CAN" });
    expect(alertRulesOwnedBy(ANONYMOUS)).toBeNull();
    expect(alertRulesOwnedBy(makeServiceViewer("alerts"))).toBeNull();
    expect(mayManageAlertsOf(can, "CAN")).toBe(true);
    expect(mayManageAlertsOf(can, "DEU")).toBe(false);
    expect(mayManageAlertsOf(ANONYMOUS, "CAN")).toBe(false);
  });

  it("are changed by a role that works with the data, for its own partner only", () => {
    expect(decideWrite(can, "alert.manage", "CAN")).toEqual({ allowed: true });
    expect(decideWrite(can, "alert.manage", "DEU").allowed).toBe(false);
    expect(decideWrite(canViewer, "alert.manage", "CAN").allowed).toBe(false);
  });

  it("are evaluated for the owner as the registry has it, with no role, and never about a draft", () => {
    const owner = alertOwnerViewer({ code: "HRW", kind: "CIVIL_SOCIETY", groups: ["R2P"] }, "rule-1");
    expect(owner.roles.size).toBe(0);
    const about = (marking: string, releasableTo: string[], originator: string, status = "PUBLISHED") =>
      RISK_ASSESSMENT.mayAlert(owner, { marking, releasableTo, originator, status });
    expect(about("PARTNERS", [], "DEU")).toBe(true);
    expect(about("GOVERNMENTS", [], "DEU")).toBe(false);
    expect(about("RESTRICTED", ["R2P"], "DEU")).toBe(true);
    expect(about("PUBLIC", [], "HRW", "DRAFT")).toBe(false);
  });
});
