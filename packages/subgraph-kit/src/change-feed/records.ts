import type { Marked, MarkedType, Viewer } from "@concert/policy";
import type { EntityClass } from "@mikro-orm/core";

/** A record's fields as a plain bag: a loaded entity, or the values it had before a change. */
export type RecordData = Record<string, unknown>;

/**
 * One kind of record a change feed reports, e.g. RiskAssessment as RISK_ASSESSMENT. Its writes anywhere
 * in the subgraph are recorded by the feed's `ChangeRecorder`; readers get the record through its own type.
 * Who may read each version is its declaration's (`effective`, and its parent's when it declares one).
 */
export interface FeedRecordType {
  /** Its declaration in packages/policy: its feed name (`feed`), key and read rule. */
  declaration: MarkedType;
  /** Its entity, which is also its GraphQL object type. */
  // biome-ignore lint/suspicious/noExplicitAny: a list of different entity classes
  entity: EntityClass<any>;
  /** Describes the type in the `…RecordType` enum. */
  description: string;
}

/** Rows that belong to a record (watchlist entries, factor ratings, pledge steps): a change of one is an UPDATE of the record. */
export interface FeedChildType {
  // biome-ignore lint/suspicious/noExplicitAny: a list of different entity classes
  entity: EntityClass<any>;
  /** The record the row belongs to (an entity or a reference to one). */
  parent: (row: RecordData) => unknown;
}

/** A subgraph's change feed: its name prefix and the records it reports. */
export interface ChangeFeedDefinition {
  /** Prefix of the GraphQL names: `Risk` gives `riskChanges`, `RiskChange`, `RiskRecordType`, `RiskRecord`. */
  domain: string;
  records: FeedRecordType[];
  children?: FeedChildType[];
}

/** Who may read a version of a record: its effective marking and, for a type with a parent, its parent's. */
export interface EntryAudience {
  own: Marked;
  parent: Marked | null;
}

export function sameMarking(a: Marked | null, b: Marked | null): boolean {
  if (a === null || b === null) return a === b;
  return sameAudience(a, b);
}

export function sameAudience(a: Marked, b: Marked): boolean {
  return (
    a.marking === b.marking &&
    a.originator === b.originator &&
    a.releasableTo.length === b.releasableTo.length &&
    a.releasableTo.every((c, i) => c === b.releasableTo[i])
  );
}

/** What a reader's access consists of: two viewers with the same fingerprint read exactly the same records. */
export function accessOf(viewer: Viewer): string[] {
  if (viewer.service !== null) return [`service:${viewer.service}`];
  return [viewer.partner ?? "", viewer.kind ?? "", ...[...viewer.groups].sort()];
}
