/** Who runs a journey: the partner and roles of the token the development issuer signs. */
export interface Persona {
  partner: string;
  roles: string[];
  description: string;
}

export interface Journey {
  name: string;
  description: string;
  persona: Persona;
  query: string;
  variables: Record<string, unknown>;
  /** The same journey with a smaller answer: its SQL statement count must be the same. */
  smaller: Record<string, unknown>;
  /** Describes the size of an answer, and throws if it is empty: an empty answer would measure nothing. */
  size(data: Record<string, unknown>): string;
}

function count(items: unknown, what: string): number {
  if (!Array.isArray(items) || items.length === 0) throw new Error(`no ${what} in the answer`);
  return items.length;
}

const sum = <T>(items: T[], f: (item: T) => number) => items.reduce((s, item) => s + f(item), 0);

type Rows = Record<string, unknown>[];

/** The three journeys of issue 7, written against schema/supergraph.graphql. */
export const JOURNEYS: Journey[] = [
  {
    name: "shared-watchlist",
    description:
      "Government analyst: the shared watchlist of the highest-risk countries, each partner's latest likelihood (with the partner's name), the missions each country hosts with their gaps, and the number of practices about it",
    persona: { partner: "USA", roles: ["analyst"], description: "USA analyst (government)" },
    query: `query SharedWatchlist($min: Likelihood, $region: String) {
  sharedWatchlist(minLikelihood: $min, region: $region) {
    country {
      code
      name
      missions { acronym gaps { capabilityType { code } gap } }
      practiceCount
    }
    highestLikelihood
    likelihoodSpread
    listedBy { partner { code } rank }
    latestAssessments { likelihood trend periodEnd author { code name } }
  }
}`,
    variables: { min: "VERY_HIGH" },
    smaller: { min: "VERY_HIGH", region: "Africa" },
    size(data) {
      const rows = data.sharedWatchlist as Rows;
      const n = count(rows, "watchlist countries");
      const assessments = sum(rows, (r) => (r.latestAssessments as unknown[]).length);
      const practices = sum(rows, (r) => (r.country as { practiceCount: number }).practiceCount);
      return `${n} countries, ${assessments} latest assessments, ${practices} practices`;
    },
  },
  {
    name: "pledge-tracking",
    description:
      "UN planner: every active mission with its requirements and gap per capability, and the outstanding pledges with each contributor's name",
    persona: { partner: "UN", roles: ["planner"], description: "UN planner (multilateral)" },
    query: `query PledgeTracking($first: Int!) {
  missions(status: ACTIVE) {
    acronym
    name
    requirements { capabilityType { code name } quantity personnel neededBy }
    gaps { capabilityType { code } required deployed pledged gap }
  }
  pledges(status: [PLEDGED, VERIFIED], first: $first) {
    totalCount
    nodes {
      id
      contributor { code name }
      mission { acronym }
      capabilityType { code }
      quantity
      personnel
      readiness
      status
      renewalDue
    }
  }
}`,
    variables: { first: 100 },
    smaller: { first: 5 },
    size(data) {
      const missions = data.missions as Rows;
      const pledges = data.pledges as { totalCount: number; nodes: unknown[] };
      count(missions, "missions");
      count(pledges.nodes, "pledges");
      return `${missions.length} missions, ${sum(missions, (m) => (m.gaps as unknown[]).length)} gaps, ${pledges.nodes.length} of ${pledges.totalCount} outstanding pledges`;
    },
  },
  {
    name: "practice-comparison",
    description: "Forum member: five partners' practices on one theme side by side, and a full-text search over practices",
    persona: { partner: "CAN", roles: ["analyst"], description: "Canada analyst (Stabilization Leaders Forum member)" },
    query: `query PracticeComparison($partners: [ID!]!, $theme: ID!, $text: String!, $first: Int!) {
  comparePractices(partners: $partners, theme: $theme) {
    partner { code name }
    practices { id title kind summary evidenceOfEffect countries { code name } }
  }
  searchPractices(query: $text, first: $first) {
    totalCount
    nodes { rank node { id title summary partner { code name } theme { name } } }
  }
}`,
    variables: { partners: ["CAN", "DEU", "GBR", "NLD", "USA"], theme: "EARLY_WARNING", text: "community radio hate speech", first: 20 },
    // both answers hold restricted material (GBR's SLF-only seed practice), whose reads are audited
    smaller: { partners: ["CAN", "GBR"], theme: "EARLY_WARNING", text: "community radio hate speech", first: 2 },
    size(data) {
      const compared = data.comparePractices as Rows;
      const search = data.searchPractices as { totalCount: number; nodes: unknown[] };
      count(compared, "compared partners");
      count(search.nodes, "search results");
      return `${compared.length} partners with ${sum(compared, (p) => (p.practices as unknown[]).length)} practices, ${search.nodes.length} of ${search.totalCount} search hits`;
    },
  },
];
