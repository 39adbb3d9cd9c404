import { markingWhere } from "./marked-type.js";
import { canRead, isAtLeastAsStrict, type Marked } from "./read.js";
import { ANONYMOUS, makeViewer, type Viewer } from "./viewer.js";
import type { Marking } from "./vocabulary.js";

const viewer = (partner: string, kind: Viewer["kind"] & string, groups: string[] = []): Viewer =>
  makeViewer({ subject: `s-${partner}`, partner, kind, roles: ["viewer"], groups });

const US = viewer("USA", "GOVERNMENT", ["SLF"]);
const IN = viewer("IND", "GOVERNMENT");
const EU = viewer("EU", "MULTILATERAL");
const CSO = viewer("GCR2P", "CIVIL_SOCIETY", ["GAAMAC"]);
const record = (marking: Marking, releasableTo: string[] = [], originator = "CAN"): Marked => ({ marking, releasableTo, originator });

describe("canRead", () => {
  it.each<[string, Marked, [boolean, boolean, boolean, boolean, boolean]]>([
    // record                                  anonymous, US,    IND,   EU,    GCR2P
    ["PUBLIC", record("PUBLIC"), [true, true, true, true, true]],
    ["PARTNERS", record("PARTNERS"), [false, true, true, true, true]],
    ["GOVERNMENTS", record("GOVERNMENTS"), [false, true, true, true, false]],
    ["RESTRICTED to a partner", record("RESTRICTED", ["EU"]), [false, false, false, true, false]],
    ["RESTRICTED to a group", record("RESTRICTED", ["SLF"]), [false, true, false, false, false]],
    ["RESTRICTED to a civil-society group", record("RESTRICTED", ["GAAMAC"]), [false, false, false, false, true]],
    ["ORIGINATOR", record("ORIGINATOR"), [false, false, false, false, false]],
  ])("%s", (_name, rec, expected) => {
    expect([ANONYMOUS, US, IN, EU, CSO].map((v) => canRead(v, rec))).toEqual(expected);
  });

  it("always lets the originator read its own records", () => {
    for (const marking of ["PUBLIC", "PARTNERS", "GOVERNMENTS", "RESTRICTED", "ORIGINATOR"] as const) {
      expect(canRead(CSO, record(marking, [], "GCR2P"))).toBe(true);
    }
  });

  it("gives an unknown partner kind nothing beyond what any partner reads", () => {
    const odd = makeViewer({ subject: "s", partner: "XYZ", kind: "CIVIL_SOCIETY", roles: [], groups: [] });
    expect(canRead(odd, record("GOVERNMENTS"))).toBe(false);
  });
});

describe("markingWhere", () => {
  it("lets anonymous callers filter on PUBLIC only", () => {
    expect(markingWhere(ANONYMOUS)).toEqual({ $or: [{ marking: { $in: ["PUBLIC"] } }] });
  });

  it("adds the caller's own records and what is released to it or its groups", () => {
    expect(markingWhere(US)).toEqual({
      $or: [
        { marking: { $in: ["PUBLIC", "PARTNERS", "GOVERNMENTS"] } },
        { originator: "USA" },
        { marking: "RESTRICTED", releasableTo: { $overlap: ["USA", "SLF"] } },
      ],
    });
  });

  it("keeps GOVERNMENTS material from civil society", () => {
    expect(markingWhere(CSO).$or).toContainEqual({ marking: { $in: ["PUBLIC", "PARTNERS"] } });
  });

  it("uses the property names it is given", () => {
    const where = markingWhere(EU, { marking: "aggregateMarking", releasableTo: "aggregateTo", originator: "contributor" });
    expect(where.$or).toContainEqual({ contributor: "EU" });
    expect(where.$or).toContainEqual({ aggregateMarking: "RESTRICTED", aggregateTo: { $overlap: ["EU"] } });
  });
});

describe("isAtLeastAsStrict", () => {
  it("accepts a part as strict or stricter than its record and refuses a looser one", () => {
    expect(isAtLeastAsStrict({ marking: "ORIGINATOR", releasableTo: [] }, { marking: "PARTNERS", releasableTo: [] })).toBe(true);
    expect(isAtLeastAsStrict({ marking: "PARTNERS", releasableTo: [] }, { marking: "PARTNERS", releasableTo: [] })).toBe(true);
    expect(isAtLeastAsStrict({ marking: "PUBLIC", releasableTo: [] }, { marking: "GOVERNMENTS", releasableTo: [] })).toBe(false);
  });

  it("refuses a RESTRICTED part that names someone its RESTRICTED record does not", () => {
    expect(isAtLeastAsStrict({ marking: "RESTRICTED", releasableTo: ["UN"] }, { marking: "RESTRICTED", releasableTo: ["UN", "EU"] })).toBe(
      true,
    );
    expect(isAtLeastAsStrict({ marking: "RESTRICTED", releasableTo: ["NATO"] }, { marking: "RESTRICTED", releasableTo: ["UN"] })).toBe(
      false,
    );
  });
});
