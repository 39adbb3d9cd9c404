import type { GraphQLError } from "graphql";
import {
  dateRange,
  isCode,
  optionalDate,
  requireCount,
  requireCountry,
  requireDate,
  requireMonth,
  requireRange,
  requireText,
  today,
} from "./validation.js";

/** The code and field a check raises, or null when it passes. */
function refusal(check: () => unknown): { code: unknown; field: unknown } | null {
  try {
    check();
    return null;
  } catch (err) {
    const { extensions } = err as GraphQLError;
    return { code: extensions.code, field: extensions.field };
  }
}

const bad = (field: string) => ({ code: "BAD_USER_INPUT", field });

describe("dates", () => {
  it.each(["2026-02-28", "2024-02-29"])("accepts the calendar day %s", (day) => {
    expect(requireDate("d", day)).toBe(day);
  });

  it.each(["2026-02-30", "2025-02-29", "2026-13-01", "26-01-01", "2026-1-1", "yesterday", ""])("refuses %j naming the field", (day) => {
    expect(refusal(() => requireDate("input.date", day))).toEqual(bad("input.date"));
  });

  it("refuses the future only when asked to", () => {
    expect(refusal(() => requireDate("d", "2999-01-01"))).toBeNull();
    expect(refusal(() => requireDate("d", "2999-01-01", { notAfterToday: true }))).toEqual(bad("d"));
    expect(refusal(() => requireDate("d", today(), { notAfterToday: true }))).toBeNull();
  });

  it("lets an absent optional date through", () => {
    expect(refusal(() => optionalDate("d", null))).toBeNull();
    expect(refusal(() => optionalDate("d", undefined))).toBeNull();
    expect(refusal(() => optionalDate("d", "nope"))).toEqual(bad("d"));
  });

  it("refuses a range that ends before it starts, on the end's field", () => {
    expect(refusal(() => dateRange("from", "2026-01-02", "to", "2026-01-01"))).toEqual(bad("to"));
    expect(refusal(() => dateRange("from", "2026-01-01", "to", "2026-01-01"))).toBeNull();
    expect(refusal(() => dateRange("from", "bad", "to", null))).toEqual(bad("from"));
  });

  it("knows months", () => {
    expect(requireMonth("m", "2026-12")).toBe("2026-12");
    expect(refusal(() => requireMonth("m", "2026-13"))).toEqual(bad("m"));
  });
});

describe("text, numbers and codes", () => {
  it("trims text and refuses blank text", () => {
    expect(requireText("t", "  hello ")).toBe("hello");
    expect(refusal(() => requireText("t", " \n "))).toEqual(bad("t"));
  });

  it("refuses counts that are fractional or below the minimum", () => {
    expect(refusal(() => requireCount("n", 0))).toBeNull();
    expect(refusal(() => requireCount("n", 0, 1))).toEqual(bad("n"));
    expect(refusal(() => requireCount("n", 1.5))).toEqual(bad("n"));
    expect(refusal(() => requireCount("n", -1))).toEqual(bad("n"));
    expect(refusal(() => requireCount("n", undefined))).toBeNull();
  });

  it("bounds a range, NaN included", () => {
    expect(refusal(() => requireRange("p", 0.5, 0, 1))).toBeNull();
    expect(refusal(() => requireRange("p", 1.01, 0, 1))).toEqual(bad("p"));
    expect(refusal(() => requireRange("p", Number.NaN, 0, 1))).toEqual(bad("p"));
  });

  it("tells the code formats apart", () => {
    expect([isCode("partner", "USA"), isCode("partner", "GCR2P"), isCode("partner", "2US"), isCode("partner", "EU-X")]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect([isCode("audience", "SLF"), isCode("audience", "EU_X"), isCode("audience", "slf")]).toEqual([true, true, false]);
    expect([isCode("acronym", "MINUSCA"), isCode("acronym", "UNMISS-2"), isCode("acronym", "M")]).toEqual([true, true, false]);
  });

  it("knows ISO alpha-3 country codes", () => {
    expect(requireCountry("c", "CAF")).toBe("CAF");
    expect(refusal(() => requireCountry("c", "XXX"))).toEqual(bad("c"));
  });
});
