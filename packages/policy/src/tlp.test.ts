import { tlpLabel, tlpOf, tlpStatement } from "./tlp.js";
import { MARKINGS } from "./vocabulary.js";

describe("TLP 2.0 from a marking", () => {
  it("maps every marking to the documented level", () => {
    expect(Object.fromEntries(MARKINGS.map((m) => [m, tlpOf(m)]))).toEqual({
      PUBLIC: "CLEAR",
      PARTNERS: "GREEN",
      GOVERNMENTS: "AMBER",
      RESTRICTED: "AMBER_STRICT",
      ORIGINATOR: "RED",
    });
  });

  it("writes labels as FIRST does", () => {
    expect(tlpLabel("AMBER_STRICT")).toBe("TLP:AMBER+STRICT");
    expect(tlpLabel("CLEAR")).toBe("TLP:CLEAR");
  });

  it("states the audience where the label does not say it", () => {
    expect(tlpStatement("PUBLIC")).toBeNull();
    expect(tlpStatement("PARTNERS")).toBeNull();
    expect(tlpStatement("ORIGINATOR")).toBeNull();
    expect(tlpStatement("GOVERNMENTS")).toMatch(/governments and multilateral organisations only/i);
    expect(tlpStatement("RESTRICTED", ["SLF", "CAN", "CAN"])).toBe(
      "The originating partner and only these partners and groups (forums): CAN, SLF.",
    );
    expect(tlpStatement("RESTRICTED", [])).toMatch(/originating partner only/);
  });
});
