import { allCountries } from "@concert/countries";
import { TLP_LEVELS } from "@concert/policy";
import { allPages, askGateway, type ConcertRecord, GatewayError, type PartnerRecord, withFragments } from "./records.js";
import { CONCERT_EXTENSION_DEFINITION, CONCERT_IDENTITY } from "./stix/extension.js";
import { stixId } from "./stix/ids.js";
import { countryLocation, toStix } from "./stix/mapping.js";
import { type StixObject, tlpMarkingDefinition } from "./stix/markings.js";

/**
 * One TAXII collection per domain. Its content is what the caller may read now, in the order the records were
 * added: first what predates the domain's change feed (the records seeded with the deployment and those whose
 * changes the retention dropped), then each record at its latest change in feed order.
 */
export interface CollectionDefinition {
  name: "risk" | "peacekeeping" | "engagements";
  title: string;
  description: string;
  feedField: string;
  feedTypes: string[];
  /** Records per feed page: a page costs what its records' selection costs, within the gateway's cost limit. */
  feedPage: number;
  recordSelection: string;
  /** Reads every current record of the collection. */
  listAll(ask: Ask): Promise<ConcertRecord[]>;
  /** Objects that are not records of a feed: the registry (engagements). */
  reference?(ask: Ask): Promise<StixObject[]>;
}

type Ask = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

/** A TAXII collection's id: UUIDv5 of its name, so that it never changes. */
export const collectionId = (name: string) => stixId("collection", "Collection", name).replace("collection--", "");

