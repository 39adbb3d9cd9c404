import { useTestSystem } from "@concert/system/testing";
import { CONTRIBUTE, data, failure, type Persona, practiceInput, TITLES } from "./support";

const CHE = { partner: "CHE", role: "analyst" };

const system = useTestSystem();
beforeAll(async () => {
  for (const [title, summary, evidenceOfEffect] of [
    ["Evidence only", "Nothing here.", "The quokka census worked."],
    ["The quokka protocol", "Nothing here.", null],
    ["Summary only", "A quokka watch.", null],
  ]) {
    await data(system, CHE, CONTRIBUTE, { input: practiceInput({ title, summary, evidenceOfEffect, theme: "MEDIATION" }) });
  }
});

const SEARCH = /* GraphQL */ `
  query Search($query: String!, $theme: ID, $partner: ID, $forum: ID, $country: ID, $from: String, $to: String, $first: Int, $after: String) {
    searchPractices(query: $query, theme: $theme, partner: $partner, forum: $forum, country: $country, from: $from, to: $to, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { rank node { title partner { code } } }
    }
  }
`;

interface Found {
  searchPractices: { totalCount: number; nodes: { rank: number; node: { title: string; partner: { code: string } } }[] };
}

const titles = (result: { nodes: { node: { title: string } }[] }) => result.nodes.map((n) => n.node.title);

describe("searchPractices", () => {
  it("ranks a match in the title above one in the summary above one in the evidence, with English stemming", async () => {
    const { searchPractices } = await data<Found>(system, CHE, SEARCH, { query: "quokkas" });
    expect(titles(searchPractices)).toEqual(["The quokka protocol", "Summary only", "Evidence only"]);
    const ranks = searchPractices.nodes.map((n) => n.rank);
    expect(ranks[0]).toBeGreaterThan(ranks[1]);
    expect(ranks[1]).toBeGreaterThan(ranks[2]);
    expect(searchPractices.totalCount).toBe(3);
  });

  it("pages through the ranked matches with cursors, the count staying that of all visible matches", async () => {
    const first = (await data(system, CHE, SEARCH, { query: "quokka", first: 2 })).searchPractices;
    expect(titles(first)).toEqual(["The quokka protocol", "Summary only"]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await data(system, CHE, SEARCH, { query: "quokka", first: 2, after: first.pageInfo.endCursor })).searchPractices;
    expect(titles(second)).toEqual(["Evidence only"]);
    expect(second).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: false } });
  });

  it("supports web-search syntax: phrases and exclusions", async () => {
    expect(titles((await data(system, CHE, SEARCH, { query: '"quokka protocol"' })).searchPractices)).toEqual(["The quokka protocol"]);
    expect(titles((await data(system, CHE, SEARCH, { query: "quokka -census -protocol" })).searchPractices)).toEqual(["Summary only"]);
  });

  it("counts only the matches the caller may see", async () => {
    const gbr = (await data(system, { partner: "GBR", role: "viewer" }, SEARCH, { query: "early warning" })).searchPractices;
    const gcr2p = (await data(system, { partner: "GCR2P", role: "viewer" }, SEARCH, { query: "early warning" })).searchPractices;
    const anonymous = (await data(system, "anonymous", SEARCH, { query: "early warning" })).searchPractices;
    // DEU's Sahel lesson is RESTRICTED to the SLF; the other matches are PARTNERS (CAN, AUS) or PUBLIC (USA, ICG).
    expect(new Set(titles(gbr))).toEqual(
      new Set([TITLES.deuSahel, TITLES.canEarlyWarning, TITLES.ausEarlyWarning, TITLES.usaEarlyWarning, TITLES.icgCivilSociety]),
    );
    expect(gbr.totalCount).toBe(5);
    expect(new Set(titles(gcr2p))).toEqual(
      new Set([TITLES.canEarlyWarning, TITLES.ausEarlyWarning, TITLES.usaEarlyWarning, TITLES.icgCivilSociety]),
    );
    expect(gcr2p.totalCount).toBe(4);
    expect(new Set(titles(anonymous))).toEqual(new Set([TITLES.usaEarlyWarning, TITLES.icgCivilSociety]));
    expect(anonymous.totalCount).toBe(2);
    // Most relevant first: "early warning" in the title outranks it in the summary only (ICG).
    expect(titles(gbr).at(-1)).toBe(TITLES.icgCivilSociety);
  });

  it("filters by theme, partner, forum, country and date", async () => {
    const gbr = { partner: "GBR", role: "viewer" };
    const search = async (filters: Record<string, unknown>) =>
      titles((await data(system, gbr, SEARCH, { query: "early warning", ...filters })).searchPractices);
    expect(await search({ theme: "FIELD_COORDINATION" })).toEqual([TITLES.deuSahel]);
    expect(await search({ partner: "aus" })).toEqual([TITLES.ausEarlyWarning]);
    expect(await search({ forum: "SLF" })).toEqual([TITLES.deuSahel, TITLES.canEarlyWarning]);
    expect(new Set(await search({ country: "MMR" }))).toEqual(new Set([TITLES.ausEarlyWarning, TITLES.icgCivilSociety]));
    expect(new Set(await search({ from: "2026-03-01", to: "2026-04-30" }))).toEqual(
      new Set([TITLES.canEarlyWarning, TITLES.ausEarlyWarning]),
    );
    expect(await search({ theme: "EARLY_WARNING", country: "SSD", from: "2026-01-01" })).toEqual([TITLES.canEarlyWarning]);
  });

  it("refuses unknown filter values and an empty query, naming the argument", async () => {
    const gbr = { partner: "GBR", role: "viewer" };
    expect(await failure(system, gbr, SEARCH, { query: "x", theme: "ASTROLOGY" })).toEqual({ code: "BAD_USER_INPUT", field: "theme" });
    expect(await failure(system, gbr, SEARCH, { query: "x", partner: "XYZ" })).toEqual({ code: "BAD_USER_INPUT", field: "partner" });
    expect(await failure(system, gbr, SEARCH, { query: "x", forum: "NOPE" })).toEqual({ code: "BAD_USER_INPUT", field: "forum" });
    expect(await failure(system, gbr, SEARCH, { query: "x", country: "XXX" })).toEqual({ code: "BAD_USER_INPUT", field: "country" });
    expect(await failure(system, gbr, SEARCH, { query: "x", from: "2026-13-01" })).toEqual({ code: "BAD_USER_INPUT", field: "from" });
    expect(await failure(system, gbr, SEARCH, { query: "x", from: "2026-05-01", to: "2026-04-01" })).toEqual({
      code: "BAD_USER_INPUT",
      field: "to",
    });
    expect(await failure(system, gbr, SEARCH, { query: "  " })).toEqual({ code: "BAD_USER_INPUT", field: "query" });
    expect(await failure(system, gbr, SEARCH, { query: "x", after: "garbage" })).toEqual({ code: "BAD_USER_INPUT", field: "after" });
  });
});

