/**
 * What the exchange asks the gateway for: one GraphQL selection per kind of record, used alike by the full listing
 * and by the change feeds' `record`, so that an object reads the same however it was reached.
 */

const MARKED = "marking releasableTo version createdAt updatedAt originator { code }";

/** Each record's selection, by fragment name. */
const FRAGMENT_TEXT: Record<string, string> = {
  AssessmentFields: `fragment AssessmentFields on RiskAssessment {
  id ${MARKED} revision periodStart periodEnd likelihood probability confidence stage status summary scenarios
  recommendedActions evidenceMarking evidenceReleasableTo trend country { code name }
  factorRatings { id level rationale factor { number title } findings { id observedOn reliability indicator { code text } evidence source } }
}`,
  ForecastQuestionFields: `fragment ForecastQuestionFields on ForecastQuestion {
  id ${MARKED} event windowStart windowEnd resolutionCriteria questionStatus: status resolutionSource resolvedOn country { code name }
}`,
  ForecastFields: `fragment ForecastFields on Forecast {
  id ${MARKED} forecastProbability: probability rationale madeAt question { id }
}`,
  OpinionFields: `fragment OpinionFields on Opinion {
  id ${MARKED} stance explanation assessment { id } factor { number }
}`,
  WatchlistFields: `fragment WatchlistFields on Watchlist {
  id ${MARKED} title entries { rank rationale since country { code name } }
}`,
  PledgeFields: `fragment PledgeFields on Pledge {
  id ${MARKED} quantity personnel womenPersonnel readiness status renewalDue unitDetailsMarking unitDetails
  mission { acronym } capabilityType { code } event { code }
}`,
  MissionFields: `fragment MissionFields on Mission {
  acronym name protectionOfCivilians chapterVII startDate endDate missionStatus: status version updatedAt hostCountries { code }
}`,
  PracticeFields: `fragment PracticeFields on Practice {
  id ${MARKED} kind title summary evidenceOfEffect date theme { code } countries { code }
}`,
  EngagementFields: `fragment EngagementFields on Engagement {
  id ${MARKED} engagementKind: kind title date summary outcomes forum { code } participants { code } countries { code }
}`,
};

/** A query with the fragments it spreads appended: GraphQL refuses a document with an unused fragment. */
export function withFragments(query: string): string {
  const used = Object.keys(FRAGMENT_TEXT).filter((name) => query.includes(`...${name}`));
  return [query, ...used.map((name) => FRAGMENT_TEXT[name])].join("\n");
}

interface Marked {
  id: string;
  marking: import("@concert/policy").Marking;
  releasableTo: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
  originator: { code: string };
}

export interface AssessmentRecord extends Marked {
  __typename: "RiskAssessment";
  revision: number;
  periodStart: string;
  periodEnd: string;
  likelihood: string;
  probability: number | null;
  confidence: string;
  stage: string;
  status: string;
  summary: string;
  scenarios: string[];
  recommendedActions: string[];
  evidenceMarking: import("@concert/policy").Marking;
  evidenceReleasableTo: string[];
  trend: string;
  country: { code: string; name: string };
  factorRatings: {
    id: string;
    level: string;
    rationale: string;
    factor: { number: number; title: string };
    findings: {
      id: string;
      observedOn: string;
      reliability: string;
      indicator: { code: string; text: string } | null;
      evidence: string | null;
      source: string | null;
    }[];
  }[];
}

export interface WatchlistRecord extends Marked {
  __typename: "Watchlist";
  title: string;
  entries: { rank: number; rationale: string; since: string; country: { code: string; name: string } }[];
}

export interface ForecastQuestionRecord extends Marked {
  __typename: "ForecastQuestion";
  event: string;
  windowStart: string;
  windowEnd: string;
  resolutionCriteria: string;
  /** `status`, aliased: a feed page selects assessments and questions together, and their statuses are different enums. */
  questionStatus: string;
  resolutionSource: string | null;
  resolvedOn: string | null;
  country: { code: string; name: string };
}

export interface ForecastRecord extends Marked {
  __typename: "Forecast";
  /** `probability`, aliased: an assessment's may be null, a forecast's never, and a feed page selects both. */
  forecastProbability: number;
  rationale: string;
  madeAt: string;
  question: { id: string };
}

