import type { AudienceCandidate } from "./audience.js";
import { declareMarkedType, markedType, markingSql } from "./marked-type.js";
import { canRead, type Marked } from "./read.js";
import { PLEDGE, RISK_ASSESSMENT } from "./types/index.js";
import { ANONYMOUS, makeViewer, type Viewer } from "./viewer.js";
import { MARKINGS, type Marking } from "./vocabulary.js";

/**
 * The derived readers of a declaration agree with each other: the filter (run here by a small interpreter of the
 * MikroORM operators it uses), the row check, the audience and the alert check. test/access/agreement.test.ts
 * checks the same through PostgreSQL and the gateway.
 */

const PARTNERS: AudienceCandidate[] = [
  { code: "CAN", kind: "GOVERNMENT", groups: ["SLF"] },
  { code: "USA", kind: "GOVERNMENT", groups: [] },
  { code: "EU", kind: "MULTILATERAL", groups: ["GAAMAC"] },
  { code: "GCR2P", kind: "CIVIL_SOCIETY", groups: ["GAAMAC", "SLF"] },
];
const viewers: Viewer[] = [
  ANONYMOUS,
  ...PARTNERS.map((p) => makeViewer({ subject: p.code, partner: p.code, kind: p.kind, roles: [], groups: p.groups })),
];
const AUDIENCES = [[], ["USA"], ["SLF"], ["GAAMAC", "CAN"]];

type Row = Record<string, unknown>;

/** Evaluates the subset of MikroORM's filter language the policy produces. */
function matches(row: Row, where: Record<string, unknown>): boolean {
  return Object.entries(where).every(([key, cond]) => {
    if (key === "$or") return (cond as Record<string, unknown>[]).some((c) => matches(row, c));
    if (key === "$and") return (cond as Record<string, unknown>[]).every((c) => matches(row, c));
    const value = row[key];
    if (cond !== null && typeof cond === "object" && !Array.isArray(cond)) {
      const ops = cond as Record<string, unknown>;
      if ("$in" in ops) return (ops.$in as unknown[]).includes(value);
      if ("$ne" in ops) return value !== ops.$ne;
      if ("$overlap" in ops) return (value as string[]).some((v) => (ops.$overlap as string[]).includes(v));
      return value !== null && typeof value === "object" && matches(value as Row, ops);
    }
    return value === cond;
  });
}

function rowsOf(extra: (base: Row) => Row[]): Row[] {
  const rows: Row[] = [];
  for (const marking of MARKINGS)
    for (const releasableTo of marking === "RESTRICTED" ? AUDIENCES.slice(1) : [[]])
      for (const originator of ["CAN", "EU", "GCR2P"]) rows.push(...extra({ marking, releasableTo, originator }));
  return rows;
}

