import { aggregateSql, visitMarking } from "./evidence.js";
import type { Marked } from "./read.js";
import { PLEDGE, PLEDGE_CAVEAT, VERIFICATION_VISIT } from "./types/index.js";
import { ANONYMOUS, makeViewer } from "./viewer.js";

const viewer = (partner: string, kind: "GOVERNMENT" | "MULTILATERAL" | "CIVIL_SOCIETY") =>
  makeViewer({ subject: `s-${partner}`, partner, kind, roles: [], groups: [] });
const UN = viewer("UN", "MULTILATERAL");
const BGD = viewer("BGD", "GOVERNMENT");
const USA = viewer("USA", "GOVERNMENT");
const pledge = { marking: "RESTRICTED", releasableTo: ["UN"], originator: "BGD", aggregateMarking: "PARTNERS" };

describe("a pledge's visits and caveats (declared children of the pledge)", () => {
  it("a visit is read where its pledge is, by its own marking, which always reaches the contributor", () => {
    const visit = { ...visitMarking(undefined, "BGD")!, originator: "UN", pledge };
    expect([UN, BGD, USA, ANONYMOUS].map((v) => VERIFICATION_VISIT.canRead(v, visit))).toEqual([true, true, false, false]);
    // A public visit of a pledge the USA cannot read stays hidden: the parent decides too.
    expect(VERIFICATION_VISIT.canRead(USA, { marking: "PUBLIC", releasableTo: [], originator: "UN", pledge })).toBe(false);
  });

  it("a caveat marked more strictly than its pledge hides from whoever reads only the pledge", () => {
    const caveat: Marked & { pledge: object } = { marking: "ORIGINATOR", releasableTo: [], originator: "BGD", pledge };
    expect([UN, BGD, USA].map((v) => PLEDGE_CAVEAT.canRead(v, caveat))).toEqual([false, true, false]);
    expect(PLEDGE.canRead(UN, pledge)).toBe(true);
  });

  it("a visit's marking always reaches the contributor", () => {
    expect(visitMarking({ marking: "RESTRICTED", releasableTo: ["EU"] }, "BGD")).toEqual({
      marking: "RESTRICTED",
      releasableTo: ["BGD", "EU"],
    });
    expect(visitMarking({ marking: "ORIGINATOR", releasableTo: [] }, "BGD")).toBeNull();
    expect(visitMarking({ marking: "GOVERNMENTS", releasableTo: [] }, "BGD")).toEqual({ marking: "GOVERNMENTS", releasableTo: [] });
  });

  it("the aggregate exception's SQL binds its values and adds the aggregate marking to the read rule", () => {
    const sql = aggregateSql(PLEDGE, USA, "p");
    expect(sql.sql).toContain("p.aggregate_marking");
    expect(sql.sql.split("?").length - 1).toBe(sql.params.length);
    expect(aggregateSql(PLEDGE, ANONYMOUS, "p").params).toHaveLength(2);
  });
});
