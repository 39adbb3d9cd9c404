import { useTestSystem } from "@concert/system/testing";

const system = useTestSystem();

const COUNTRY_QUERY = /* GraphQL */ `
  query Country($code: ID!) {
    country(code: $code) {
      code
      name
      region
      m49
      riskAssessments { likelihood demo author { code name kind } }
      missions { acronym status hostCountries { code name } }
      practices { title demo partner { code kind } }
    }
  }
`;

interface Named {
  code: string;
  name: string;
}

/** The data of COUNTRY_QUERY: one field list per subgraph. */
interface CountryView extends Named {
  region: string;
  m49: string;
  riskAssessments: { likelihood: string; demo: boolean; author: Named & { kind: string } }[];
  missions: { acronym: string; status: string; hostCountries: Named[] }[];
  practices: { title: string; demo: boolean; partner: { code: string; kind: string } }[];
}

describe("one graph across three subgraphs", () => {
  it("answers a country with fields from every subgraph and resolves partner references", async () => {
    const token = await system.token("USA", "analyst");
    const res = await system.query<{ country: CountryView }>(COUNTRY_QUERY, { token, variables: { code: "CAF" } });
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    const country = res.data!.country;
    expect(country).toMatchObject({ code: "CAF", name: "Central African Republic", region: "Africa", m49: "140" });
    // risk: the US (PARTNERS) and the EU (GOVERNMENTS) demo assessments, authors resolved by engagements
    expect(country.riskAssessments.map((a) => a.author.code).sort()).toEqual(["EU", "USA"]);
    expect(country.riskAssessments.find((a) => a.author.code === "EU")).toEqual({
      likelihood: "MODERATE",
      demo: true,
      author: { code: "EU", name: "European Union", kind: "MULTILATERAL" },
    });
    // peacekeeping: the mission it hosts, host countries named by engagements
    expect(country.missions).toEqual([
      { acronym: "MINUSCA", status: "ACTIVE", hostCountries: [{ code: "CAF", name: "Central African Republic" }] },
    ]);
    // engagements: practices about CAF the US may see (not GBR's, RESTRICTED to the SLF… which the US belongs to)
    const authors = country.practices.map((p) => p.partner.code).sort();
    expect(authors).toEqual(["CAN", "GBR", "GCR2P", "UN"]);
    expect(country.practices.every((p) => p.demo)).toBe(true);
  });

  it("lists reference data as plain lists", async () => {
    const res = await system.query<{
      countries: { code: string }[];
      partners: { code: string; kind: string }[];
      missions: { acronym: string; status: string }[];
    }>("{ countries { code } partners { code kind } missions { acronym status } }");
    expect(res.errors).toBeUndefined();
    expect(res.data!.countries.length).toBeGreaterThanOrEqual(249);
    expect(res.data!.partners).toEqual(
      expect.arrayContaining([
        { code: "USA", kind: "GOVERNMENT" },
        { code: "UN", kind: "MULTILATERAL" },
        { code: "GCR2P", kind: "CIVIL_SOCIETY" },
      ]),
    );
    const current = res.data!.missions.filter((m) => m.status !== "CLOSED").map((m) => m.acronym);
    expect(current.sort()).toEqual(
      ["MINURSO", "MINUSCA", "MONUSCO", "UNDOF", "UNFICYP", "UNIFIL", "UNISFA", "UNMIK", "UNMISS", "UNMOGIP", "UNTSO"].sort(),
    );
  });

  it("answers an unknown country with null", async () => {
    const res = await system.query<{ country: unknown }>(COUNTRY_QUERY, { variables: { code: "XXX" } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.country).toBeNull();
  });
});
