import type { Marked, Viewer } from "@concert/policy";
import type { EntityClass } from "@mikro-orm/core";
import type { Readability } from "../readable.js";

/** A record's fields as a plain bag: a loaded entity, or the values it had before a change. */
export type RecordData = Record<string, unknown>;

/**
 * One kind of record a change feed reports, e.g. RiskAssessment as RISK_ASSESSMENT. Its writes anywhere
 * in the subgraph are recorded by the feed's `ChangeRecorder`; readers get the record through its own type.
 */
export interface FeedRecordType {
  /** The feed's name for it (SCREAMING_SNAKE of the GraphQL type): RISK_ASSESSMENT, WATCHLIST… */
  type: string;
  /** Its entity, which is also its GraphQL object type. */
  // biome-ignore lint/suspicious/noExplicitAny: a list of different entity classes
  entity: EntityClass<any>;
  /** The property holding its GraphQL id (`id` by default; `acronym` for missions). */
  key?: string;
  /**
   * Who may read a version of it, as a marking: its own marking by default; drafts, readable by their author alone,
   * are ORIGINATOR; records without a marking (the UN's public planning record) are a constant. Must agree with `readability`.
   */
  audience?: (data: RecordData) => Marked;
  /** Who may read it now, for the `record` of an entry; the marking rule by default. */
  readability?: Readability<never>;
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

/** Markings names are upper-case codes: a database array comes back as `{A,B}` in some code paths. */
export function codeList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === "string") {
    const inner = value.replace(/^\{|\}$/g, "");
    return inner === "" ? [] : inner.split(",").map((c) => c.replace(/^"|"$/g, ""));
  }
  return [];
}

/** The marking a record's data carries. */
export function ownMarking(data: RecordData): Marked {
  return { marking: data.marking as Marked["marking"], releasableTo: codeList(data.releasableTo), originator: String(data.originator) };
}

export function audienceOf(record: FeedRecordType, data: RecordData): Marked {
  const marked = (record.audience ?? ownMarking)(data);
  return { ...marked, releasableTo: [...codeList(marked.releasableTo)].sort() };
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
