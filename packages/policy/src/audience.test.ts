import { type AudienceCandidate, audienceOf } from "./audience.js";
import { canRead, type Marked } from "./read.js";
import { makeViewer, type Viewer } from "./viewer.js";
import type { Marking } from "./vocabulary.js";

const PARTNERS: AudienceCandidate[] = [
  { code: "CAN", kind: "GOVERNMENT", groups: ["SLF"] },
  { code: "USA", kind: "GOVERNMENT", groups: ["SLF"] },
  { code: "IND", kind: "GOVERNMENT", groups: [] },
  { code: "EU", kind: "MULTILATERAL", groups: ["GAAMAC"] },
  { code: "GCR2P", kind: "CIVIL_SOCIETY", groups: ["GAAMAC"] },
];
const record = (marking: Marking, releasableTo: string[] = [], originator = "CAN"): Marked => ({ marking, releasableTo, originator });
const codes = (r: Marked) => audienceOf(r, PARTNERS).map((e) => e.partner);

describe("audienceOf", () => {
  it("lists every active partner of a PUBLIC record, the originator as such", () => {
    expect(audienceOf(record("PUBLIC"), PARTNERS)).toEqual([
      { partner: "CAN", reason: "ORIGINATOR", via: null },
      { partner: "EU", reason: "PUBLIC", via: null },
      { partner: "GCR2P", reason: "PUBLIC", via: null },
      { partner: "IND", reason: "PUBLIC", via: null },
      { partner: "USA", reason: "PUBLIC", via: null },
    ]);
  });

  it("gives PARTNERS to every partner and GOVERNMENTS to governments and multilaterals only", () => {
    expect(audienceOf(record("PARTNERS"), PARTNERS).filter((e) => e.reason === "PARTNERS")).toHaveLength(4);
    expect(audienceOf(record("GOVERNMENTS"), PARTNERS)).toEqual([
      { partner: "CAN", reason: "ORIGINATOR", via: null },
      { partner: "EU", reason: "GOVERNMENTS", via: null },
      { partner: "IND", reason: "GOVERNMENTS", via: null },
      { partner: "USA", reason: "GOVERNMENTS", via: null },
    ]);
  });

  it("names a partner released to by name, and the forum a group member reads through", () => {
    expect(audienceOf(record("RESTRICTED", ["IND", "GAAMAC"]), PARTNERS)).toEqual([
      { partner: "CAN", reason: "ORIGINATOR", via: null },
      { partner: "EU", reason: "GROUP", via: "GAAMAC" },
      { partner: "GCR2P", reason: "GROUP", via: "GAAMAC" },
      { partner: "IND", reason: "NAMED", via: null },
    ]);
  });

  it("prefers NAMED when a partner is named and in a named group", () => {
    expect(audienceOf(record("RESTRICTED", ["SLF", "USA"]), PARTNERS).find((e) => e.partner === "USA")).toEqual({
      partner: "USA",
      reason: "NAMED",
      via: null,
    });
  });

  it("leaves an ORIGINATOR record with its originator only", () => {
    expect(audienceOf(record("ORIGINATOR", [], "GCR2P"), PARTNERS)).toEqual([{ partner: "GCR2P", reason: "ORIGINATOR", via: null }]);
  });

  it("agrees with canRead for every partner and marking", () => {
    const markings: Marked[] = [
      record("PUBLIC"),
      record("PARTNERS"),
      record("GOVERNMENTS", [], "GCR2P"),
      record("RESTRICTED", ["EU"]),
      record("RESTRICTED", ["SLF"], "EU"),
      record("ORIGINATOR"),
    ];
    for (const r of markings) {
      const readers = PARTNERS.filter((p) =>
        canRead(makeViewer({ subject: "s", partner: p.code, kind: p.kind, roles: ["viewer"], groups: p.groups }), r),
      ).map((p) => p.code);
      expect(codes(r)).toEqual(readers.sort());
    }
  });

  it("applies the read rule it is given: a draft reaches its author only", () => {
    const draft = record("PUBLIC");
    const draftRule = (v: Viewer, r: Marked) => v.partner === r.originator && canRead(v, r);
    expect(audienceOf(draft, PARTNERS, draftRule)).toEqual([{ partner: "CAN", reason: "ORIGINATOR", via: null }]);
  });

  it("refuses a read rule that lets in a partner the marking does not", () => {
    expect(() => audienceOf(record("ORIGINATOR"), PARTNERS, () => true)).toThrow(/no reason/);
  });
});
