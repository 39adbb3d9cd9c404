import type { Marking } from "@concert/policy";

/** The three change feeds (FEED-CONTRACT): the subgraph and its root field. */
export const FEEDS = {
  risk: "riskChanges",
  peacekeeping: "peacekeepingChanges",
  engagements: "engagementsChanges",
} as const;
export type FeedName = keyof typeof FEEDS;

export type ChangeKind = "CREATED" | "UPDATED" | "DELETED" | "ACCESS_REVOKED";

/** A record as the feed's selection returns it (see `FEED_SELECTIONS`): `__typename` and the fields the rules read. */
export interface FeedRecord {
  __typename: string;
  [field: string]: unknown;
}

/** One node of a change feed, as a service viewer sees it. */
export interface ChangeEvent {
  recordType: string;
  id: string;
  change: ChangeKind;
  at: string;
  version: number;
  record: FeedRecord | null;
  /** The marking before a marking change (service viewers only); null otherwise. */
  previous?: { marking: Marking; releasableTo: string[] } | null;
}

const MARKED = "marking releasableTo originator { code }";

/**
 * What the worker selects of each record type, per feed: the `... on` fragments of the `record` union.
 * Only fields an alert carries or a rule compares; never sensitive parts (evidence, unit details).
 */
export const FEED_SELECTIONS: Record<FeedName, string> = {
  risk: `
    ... on RiskAssessment { id ${MARKED} status likelihood periodEnd country { code } }
    ... on Watchlist { id ${MARKED} title entries { country { code } } }
    ... on Forecast { id ${MARKED} probability madeAt question { id ${MARKED} status country { code } } }`,
  peacekeeping: `
    ... on Pledge { id ${MARKED} status renewalDue quantity mission { acronym } capabilityType { code }
                    readiness readinessSince rotationDue replaces { id } }
    ... on CapabilityRequirement { id quantity requiredBy: mission { acronym } capabilityType { code } }`,
  engagements: `
    ... on Practice { id ${MARKED} kind title date theme { code } countries { code } }`,
};

/**
 * A feed node as the rules read it: fields aliased in `FEED_SELECTIONS` (a requirement's `mission` is non-null where a
 * pledge's is nullable, so one selection cannot name both `mission`) get their own names back.
 */
export function fromFeed(event: ChangeEvent): ChangeEvent {
  if (!event.record || !("requiredBy" in event.record)) return event;
  const { requiredBy, ...record } = event.record;
  return { ...event, record: { ...record, mission: requiredBy } as FeedRecord };
}

/** The GraphQL query the worker sends to one subgraph's feed. */
export function feedQuery(feed: FeedName): string {
  return `query AlertsFollow($after: String, $first: Int) {
  ${FEEDS[feed]}(after: $after, first: $first) {
    nodes { recordType id change at version previous { marking releasableTo } record { __typename ${FEED_SELECTIONS[feed]} } }
    pageInfo { endCursor hasNextPage }
  }
}`;
}
