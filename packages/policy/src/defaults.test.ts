import { defaultPledgeMarking } from "./defaults.js";
import { canRead, isAtLeastAsStrict } from "./read.js";
import { ANONYMOUS, makeViewer } from "./viewer.js";

const USA = makeViewer({ subject: "s-usa", partner: "USA", kind: "GOVERNMENT", roles: ["analyst"], groups: [] });

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