const PAGE = 50;
type Connection<N> = { nodes: N[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };

function connection<N>(ask: Ask, field: string, fragment: string, size = PAGE): Promise<N[]> {
  return allPages<N>(async (after) => {
    const data = await ask<Record<string, Connection<N>>>(
      withFragments(
        `query($after: String) { ${field}(first: ${size}, after: $after) { nodes { __typename ...${fragment} } pageInfo { endCursor hasNextPage } } }`,
      ),
      { after },
    );
    return data[field];
  });
}

async function list<N>(ask: Ask, field: string, fragment: string): Promise<N[]> {
  const data = await ask<Record<string, N[] | null>>(withFragments(`{ ${field} { __typename ...${fragment} } }`));
  return data[field] ?? [];
}

export const COLLECTIONS: CollectionDefinition[] = [
  {
    name: "risk",
    title: "Concert risk",
    description:
      "Risk assessments (report, with their findings as notes), watchlists (grouping), forecast questions and forecasts (note) and opinions (opinion) you may read.",
    feedField: "riskChanges",
    feedTypes: ["RISK_ASSESSMENT", "WATCHLIST", "FORECAST_QUESTION", "FORECAST", "OPINION"],
    feedPage: 20,
    recordSelection: "__typename ...AssessmentFields ...WatchlistFields ...ForecastQuestionFields ...ForecastFields ...OpinionFields",
    listAll: async (ask) => [
      ...(await connection<ConcertRecord>(ask, "riskAssessments", "AssessmentFields", 20)),
      ...(await list<ConcertRecord>(ask, "watchlists", "WatchlistFields")),
      ...(await connection<ConcertRecord>(ask, "forecastQuestions", "ForecastQuestionFields")),
      ...(await connection<ConcertRecord>(ask, "forecastHistory", "ForecastFields", 200)),
      ...(await connection<ConcertRecord>(ask, "opinions", "OpinionFields")),
    ],
  },
  {
    name: "peacekeeping",
    title: "Concert peacekeeping",
    description: "Peacekeeping missions (concert-mission) and pledges (concert-pledge) you may read.",
    feedField: "peacekeepingChanges",
    feedTypes: ["MISSION", "PLEDGE"],
    feedPage: 100,
    recordSelection: "__typename ...MissionFields ...PledgeFields",
    listAll: async (ask) => [
      ...(await list<ConcertRecord>(ask, "missions", "MissionFields")),
      ...(await connection<ConcertRecord>(ask, "pledges", "PledgeFields")),
    ],
  },
  {
    name: "engagements",
    title: "Concert engagements",
    description:
      "The partner registry (identity), countries (location), practices (note) and engagements (concert-engagement) you may read.",
    feedField: "engagementsChanges",
    feedTypes: ["PRACTICE", "ENGAGEMENT"],
    feedPage: 100,
    recordSelection: "__typename ...PracticeFields ...EngagementFields",
    listAll: async (ask) => [
      ...(await connection<ConcertRecord>(ask, "practices", "PracticeFields")),
      ...(await connection<ConcertRecord>(ask, "engagements", "EngagementFields")),
    ],
    reference: async (ask) => {
      const partners = await ask<{ partners: Omit<PartnerRecord, "__typename">[] }>(
        "{ partners(includeInactive: true) { code name kind version updatedAt } }",
      );
      const identities = partners.partners.flatMap((p) => toStix({ __typename: "Partner", ...p }).objects);
      const locations = allCountries().flatMap((c) => countryLocation(c.code) ?? []);
      return [...identities, ...locations];
    },
  },
];

/** One object of a collection, with the time it counts as added. */
export interface Entry {
  object: StixObject;
  /** Milliseconds since the epoch; strictly increasing between records, equal for the objects of one record. */
  dateAdded: number;
  /** The feed cursor after this entry's record, when it comes from the feed. */
  cursor?: string;
}

export interface FeedNode {
  recordType: string;
  id: string;
  change: string;
  at: string;
  record: ConcertRecord | null;
}

const recordKey = (r: ConcertRecord) => `${r.__typename}:${"acronym" in r ? r.acronym : "code" in r ? r.code : r.id}`;
const FEED_RECORD_TYPE: Record<string, string> = {
  RISK_ASSESSMENT: "RiskAssessment",
  WATCHLIST: "Watchlist",
  FORECAST_QUESTION: "ForecastQuestion",
  FORECAST: "Forecast",
  OPINION: "Opinion",
  PLEDGE: "Pledge",
  MISSION: "Mission",
  PRACTICE: "Practice",
  ENGAGEMENT: "Engagement",
};

/** The objects every collection starts with: Concert's identity and extension definition, and the TLP 2.0 markings. */
const PREAMBLE: StixObject[] = [CONCERT_IDENTITY, CONCERT_EXTENSION_DEFINITION, ...TLP_LEVELS.map(tlpMarkingDefinition)];

/** When TLP 2.0's marking definitions were published: the date of the preamble and the registry in every collection. */
const PREAMBLE_ADDED = Date.parse("2022-10-01T00:00:00.000Z");

async function readFeed(ask: Ask, c: CollectionDefinition, after: string | null): Promise<{ node: FeedNode; cursor: string }[]> {
  const edges: { node: FeedNode; cursor: string }[] = [];
  let cursor = after;
  for (let pages = 0; pages < 1000; pages++) {
    const data = await ask<
      Record<string, { edges: { cursor: string; node: FeedNode }[]; pageInfo: { endCursor: string; hasNextPage: boolean } }>
    >(
      withFragments(`query($after: String) { ${c.feedField}(first: ${c.feedPage}, after: $after, types: [${c.feedTypes.join(", ")}]) {
        edges { cursor node { recordType id change at record { ${c.recordSelection} } } } pageInfo { endCursor hasNextPage } } }`),
      { after: cursor },
    );
    const page = data[c.feedField];
    edges.push(...page.edges);
    if (!page.pageInfo.hasNextPage) break;
    cursor = page.pageInfo.endCursor;
  }
  return edges;
}

/**
 * The entries of the feed after `after`, each record at its latest change. `dateAdded` is the change's time made
 * strictly increasing in feed order (`max(at, previous + 1 ms)`), not the writing transaction's start: a transaction
 * that commits late comes later in the feed, so a client polling with its last `date_added` never skips it.
 */
export function feedEntries(edges: { node: FeedNode; cursor: string }[], previous: number): { entries: Entry[]; keys: Set<string> } {
  const dates: number[] = [];
  let last = previous;
  for (const { node } of edges) {
    last = Math.max(new Date(node.at).getTime(), last + 1);
    dates.push(last);
  }
  const latest = new Map<string, number>();
  for (const [i, { node }] of edges.entries()) latest.set(`${FEED_RECORD_TYPE[node.recordType]}:${node.id}`, i);
  const entries: Entry[] = [];
  const seenMarkings = new Set<string>();
  edges.forEach(({ node, cursor }, i) => {
    const key = `${FEED_RECORD_TYPE[node.recordType]}:${node.id}`;
    if (latest.get(key) !== i || !node.record) return;
    const mapped = toStix(node.record);
    for (const object of [...mapped.markings.filter(isStatement), ...mapped.objects]) {
      if (object.type === "marking-definition") {
        if (seenMarkings.has(object.id)) continue;
        seenMarkings.add(object.id);
      }
      entries.push({ object, dateAdded: dates[i], cursor });
    }
  });
  return { entries, keys: new Set(latest.keys()) };
}

const isStatement = (m: StixObject) => m.definition_type === "statement";

/** Everything the caller may read in a collection, in the order added. */
export async function collectionEntries(ask: Ask, c: CollectionDefinition): Promise<Entry[]> {
  const edges = await readFeed(ask, c, null);
  const { entries: fromFeed, keys } = feedEntries(edges, Number.NEGATIVE_INFINITY);
  const firstFeed = edges.length > 0 ? new Date(edges[0].node.at).getTime() : Number.POSITIVE_INFINITY;
  const records = (await c.listAll(ask)).filter((r) => !keys.has(recordKey(r)));
  const reference = c.reference ? await c.reference(ask) : [];
  const created = (r: ConcertRecord) => new Date("createdAt" in r ? r.createdAt : r.updatedAt).getTime();
  records.sort((a, b) => created(a) - created(b) || recordKey(a).localeCompare(recordKey(b)));
  // What predates the feed is dated before the feed's first change, in the order it was created; the preamble and
  // the registry come first, at a fixed date, so that every answer dates them alike.
  const entries: Entry[] = [...PREAMBLE, ...reference].map((object) => ({ object, dateAdded: PREAMBLE_ADDED }));
  const seen = new Set<string>();
  let previous = PREAMBLE_ADDED;
  for (const record of records) {
    previous = Math.min(Math.max(created(record), previous + 1), firstFeed - 1);
    const mapped = toStix(record);
    for (const object of [...mapped.markings.filter(isStatement), ...mapped.objects]) {
      if (object.type === "marking-definition") {
        if (seen.has(object.id)) continue;
        seen.add(object.id);
      }
      entries.push({ object, dateAdded: previous });
    }
  }
  const feedStatements = new Set(seen);
  for (const entry of fromFeed) {
    if (entry.object.type === "marking-definition") {
      if (feedStatements.has(entry.object.id)) continue;
      feedStatements.add(entry.object.id);
    }
    entries.push(entry);
  }
  return entries;
}

/** The entries after a feed cursor (a `next` issued at a record's boundary in the feed). */
export async function entriesAfter(ask: Ask, c: CollectionDefinition, cursor: string, previous: number): Promise<Entry[]> {
  return feedEntries(await readFeed(ask, c, cursor), previous).entries;
}

/** A gateway asker bound to the caller's Authorization header. */
export function asker(gatewayUrl: string, authorization: string | undefined): Ask {
  return (query, variables) => askGateway(gatewayUrl, authorization, query, variables);
}

export { GatewayError };