describe("a declared type's readers", () => {
  it("agree on drafts: the filter, the row check, the audience and the alert check", () => {
    const rows = rowsOf((base) => [
      { ...base, status: "DRAFT" },
      { ...base, status: "PUBLISHED" },
    ]);
    for (const row of rows) {
      const readers = viewers.filter((v) => RISK_ASSESSMENT.canRead(v, row));
      expect(viewers.filter((v) => matches(row, RISK_ASSESSMENT.where(v)))).toEqual(readers);
      expect(RISK_ASSESSMENT.audience(row, PARTNERS).map((e) => e.partner)).toEqual(
        readers
          .filter((v) => v.partner !== null)
          .map((v) => v.partner)
          .sort(),
      );
      for (const v of viewers) expect(RISK_ASSESSMENT.mayAlert(v, row)).toBe(row.status !== "DRAFT" && RISK_ASSESSMENT.canRead(v, row));
      if (row.status === "DRAFT")
        expect(readers.map((v) => v.partner)).toEqual(viewers.filter((v) => v.partner === row.originator).map((v) => v.partner));
    }
  });

  it("require the parent's readability on the child, and derive the filter through the relation", () => {
    const parent = declareMarkedType({ type: "TestParent" });
    const child = declareMarkedType({ type: "TestChild", parent: { type: parent, property: "parent" } });
    const parents = rowsOf((base) => [{ ...base, id: "p" }]);
    const children = rowsOf((base) => parents.map((p) => ({ ...base, parent: p })));
    for (const row of children) {
      for (const v of viewers) {
        const expected = canRead(v, row as never) && canRead(v, row.parent as never);
        expect(child.canRead(v, row)).toBe(expected);
        expect(matches(row, child.where(v))).toBe(expected);
      }
    }
    // A parent that is not loaded denies.
    expect(child.canRead(viewers[1]!, { marking: "PUBLIC", releasableTo: [], originator: "CAN", parent: { id: "p" } })).toBe(false);
    // A plain row holds its parent's key alone: not a loaded parent, so the parent read beside it decides.
    const plain = { marking: "PUBLIC", releasableTo: [], originator: "CAN", parent: { id: "p" } };
    expect(child.parentOf(plain)).toBeNull();
    expect(child.parentKeyOf(plain)).toBe("p");
    expect(child.canRead(viewers[1]!, plain, { id: "p", marking: "PUBLIC", releasableTo: [], originator: "USA" })).toBe(true);
    expect(child.sql(viewers[1]!, "c").sql).toContain('exists (select 1 from "test_parent" parent where parent.id = c.parent_id');
  });

  it("derive the SQL predicate with every value bound", () => {
    const { sql, params } = RISK_ASSESSMENT.sql(viewers[1]!, "a");
    expect(sql).not.toMatch(/CAN|SLF|PUBLIC'/);
    expect(sql.split("?").length - 1).toBe(params.length);
    expect(markingSql(ANONYMOUS, { marking: "m", releasableTo: "r", originator: "o" })).toEqual({
      sql: "(m = any(?::text[]))",
      params: ['{"PUBLIC"}'],
    });
  });

  it("read a part by its own marking, and count a pledge in aggregates under the exception with its threshold", () => {
    const pledge = {
      marking: "PARTNERS",
      releasableTo: [],
      originator: "CAN",
      unitDetailsMarking: "RESTRICTED",
      unitDetailsReleasableTo: ["SLF"],
    };
    expect(viewers.map((v) => PLEDGE.canReadField(v, pledge, "unitDetails"))).toEqual([false, true, false, false, true]);
    const hidden = { ...pledge, marking: "ORIGINATOR", aggregateMarking: "PARTNERS" };
    expect(viewers.map((v) => matches(hidden, PLEDGE.aggregateWhere(v)))).toEqual([false, true, true, true, true]);
    expect([0, 1, 2, 3].map((n) => PLEDGE.mayShowUnreadablePart(n))).toEqual([true, false, false, true]);
    expect(PLEDGE.aggregateMarkingProblem("ORIGINATOR", "PARTNERS")).toMatch(/not be stricter/);
    expect(RISK_ASSESSMENT.mayShowUnreadablePart(1)).toBe(false);
  });

  it("answer originator-only questions to the originator alone, and preview a published record's audience", () => {
    const row: Marked & { status: string } = { marking: "RESTRICTED", releasableTo: ["SLF"], originator: "EU", status: "DRAFT" };
    expect(viewers.map((v) => RISK_ASSESSMENT.isOriginator(v, row))).toEqual([false, false, false, true, false]);
    expect(RISK_ASSESSMENT.previewAudience(row, PARTNERS).map((e) => e.partner)).toEqual(["CAN", "EU", "GCR2P"]);
    expect(RISK_ASSESSMENT.audience(row, PARTNERS).map((e) => e.partner)).toEqual(["EU"]);
  });

  it("deny an unknown marking, and find declarations by type name", () => {
    expect(RISK_ASSESSMENT.canRead(viewers[1]!, { marking: "SECRET" as Marking, releasableTo: [], originator: "USA" })).toBe(false);
    expect(markedType("Pledge")).toBe(PLEDGE);
    expect(markedType("Nothing")).toBeNull();
    expect(() => declareMarkedType({ type: "Pledge" })).toThrow(/twice/);
  });
});