describe("searchEngagements", () => {
  const SEARCH_ENGAGEMENTS = /* GraphQL */ `
    query Search($query: String!, $partner: ID, $forum: ID, $country: ID, $kind: EngagementKind, $from: String) {
      searchEngagements(query: $query, partner: $partner, forum: $forum, country: $country, kind: $kind, from: $from) {
        totalCount
        nodes { rank node { title forum { code } } }
      }
    }
  `;
  const search = async (who: Persona, variables: Record<string, unknown>) =>
    titles((await data(system, who, SEARCH_ENGAGEMENTS, variables)).searchEngagements);

  it("searches title, summary and outcomes of the visible engagements, with filters", async () => {
    const usa = { partner: "USA", role: "viewer" };
    // "glossary" appears only in an outcome of the SLF session (RESTRICTED to SLF).
    expect(await search(usa, { query: "glossary" })).toEqual(["[DEMO] SLF working session on early-warning indicators"]);
    expect(await search({ partner: "BGD", role: "viewer" }, { query: "glossary" })).toEqual([]);
    expect(await search(usa, { query: "sanctions", partner: "EU" })).toEqual(["[DEMO] Exchange on coordinating sanctions on South Sudan"]);
    expect(await search(usa, { query: "sanctions", partner: "CAN" })).toEqual([]);
    expect(await search(usa, { query: "training", kind: "TRAINING", country: "SSD" })).toEqual([
      "[DEMO] Mediation training for mission and regional staff",
    ]);
    expect(await search(usa, { query: "training", forum: "R2PFP", from: "2026-06-01" })).toEqual([
      "[DEMO] Atrocity-prevention training for new R2P focal points",
    ]);
  });
});
