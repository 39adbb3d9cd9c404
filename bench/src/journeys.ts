/** Who runs a journey: the partner and roles of the token the bench's identity provider signs. */
export interface Persona {
  partner: string;
  roles: string[];
  description: string;
}

/** One GraphQL request of a journey, sent by one of its personas. */
export interface Operation {
  /** Index into the journey's `personas`. */
  persona: number;
  query: string;
  operationName?: string;
  /**
   * Concert is sent only the SHA-256 of `query` (a persisted document of its manifest, as the console sends it);
   * Hive Gateway, which has no persisted-document store here, is sent the text.
   */
  persisted?: boolean;
  /**
   * Fields the access policy refuses the persona (null, with a FORBIDDEN error on the field's path) are part of the
   * answer: the console asks for them and shows them as restricted. Any other error still fails the journey.
   */
  refusals?: boolean;
  variables: Record<string, unknown>;
  /** The operation's variables in the same journey with a smaller answer: its SQL statement count must be the same. */
  smaller: Record<string, unknown>;
}

export interface Journey {
  name: string;
  description: string;
  personas: Persona[];
  /** One pass of the journey: these requests in order, each connection sending them one after the other. */
  operations: Operation[];
  /**
   * Describes the size of a pass's answers (the `data` of each operation, in order), and throws if one that
   * matters is empty: an empty answer would measure nothing.
   */
  size(answers: Record<string, unknown>[]): string;
}

/** A journey of one operation, sent by one persona. */
function single(
  journey: Pick<Journey, "name" | "description"> & { persona: Persona } & Pick<Operation, "query" | "variables" | "smaller">,
  size: (data: Record<string, unknown>) => string,
): Journey {
  const { name, description, persona, query, variables, smaller } = journey;
  return { name, description, personas: [persona], operations: [{ persona: 0, query, variables, smaller }], size: ([data]) => size(data!) };
}

function count(items: unknown, what: string): number {
  if (!Array.isArray(items) || items.length === 0) throw new Error(`no ${what} in the answer`);
  return items.length;
}

const sum = <T>(items: T[], f: (item: T) => number) => items.reduce((s, item) => s + f(item), 0);

type Rows = Record<string, unknown>[];

/** The three journeys of issue 7, written against schema/supergraph.graphql. */
export const JOURNEYS: Journey[] = [
  single(
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
    },
    (data) => {
      const rows = data.sharedWatchlist as Rows;
      const n = count(rows, "watchlist countries");
      const assessments = sum(rows, (r) => (r.latestAssessments as unknown[]).length);
      const practices = sum(rows, (r) => (r.country as { practiceCount: number }).practiceCount);
      return `${n} countries, ${assessments} latest assessments, ${practices} practices`;
    },
  ),
  single(
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
    },
    (data) => {
      const missions = data.missions as Rows;
      const pledges = data.pledges as { totalCount: number; nodes: unknown[] };
      count(missions, "missions");
      count(pledges.nodes, "pledges");
      return `${missions.length} missions, ${sum(missions, (m) => (m.gaps as unknown[]).length)} gaps, ${pledges.nodes.length} of ${pledges.totalCount} outstanding pledges`;
    },
  ),
  single(
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
    },
    (data) => {
      const compared = data.comparePractices as Rows;
      const search = data.searchPractices as { totalCount: number; nodes: unknown[] };
      count(compared, "compared partners");
      count(search.nodes, "search results");
      return `${compared.length} partners with ${sum(compared, (p) => (p.practices as unknown[]).length)} practices, ${search.nodes.length} of ${search.totalCount} search hits`;
    },
  ),
];
