import { request } from "node:http";
import { edgeFromEnv } from "@concert/system";
import { useTestSystem } from "@concert/system/testing";

const edge = edgeFromEnv({}, true);
// every subgraph executes one operation at a time and lets none wait
const system = useTestSystem([], { edge: { subgraphAdmission: { ...edge.subgraphAdmission, maxConcurrent: 1, maxQueued: 0 } } });

/** Takes risk's only turn: a request whose body has not finished arriving. */
function holdRisk(): { release(): void } {
  const body = JSON.stringify({ query: "{ riskFactors { number } }" });
  const req = request(system.subgraphs.risk.url, {
    method: "POST",
    agent: false,
    headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
  });
  req.on("error", () => {});
  req.write(body.slice(0, 5));
  return { release: () => req.destroy() };
}

it("answers a busy subgraph's fields SERVICE_UNAVAILABLE naming it, while the other subgraphs' fields are served", async () => {
  const held = holdRisk();
  try {
    let res = await system.query("{ missions { acronym } riskFactor(number: 1) { number } }");
    for (let tries = 0; res.data?.riskFactor !== null && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      res = await system.query("{ missions { acronym } riskFactor(number: 1) { number } }");
    }
    expect(res.status).toBe(200);
    expect(res.data?.missions).not.toHaveLength(0);
    expect(res.data?.riskFactor).toBeNull();
    expect(res.errors).toEqual([
      {
        message: expect.stringMatching(/^service risk is at capacity/),
        path: ["riskFactor"],
        extensions: { code: "SERVICE_UNAVAILABLE", serviceName: "risk" },
      },
    ]);
  } finally {
    held.release();
  }
  const after = await system.query("{ riskFactor(number: 1) { number } }");
  expect(after.data).toEqual({ riskFactor: { number: 1 } });
});