export interface OpinionRecord extends Marked {
  __typename: "Opinion";
  stance: "STRONGLY_DISAGREE" | "DISAGREE" | "NEUTRAL" | "AGREE" | "STRONGLY_AGREE";
  explanation: string;
  assessment: { id: string };
  factor: { number: number } | null;
}

export interface PledgeRecord extends Marked {
  __typename: "Pledge";
  quantity: number;
  personnel: number;
  womenPersonnel: number;
  readiness: string;
  status: string;
  renewalDue: string | null;
  unitDetailsMarking: import("@concert/policy").Marking;
  unitDetails: string | null;
  mission: { acronym: string } | null;
  capabilityType: { code: string };
  event: { code: string } | null;
}

export interface MissionRecord {
  __typename: "Mission";
  acronym: string;
  name: string;
  protectionOfCivilians: boolean;
  chapterVII: boolean;
  startDate: string;
  endDate: string | null;
  /** `status`, aliased: a feed page selects Mission and Pledge together, and their statuses are different enums. */
  missionStatus: string;
  version: number;
  updatedAt: string;
  hostCountries: { code: string }[];
}

export interface PracticeRecord extends Marked {
  __typename: "Practice";
  kind: string;
  title: string;
  summary: string;
  evidenceOfEffect: string | null;
  date: string;
  theme: { code: string };
  countries: { code: string }[];
}

export interface EngagementRecord extends Marked {
  __typename: "Engagement";
  /** `kind`, aliased: a feed page selects Practice and Engagement together, and their kinds are different enums. */
  engagementKind: string;
  title: string;
  date: string;
  summary: string;
  outcomes: string[];
  forum: { code: string } | null;
  participants: { code: string }[];
  countries: { code: string }[];
}

export interface PartnerRecord {
  __typename: "Partner";
  code: string;
  name: string;
  kind: "GOVERNMENT" | "MULTILATERAL" | "CIVIL_SOCIETY";
  version: number;
  updatedAt: string;
}

export type ConcertRecord =
  | AssessmentRecord
  | WatchlistRecord
  | ForecastQuestionRecord
  | ForecastRecord
  | OpinionRecord
  | PledgeRecord
  | MissionRecord
  | PracticeRecord
  | EngagementRecord
  | PartnerRecord;

/** The GraphQL error the gateway answered with, kept with its code for the TAXII error message. */
export class GatewayError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus: number,
  ) {
    super(message);
  }
}

/** The HTTP status a TAXII client gets for the gateway's error code; anything else is a bad gateway (502). */
const GATEWAY_CODE_STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
};

/** Sends one GraphQL request to the gateway with the caller's own Authorization header. */
export async function askGateway<T>(
  gatewayUrl: string,
  authorization: string | undefined,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch {
    throw new GatewayError("SERVICE_UNAVAILABLE", "The gateway did not answer.", 503);
  }
  const body = (await response.json().catch(() => null)) as {
    data?: T;
    errors?: { message: string; extensions?: { code?: string } }[];
  } | null;
  // A part whose own marking the caller does not pass comes back null with FORBIDDEN beside the rest: it is withheld,
  // and the record is still served. Any other error refuses the whole answer.
  const error = body?.errors?.find((e) => !(body.data && e.extensions?.code === "FORBIDDEN" && (e as { path?: unknown[] }).path));
  if (error || !body?.data) {
    const code = error?.extensions?.code ?? "INTERNAL_SERVER_ERROR";
    const status = GATEWAY_CODE_STATUS[code] ?? 502;
    throw new GatewayError(code, error?.message ?? `The gateway answered HTTP ${response.status}.`, status);
  }
  return body.data;
}

/** Every page of a connection, `first` at a time, up to `max` nodes. */
export async function allPages<N>(
  fetchPage: (after: string | null) => Promise<{ nodes: N[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } }>,
  max = 20_000,
): Promise<N[]> {
  const nodes: N[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await fetchPage(after);
    nodes.push(...page.nodes);
    if (!page.pageInfo.hasNextPage || nodes.length >= max) return nodes;
    after = page.pageInfo.endCursor;
  }
}
