import { riskSubgraph } from "@concert/risk";
import { useTestSubgraph } from "@concert/system/testing";

const subgraph = useTestSubgraph(riskSubgraph);

it("serves the 14 risk factors of the Framework of Analysis, in order, with their scopes", async () => {
  const res = await subgraph.query<{ riskFactors: { number: number; scope: string }[] }>("{ riskFactors { number scope } }");
  expect(res.errors).toBeUndefined();
  expect(res.data!.riskFactors.map((f) => f.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  const scopes = res.data!.riskFactors.map((f) => f.scope);
  expect(scopes.slice(0, 8).every((s) => s === "COMMON")).toBe(true);
  expect(scopes.slice(8)).toEqual([
    "GENOCIDE",
    "GENOCIDE",
    "CRIMES_AGAINST_HUMANITY",
    "CRIMES_AGAINST_HUMANITY",
    "WAR_CRIMES",
    "WAR_CRIMES",
  ]);
});
