import { canReadChild, PLEDGE_CAVEAT_READ, readableChildWhere, VERIFICATION_VISIT_READ, visitMarking } from "./parents.js";
import type { Marked } from "./read.js";
import { ANONYMOUS, makeViewer } from "./viewer.js";

const viewer = (partner: string, kind: "GOVERNMENT" | "MULTILATERAL" | "CIVIL_SOCIETY") =>
  makeViewer({ subject: `s-${partner}`, partner, kind, roles: [], groups: [] });
const UN = viewer("UN", "MULTILATERAL");
const BGD = viewer("BGD", "GOVERNMENT");
const USA = viewer("USA", "GOVERNMENT");
const pledge: Marked = { marking: "RESTRICTED", releasableTo: ["UN"], originator: "BGD" };

describe("records with a declared parent", () => {
  it("a visit is read where its pledge is, and always by the pledge's contributor", () => {
    const visit: Marked = { marking: "ORIGINATOR", releasableTo: [], originator: "UN" };
    expect([UN, BGD, USA, ANONYMOUS].map((v) => canReadChild(v, VERIFICATION_VISIT_READ, visit, pledge))).toEqual([
      true,
      true,
      false,
      false,
    ]);
    const publicVisit: Marked = { marking: "PUBLIC", releasableTo: [], originator: "UN" };
    // A public visit of a pledge USA cannot read stays hidden: the parent decides first.
    expect(canReadChild(USA, VERIFICATION_VISIT_READ, publicVisit, pledge)).toBe(false);
  });

  it("a caveat marked more strictly than its pledge hides from whoever reads only the pledge", () => {
    const caveat: Marked = { marking: "ORIGINATOR", releasableTo: [], originator: "BGD" };
    expect([UN, BGD, USA].map((v) => canReadChild(v, PLEDGE_CAVEAT_READ, caveat, pledge))).toEqual([false, true, false]);
  });

  it("the filter joins the parent's rule and, for visits, the contributor's own pledges", () => {
    expect(JSON.stringify(readableChildWhere(BGD, VERIFICATION_VISIT_READ))).toContain('{"pledge":{"originator":"BGD"}}');
    expect(JSON.stringify(readableChildWhere(BGD, PLEDGE_CAVEAT_READ))).not.toContain('{"pledge":{"originator":"BGD"}}');
    expect(readableChildWhere(ANONYMOUS, VERIFICATION_VISIT_READ)).toEqual({
      $and: [{ pledge: { $or: [{ marking: { $in: ["PUBLIC"] } }] } }, { $or: [{ $or: [{ marking: { $in: ["PUBLIC"] } }] }] }],
    });
  });

  it("a visit's marking always reaches the contributor", () => {
    expect(visitMarking(undefined, "BGD")).toEqual({ marking: "RESTRICTED", releasableTo: ["BGD"] });
    expect(visitMarking({ marking: "RESTRICTED", releasableTo: ["EU"] }, "BGD")).toEqual({
      marking: "RESTRICTED",
      releasableTo: ["BGD", "EU"],
    });
    expect(visitMarking({ marking: "ORIGINATOR", releasableTo: [] }, "BGD")).toBeNull();
    expect(visitMarking({ marking: "GOVERNMENTS", releasableTo: [] }, "BGD")).toEqual({ marking: "GOVERNMENTS", releasableTo: [] });
  });
});
