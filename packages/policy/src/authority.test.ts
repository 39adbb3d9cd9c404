import { MIN_UNREADABLE_IN_AGGREGATE, mayShowUnreadablePart } from "./aggregate.js";
import {
  coversDay,
  decideForumMembershipChange,
  decideOperation,
  decideRegistryChange,
  decideRevocation,
  endedAtOnce,
} from "./authority.js";
import { ANONYMOUS, makeViewer } from "./viewer.js";

const OPERATORS = ["OPS"];
const as = (partner: string, ...roles: string[]) =>
  makeViewer({ subject: "s", partner, kind: "GOVERNMENT", roles, groups: [], operators: OPERATORS });

const operatorAdmin = as("OPS", "admin");
const usAdmin = as("USA", "admin");

describe("decideRegistryChange", () => {
  it.each([["name"], ["kind"], ["country"], ["activeFrom"], ["activeTo"]])(
    "lets the operator's admin change %s of any partner",
    (field) => {
      expect(decideRegistryChange(operatorAdmin, "USA", [field])).toEqual({ allowed: true });
    },
  );

  it("lets a partner's own admin change its name only", () => {
    expect(decideRegistryChange(usAdmin, "USA", ["name"]).allowed).toBe(true);
    for (const field of ["kind", "country", "activeFrom", "activeTo"]) {
      expect(decideRegistryChange(usAdmin, "USA", [field])).toEqual({
        allowed: false,
        reason: `${field} may be changed by the operator only`,
      });
    }
    expect(decideRegistryChange(usAdmin, "USA", ["name", "kind"]).allowed).toBe(false);
  });

  it("refuses a partner's admin another partner's entry and registering", () => {
    expect(decideRegistryChange(usAdmin, "CAN", ["name"]).allowed).toBe(false);
    expect(decideRegistryChange(usAdmin, null, ["name", "kind"]).allowed).toBe(false);
    expect(decideRegistryChange(operatorAdmin, null, ["name", "kind"]).allowed).toBe(true);
  });

  it("grants nothing to the operator's other roles, to anonymous callers, nor to a partner the configuration does not list", () => {
    expect(decideRegistryChange(as("OPS", "coordinator"), "USA", ["name"]).allowed).toBe(false);
    expect(decideRegistryChange(ANONYMOUS, "USA", ["name"])).toEqual({ allowed: false, reason: "authentication required" });
    const unlisted = makeViewer({ subject: "s", partner: "OPS", kind: "GOVERNMENT", roles: ["admin"], groups: [] });
    expect(decideRegistryChange(unlisted, "USA", ["kind"]).allowed).toBe(false);
  });
});

describe("decideForumMembershipChange", () => {
  it("reserves memberships to the co-chairs' coordinators and the operator's admin", () => {
    expect(decideForumMembershipChange(as("DNK", "coordinator"), ["DNK", "GHA"]).allowed).toBe(true);
    expect(decideForumMembershipChange(as("GBR", "coordinator"), ["DNK", "GHA"]).allowed).toBe(false);
    expect(decideForumMembershipChange(as("DNK", "analyst"), ["DNK", "GHA"]).allowed).toBe(false);
    expect(decideForumMembershipChange(operatorAdmin, ["DNK"]).allowed).toBe(true);
  });

  it("leaves a forum without co-chairs to the operator: a member's coordinator can no longer widen it", () => {
    expect(decideForumMembershipChange(as("NLD", "coordinator"), [])).toEqual({
      allowed: false,
      reason: "the forum has no co-chairs: only the operator manages its memberships",
    });
    expect(decideForumMembershipChange(operatorAdmin, []).allowed).toBe(true);
    expect(decideForumMembershipChange(ANONYMOUS, []).allowed).toBe(false);
  });
});

describe("decideRevocation", () => {
  it("lets the operator revoke anyone and a partner's admin its own people only", () => {
    expect(decideRevocation(operatorAdmin, "USA").allowed).toBe(true);
    expect(decideRevocation(usAdmin, "USA").allowed).toBe(true);
    expect(decideRevocation(usAdmin, "CAN").allowed).toBe(false);
    expect(decideRevocation(as("USA", "coordinator"), "USA").allowed).toBe(false);
    expect(decideRevocation(ANONYMOUS, "USA").allowed).toBe(false);
  });
});

describe("decideOperation", () => {
  it("lets anyone read and only authenticated callers change", () => {
    expect(decideOperation("query", false).allowed).toBe(true);
    expect(decideOperation("mutation", false).allowed).toBe(false);
    expect(decideOperation("mutation", true).allowed).toBe(true);
  });
});

describe("memberships ended at once", () => {
  it("end yesterday, or before they began when they began today or later, so they never cover today", () => {
    expect(endedAtOnce("2026-01-01", "2026-03-10")).toBe("2026-03-09");
    expect(endedAtOnce("2026-03-10", "2026-03-10")).toBe("2026-03-09");
    expect(endedAtOnce("2026-04-01", "2026-03-10")).toBe("2026-03-31");
    expect(coversDay("2026-03-10", endedAtOnce("2026-03-10", "2026-03-10"), "2026-03-10")).toBe(false);
    expect(coversDay("2026-03-10", null, "2026-03-10")).toBe(true);
  });
});

describe("mayShowUnreadablePart", () => {
  it(`shows an aggregate's unreadable part only when it rests on none or at least ${MIN_UNREADABLE_IN_AGGREGATE} unreadable records`, () => {
    expect([0, 1, 2, 3, 4].map(mayShowUnreadablePart)).toEqual([true, false, false, true, true]);
  });
});
