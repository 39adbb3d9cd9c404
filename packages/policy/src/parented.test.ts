import { announcedUnderParent, canReadUnderParent, type ParentedRecord, readableUnderParentWhere } from "./parented.js";
import { canRead } from "./read.js";
import { ANONYMOUS, makeViewer, type Viewer } from "./viewer.js";
import type { Marking } from "./vocabulary.js";

const viewer = (partner: string, kind: Viewer["kind"] & string, groups: string[] = []): Viewer =>
  makeViewer({ subject: `s-${partner}`, partner, kind, roles: ["viewer"], groups });
const US = viewer("USA", "GOVERNMENT", ["SLF"]);
const EU = viewer("EU", "MULTILATERAL", ["R2PFP"]);
const CSO = viewer("GCR2P", "CIVIL_SOCIETY", ["R2PFP"]);
const DE = viewer("DEU", "GOVERNMENT", ["SLF", "R2PFP"]);
const VIEWERS = [ANONYMOUS, US, EU, CSO, DE];

const child = (
  marking: Marking,
  releasableTo: string[],
  parent: Marking,
  parentTo: string[] = [],
  parentOriginator = "OPS",
): ParentedRecord => ({
  marking,
  releasableTo,
  originator: "USA",
  parentMarking: parent,
  parentReleasableTo: parentTo,
  parentOriginator,
});

const MARKINGS: [Marking, string[]][] = [
  ["PUBLIC", []],
  ["PARTNERS", []],
  ["GOVERNMENTS", []],
  ["RESTRICTED", ["SLF"]],
  ["RESTRICTED", ["R2PFP"]],
  ["ORIGINATOR", []],
];

describe("records read under a parent", () => {
  it("are read by those who read both the record and its parent, and by nobody else", () => {
    expect(canReadUnderParent(EU, child("PUBLIC", [], "RESTRICTED", ["SLF"]))).toBe(false);
    expect(canReadUnderParent(US, child("PUBLIC", [], "RESTRICTED", ["SLF"]))).toBe(true);
    expect(canReadUnderParent(CSO, child("GOVERNMENTS", [], "PUBLIC"))).toBe(false);
    expect(canReadUnderParent(ANONYMOUS, child("PUBLIC", [], "PUBLIC"))).toBe(true);
    // the record's own originator loses it with its parent
    expect(canReadUnderParent(US, child("ORIGINATOR", [], "RESTRICTED", ["R2PFP"]))).toBe(false);
  });

  it("filter in SQL on both markings", () => {
    const where = readableUnderParentWhere(EU) as { $and: { $or: Record<string, unknown>[] }[] };
    expect(where.$and).toHaveLength(2);
    expect(JSON.stringify(where.$and[1])).toContain("parentMarking");
    expect(JSON.stringify(where.$and[1])).toContain("parentReleasableTo");
  });

  it("are announced only to partners that read both, exactly so when either is PUBLIC or PARTNERS", () => {
    for (const [m, to] of MARKINGS) {
      for (const [pm, pto] of MARKINGS) {
        const r = child(m, to, pm, pto);
        const announced = announcedUnderParent(r);
        for (const v of VIEWERS) {
          const reads = canReadUnderParent(v, r);
          if (canRead(v, announced)) expect(reads).toBe(true);
          if ([m, pm].some((x) => x === "PUBLIC" || x === "PARTNERS")) expect(canRead(v, announced)).toBe(reads);
        }
      }
    }
  });
});
