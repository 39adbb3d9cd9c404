import { type FeedNode, feedEntries } from "./collections.js";
import type { PracticeRecord } from "./records.js";

const practice = (id: string, version: number): PracticeRecord => ({
  __typename: "Practice",
  id,
  marking: "PARTNERS",
  releasableTo: [],
  version,
  createdAt: "2026-12-01T10:00:00.000Z",
  updatedAt: "2026-12-01T10:00:00.000Z",
  originator: { code: "CAN" },
  kind: "BEST_PRACTICE",
  title: id,
  summary: "s",
  evidenceOfEffect: null,
  date: "2026-12-01",
  theme: { code: "TRAINING" },
  countries: [],
});

const edge = (id: string, at: string, record: PracticeRecord | null, cursor: string) => ({
  cursor,
  node: { recordType: "PRACTICE", id, change: "UPDATED", at, record } satisfies FeedNode,
});

describe("date_added from the change feed", () => {
  it("increases strictly in feed order, even when a transaction that started earlier committed later", () => {
    const { entries } = feedEntries(
      [
        edge("a", "2026-12-01T10:00:05.000Z", practice("a", 1), "c1"),
        // Started before "a" but committed after it: later in the feed, with an earlier `at`.
        edge("b", "2026-12-01T10:00:01.000Z", practice("b", 1), "c2"),
        edge("c", "2026-12-01T10:00:05.000Z", practice("c", 1), "c3"),
      ],
      Number.NEGATIVE_INFINITY,
    );
    const dates = entries.map((e) => e.dateAdded);
    expect(dates).toEqual([
      Date.parse("2026-12-01T10:00:05.000Z"),
      Date.parse("2026-12-01T10:00:05.001Z"),
      Date.parse("2026-12-01T10:00:05.002Z"),
    ]);
    expect(entries.map((e) => e.cursor)).toEqual(["c1", "c2", "c3"]);
  });

  it("serves a record once, at its latest change, and not at all when that change hides it", () => {
    const { entries, keys } = feedEntries(
      [
        edge("a", "2026-12-01T10:00:00.000Z", practice("a", 2), "c1"),
        edge("b", "2026-12-01T10:00:01.000Z", null, "c2"),
        edge("a", "2026-12-01T10:00:02.000Z", practice("a", 2), "c3"),
      ],
      Number.NEGATIVE_INFINITY,
    );
    expect(entries.map((e) => e.cursor)).toEqual(["c3"]);
    expect([...keys].sort()).toEqual(["Practice:a", "Practice:b"]);
  });

  it("goes on from where a page ended", () => {
    const previous = Date.parse("2026-12-01T10:00:09.000Z");
    const { entries } = feedEntries([edge("a", "2026-12-01T10:00:01.000Z", practice("a", 1), "c9")], previous);
    expect(entries[0].dateAdded).toBe(previous + 1);
  });
});
