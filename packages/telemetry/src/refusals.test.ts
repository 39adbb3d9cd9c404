import { Writable } from "node:stream";
import { createLogger } from "./logger.js";
import { RefusalLog } from "./refusals.js";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger({ service: "gateway", destination }) };
}

describe("refused requests in the log", () => {
  it("are one short line each, and a client repeating one refusal is summarised with a count once per window", async () => {
    const { lines, logger } = capture();
    const refusals = new RefusalLog(logger, 200);
    for (let i = 0; i < 1_000; i++) refusals.note("10.0.0.1", 429, "RATE_LIMITED", `req-${i}`);
    refusals.note("10.0.0.2", 401, "UNAUTHENTICATED", "other");
    refusals.note("10.0.0.1", 413, "BAD_REQUEST");
    expect(lines.map((l) => l.msg)).toEqual(["refused 429 RATE_LIMITED", "refused 401 UNAUTHENTICATED", "refused 413 BAD_REQUEST"]);
    expect(lines[0]).toMatchObject({ level: "warn", client: "10.0.0.1", status: 429, code: "RATE_LIMITED", requestId: "req-0" });
    await new Promise((r) => setTimeout(r, 450));
    const summary = lines.find((l) => typeof l.count === "number");
    expect(summary).toMatchObject({ client: "10.0.0.1", status: 429, code: "RATE_LIMITED", count: 999 });
    expect(summary!.msg).toMatch(/^refused 999 more 429 RATE_LIMITED in \d+ s$/);
    // 1,002 refusals: four lines, each short
    expect(lines).toHaveLength(4);
    expect(lines.every((l) => JSON.stringify(l).length < 300)).toBe(true);
  });
});
