import { isFinal, NEXT_STATUSES, PledgeStatus, transitionRefusal } from "@concert/peacekeeping";

const { PLEDGED, VERIFIED, DEPLOYED, WITHDRAWN, EXPIRED } = PledgeStatus;
const ALL = [PLEDGED, VERIFIED, DEPLOYED, WITHDRAWN, EXPIRED];

describe("pledge status transitions", () => {
  it("allows exactly the pipeline steps", () => {
    const allowed = ALL.flatMap((from) => ALL.filter((to) => transitionRefusal(from, to) === null).map((to) => `${from}→${to}`));
    expect(allowed.sort()).toEqual(
      [
        "PLEDGED→VERIFIED",
        "PLEDGED→WITHDRAWN",
        "PLEDGED→EXPIRED",
        "VERIFIED→DEPLOYED",
        "VERIFIED→WITHDRAWN",
        "VERIFIED→EXPIRED",
        "DEPLOYED→WITHDRAWN",
        "DEPLOYED→EXPIRED",
      ].sort(),
    );
  });

  it("refuses jumping from PLEDGED to DEPLOYED without verification", () => {
    expect(transitionRefusal(PLEDGED, DEPLOYED)).toBe("a pledge must be VERIFIED before it is DEPLOYED");
  });

  it("never revives a withdrawn or expired pledge", () => {
    for (const from of [WITHDRAWN, EXPIRED]) {
      expect(isFinal(from)).toBe(true);
      expect(NEXT_STATUSES[from]).toEqual([]);
      for (const to of ALL) expect(transitionRefusal(from, to)).toMatch(/final|already/);
    }
  });

  it("refuses going back and standing still", () => {
    expect(transitionRefusal(VERIFIED, PLEDGED)).toBe("a VERIFIED pledge cannot go back to PLEDGED");
    expect(transitionRefusal(DEPLOYED, VERIFIED)).toBe("a DEPLOYED pledge cannot go back to VERIFIED");
    expect(transitionRefusal(PLEDGED, PLEDGED)).toBe("the pledge is already PLEDGED");
    expect([PLEDGED, VERIFIED, DEPLOYED].some(isFinal)).toBe(false);
  });
});
