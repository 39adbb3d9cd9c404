import { defaultPledgeMarking } from "./defaults.js";
import { canReadDraftable, readableDraftableWhere } from "./drafts.js";
import { canRead, isAtLeastAsStrict, type Marked, readableWhere } from "./read.js";
import { ANONYMOUS, makeViewer } from "./viewer.js";

const USA = makeViewer({ subject: "s-usa", partner: "USA", kind: "GOVERNMENT", roles: ["analyst"], groups: [] });
const CAN = makeViewer({ subject: "s-can", partner: "CAN", kind: "GOVERNMENT", roles: ["analyst"], groups: [] });
const record = (originator: string): Marked => ({ marking: "PUBLIC", releasableTo: [], originator });
const PUBLISHED = { status: { $ne: "DRAFT" } };

describe("canReadDraftable", () => {
  it("shows a draft to its originator only, whatever its marking", () => {
    expect([ANONYMOUS, USA, CAN].map((v) => canReadDraftable(v, record("CAN"), true))).toEqual([false, false, true]);
  });

  it("applies the marking rule alone once published", () => {
    const restricted: Marked = { marking: "ORIGINATOR", releasableTo: [], originator: "CAN" };
    expect([ANONYMOUS, USA, CAN].map((v) => canReadDraftable(v, record("CAN"), false))).toEqual([true, true, true]);
    expect([ANONYMOUS, USA, CAN].map((v) => canReadDraftable(v, restricted, false))).toEqual([false, false, true]);
  });
});

describe("readableDraftableWhere", () => {
  it("asks anonymous callers for published rows within the marking rule", () => {
    expect(readableDraftableWhere(ANONYMOUS, PUBLISHED)).toEqual({ $and: [readableWhere(ANONYMOUS), PUBLISHED] });
  });

  it("lets a partner's own drafts through besides published rows", () => {
    expect(readableDraftableWhere(CAN, PUBLISHED)).toEqual({ $and: [readableWhere(CAN), { $or: [PUBLISHED, { originator: "CAN" }] }] });
  });

  it("uses the given originator column", () => {
    const columns = { marking: "m", releasableTo: "r", originator: "o" };
    expect(readableDraftableWhere(USA, PUBLISHED, columns)).toEqual({
      $and: [readableWhere(USA, columns), { $or: [PUBLISHED, { o: "USA" }] }],
    });
  });
});

describe("defaultPledgeMarking", () => {
  const d = defaultPledgeMarking();

  it("shares a new pledge with its contributor and the UN only", () => {
    const pledge = { ...d.record, originator: "BGD" };
    expect(
      [ANONYMOUS, USA, makeViewer({ subject: "s-un", partner: "UN", kind: "MULTILATERAL", roles: [], groups: [] })].map((v) =>
        canRead(v, pledge),
      ),
    ).toEqual([false, false, true]);
  });

  it("keeps unit details at least as strict as the pledge and lets partners count it", () => {
    expect(isAtLeastAsStrict(d.unitDetails, d.record)).toBe(true);
    expect(d.aggregate).toBe("PARTNERS");
  });

  it("hands out a fresh copy each time, so that no pledge shares another's arrays", () => {
    expect(defaultPledgeMarking().record.releasableTo).not.toBe(d.record.releasableTo);
  });
});
