import { type AudienceCandidate, type AudienceEntry, audienceOf } from "./audience.js";
import { canRead, isAtLeastAsStrict, type Marked, readableAudience, strictness } from "./read.js";
import type { Viewer } from "./viewer.js";
import { MARKINGS, type Marking } from "./vocabulary.js";

/**
 * One declaration per marked record type: what governs reading it. Every reader of the type is derived
 * from it (see `MarkedType`), so that the rule "who may read this record" is written once:
 *
 * ```ts
 * export const OPINION = declareMarkedType({
 *   type: "AssessmentOpinion",                  // the GraphQL type
 *   feed: "ASSESSMENT_OPINION",                 // its name in a change feed, when it is in one
 *   draft: { property: "status", value: "DRAFT" },
 *   fields: { reasoning: { marking: "reasoningMarking", releasableTo: "reasoningReleasableTo" } },
 *   parent: { type: RISK_ASSESSMENT, property: "assessment" },
 * });
 * ```
 *
 * Rows are read by property name (the entity's, which are also the GraphQL field names); SQL column names are
 * the snake_case of the property names.
 */
export interface MarkedTypeSpec {
  /** The GraphQL type name, used in audit entries and metrics. */
  readonly type: string;
  /** Its record type in a change feed (SCREAMING_SNAKE of `type` by default). */
  readonly feed?: string;
  /** The primary key property (`id` by default). */
  readonly key?: string;
  /** Its table (snake_case of `type` by default), for the SQL of a child's parent rule. */
  readonly table?: string;
  /**
   * Where a row keeps its marking (`marking`, `releasableTo` and `originator` by default), or `fixed`: the one
   * marking of every record of a type that has no marking of its own (the UN's public planning record).
   */
  readonly marking?: MarkingProperties | { readonly fixed: Marked };
  /** A draft stage: a row whose `property` is `value` is its originator's alone, whatever its marking, and never alerted on. */
  readonly draft?: { readonly property: string; readonly value: string };
  /**
   * Parts with a marking of their own, which may be stricter than the record's and never looser: each names the
   * properties of its marking and audience; its originator is the record's.
   */
  readonly fields?: Readonly<Record<string, { readonly marking: string; readonly releasableTo: string }>>;
  /**
   * The aggregate exception: a record is counted in aggregates (totals, gaps) by whoever its `marking` property
   * (the aggregate marking, never stricter than the record's) reaches, besides whoever reads it; an aggregate that
   * counts records the caller cannot read shows their part only when it rests on at least `minUnreadable` of them.
   */
  readonly aggregate?: { readonly marking: string; readonly minUnreadable: number };
  /**
   * A record whose readability is also required: the child is read only by whoever reads both. `property` is the
   * child's many-to-one to the parent (its column is `<snake_case>_<parent key>`). A parent declares no parent.
   */
  readonly parent?: { readonly type: MarkedType; readonly property: string };
}

/** Property names of a marking on a row. */
export interface MarkingProperties {
  readonly marking: string;
  readonly releasableTo: string;
  readonly originator: string;
}

/** A row as the policy reads it: a loaded entity, a plain row, or a record as GraphQL returned it. */
export type Row = object;

/** SQL column expressions of a marking, e.g. `{ marking: "e.marking", releasableTo: "e.releasable_to", originator: "e.originator" }`. */
export interface MarkingColumnsSql {
  readonly marking: string;
  readonly releasableTo: string;
  readonly originator: string;
}

/** An SQL condition with `?` placeholders and their values, in order: values are always bound, never written in. */
export interface SqlCondition {
  readonly sql: string;
  readonly params: unknown[];
}

const OWN: MarkingProperties = { marking: "marking", releasableTo: "releasableTo", originator: "originator" };

const snake = (property: string) => property.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A database array may come back as `{A,B}` on some paths. */
function codes(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === "string") {
    const inner = value.replace(/^\{|\}$/g, "");
    return inner === "" ? [] : inner.split(",").map((c) => c.replace(/^"|"$/g, ""));
  }
  return [];
}

/** A relation as a row holds it: the parent row, a reference to it (MikroORM's `Ref`), `{ code }` from GraphQL, or a key. */
function unwrap(value: unknown): Record<string, unknown> | null {
  if (value === null || value === undefined || typeof value !== "object") return null;
  const ref = value as { unwrap?: () => unknown; isInitialized?: () => boolean };
  if (typeof ref.unwrap === "function") {
    if (typeof ref.isInitialized === "function" && !ref.isInitialized()) return null;
    return ref.unwrap() as Record<string, unknown>;
  }
  return value as Record<string, unknown>;
}

function originatorCode(value: unknown): string {
  if (typeof value === "string") return value;
  const code = (value as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "";
}

/** No partner code is empty: an anonymous caller originated nothing. */
const NOBODY = "";

/** A list as a PostgreSQL array literal, bound to `?::text[]` (knex would spread a JS array into a list of values). */
export function pgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
}

/** The marking rule as SQL over a set of marking columns: the SQL form of `canRead`. */
export function markingSql(viewer: Viewer, columns: MarkingColumnsSql): SqlCondition {
  const { openMarkings, names } = readableAudience(viewer);
  const params: unknown[] = [pgTextArray(openMarkings)];
  let sql = `(${columns.marking} = any(?::text[])`;
  if (viewer.partner !== null) {
    params.push(viewer.partner, pgTextArray(names));
    sql += ` or ${columns.originator} = ? or (${columns.marking} = 'RESTRICTED' and ${columns.releasableTo} && ?::text[])`;
  }
  return { sql: `${sql})`, params };
}

/** The marking rule as a MikroORM filter over a set of marking properties: the filter form of `canRead`. */
export function markingWhere(viewer: Viewer, properties: MarkingProperties = OWN): Record<string, unknown> {
  const { openMarkings, names } = readableAudience(viewer);
  const alternatives: Record<string, unknown>[] = [{ [properties.marking]: { $in: openMarkings } }];
  if (viewer.partner !== null) {
    alternatives.push({ [properties.originator]: viewer.partner });
    alternatives.push({ [properties.marking]: "RESTRICTED", [properties.releasableTo]: { $overlap: names } });
  }
  return { $or: alternatives };
}

/** Every reader of one marked record type, derived from its declaration (see `declareMarkedType`). */
export class MarkedType {
  readonly type: string;
  readonly feed: string;
  readonly key: string;
  readonly table: string;
  readonly fields: readonly string[];
  private readonly properties: MarkingProperties | null;
  private readonly fixed: Marked | null;

  constructor(readonly spec: MarkedTypeSpec) {
    this.type = spec.type;
    this.feed = spec.feed ?? snake(spec.type).replace(/^_/, "").toUpperCase();
    this.key = spec.key ?? "id";
    this.table = spec.table ?? snake(spec.type).replace(/^_/, "");
    this.fields = Object.keys(spec.fields ?? {});
    if (spec.marking && "fixed" in spec.marking) {
      this.fixed = Object.freeze({ ...spec.marking.fixed, releasableTo: [...spec.marking.fixed.releasableTo] });
      this.properties = null;
    } else {
      this.fixed = null;
      this.properties = (spec.marking as MarkingProperties | undefined) ?? OWN;
    }
    if (spec.parent?.type.spec.parent) throw new Error(`${spec.type}: its parent ${spec.parent.type.type} declares a parent itself`);
    if (this.fixed && (spec.draft || spec.fields || spec.aggregate || spec.parent)) {
      throw new Error(`${spec.type}: a type with a fixed marking has no draft, parts, aggregate marking or parent`);
    }
  }

  /**
   * The properties a row's readability is decided by (its marking's, its draft flag's, each marked part's and the
   * aggregate marking's; its parent's key): what a read that leaves columns out must still read. Empty for a type
   * of fixed marking.
   */
  get governingProperties(): readonly string[] {
    if (this.fixed) return [];
    const p = this.properties!;
    const parts = Object.values(this.spec.fields ?? {}).flatMap((f) => [f.marking, f.releasableTo]);
    const others = [this.spec.draft?.property, this.spec.aggregate?.marking, this.spec.parent?.property].filter((x) => x !== undefined);
    return [...new Set([p.marking, p.releasableTo, p.originator, ...parts, ...others])];
  }

  /** The parent type, if any. */
  get parent(): MarkedType | null {
    return this.spec.parent?.type ?? null;
  }

  /** The row's own marking as written (not yet its draft rule); an unknown marking reads as ORIGINATOR (deny by default). */
  own(row: Row): Marked {
    if (this.fixed) return this.fixed;
    const r = row as Record<string, unknown>;
    const p = this.properties!;
    const marking = (MARKINGS as readonly unknown[]).includes(r[p.marking]) ? (r[p.marking] as Marking) : "ORIGINATOR";
    return { marking, releasableTo: codes(r[p.releasableTo]), originator: originatorCode(r[p.originator]) };
  }

  isDraft(row: Row): boolean {
    const draft = this.spec.draft;
    return draft !== undefined && (row as Record<string, unknown>)[draft.property] === draft.value;
  }

  /**
   * Whom this version of the record reaches, as one marking: its own, or ORIGINATOR for a draft. What a change-feed
   * entry stores and what `audience` explains. The parent's rule is not in it (see `parentOf`).
   */
  effective(row: Row): Marked {
    const own = this.own(row);
    const marked = this.isDraft(row) ? { ...own, marking: "ORIGINATOR" as const, releasableTo: [] } : own;
    return { ...marked, releasableTo: [...marked.releasableTo].sort() };
  }

  /**
   * The parent's row as the child holds it (loaded), or null when the type has no parent or it is not loaded. A plain
   * row holds its parent as `{ <key>: value }` alone: that is a key, not a loaded parent.
   */
  parentOf(row: Row): Row | null {
    const parent = this.spec.parent;
    if (!parent) return null;
    const value = unwrap((row as Record<string, unknown>)[parent.property]);
    return value && Object.keys(value).some((k) => k !== parent.type.key) ? value : null;
  }

  /** The parent's key as the child holds it, loaded or not. */
  parentKeyOf(row: Row): string | null {
    const parent = this.spec.parent;
    if (!parent) return null;
    const value = (row as Record<string, unknown>)[parent.property];
    if (value === null || value === undefined) return null;
    if (typeof value !== "object") return String(value);
    const key = (value as Record<string, unknown>)[parent.type.key];
    return key === undefined || key === null ? null : String(key);
  }

  /**
   * The check on a loaded row: may `viewer` read it? A type with a parent needs the parent loaded on the row
   * (or passed as `parent`); a parent that is not loaded denies.
   */
  canRead(viewer: Viewer, row: Row, parent: Row | null = this.parentOf(row)): boolean {
    if (!canRead(viewer, this.effective(row))) return false;
    if (!this.spec.parent) return true;
    return parent !== null && this.spec.parent.type.canRead(viewer, parent);
  }

  /** The SQL predicate for lists, counts, search and batched loads, as a MikroORM filter (the parent's, through the relation). */
  where(viewer: Viewer): Record<string, unknown> {
    if (this.fixed) return canRead(viewer, this.fixed) ? {} : { [this.key]: { $in: [] } };
    const conditions: Record<string, unknown>[] = [markingWhere(viewer, this.properties!)];
    const draft = this.spec.draft;
    if (draft) {
      const published = { [draft.property]: { $ne: draft.value } };
      conditions.push(viewer.partner === null ? published : { $or: [published, { [this.properties!.originator]: viewer.partner }] });
    }
    if (this.spec.parent) conditions.push({ [this.spec.parent.property]: this.spec.parent.type.where(viewer) });
    return conditions.length === 1 ? conditions[0]! : { $and: conditions };
  }

  /**
   * The same predicate as SQL over the type's table aliased `alias` (hand-built queries: aggregates, lateral joins),
   * with its values bound. A parent's rule is an `exists` over the parent's table.
   */
  sql(viewer: Viewer, alias: string): SqlCondition {
    if (this.fixed) return { sql: canRead(viewer, this.fixed) ? "true" : "false", params: [] };
    const p = this.properties!;
    const own = markingSql(viewer, this.columns(alias, p));
    const parts = [own.sql];
    const params = [...own.params];
    const draft = this.spec.draft;
    if (draft) {
      parts.push(`(${alias}.${snake(draft.property)} <> ? or ${alias}.${snake(p.originator)} = ?)`);
      params.push(draft.value, viewer.partner ?? NOBODY);
    }
    const parent = this.spec.parent;
    if (parent) {
      const inner = parent.type.sql(viewer, "parent");
      const link = `${alias}.${snake(parent.property)}_${snake(parent.type.key)}`;
      parts.push(`exists (select 1 from "${parent.type.table}" parent where parent.${snake(parent.type.key)} = ${link} and ${inner.sql})`);
      params.push(...inner.params);
    }
    return { sql: parts.length === 1 ? parts[0]! : `(${parts.join(" and ")})`, params };
  }

  private columns(alias: string, p: { marking: string; releasableTo: string; originator: string }): MarkingColumnsSql {
    return {
      marking: `${alias}.${snake(p.marking)}`,
      releasableTo: `${alias}.${snake(p.releasableTo)}`,
      originator: `${alias}.${snake(p.originator)}`,
    };
  }

  /** Whether `viewer` may read part `field` of a row it reads (a part's marking is never looser than the record's). */
  canReadField(viewer: Viewer, row: Row, field: string): boolean {
    const part = this.fieldMarking(row, field);
    return canRead(viewer, part) && this.canRead(viewer, row);
  }

  /** The marking of part `field` of a row. */
  fieldMarking(row: Row, field: string): Marked {
    const part = this.spec.fields?.[field];
    if (!part) throw new Error(`${this.type} declares no marked field ${field}`);
    const r = row as Record<string, unknown>;
    const marking = (MARKINGS as readonly unknown[]).includes(r[part.marking]) ? (r[part.marking] as Marking) : "ORIGINATOR";
    return { marking, releasableTo: codes(r[part.releasableTo]), originator: this.own(row).originator };
  }

  /** What is wrong with the marking a writer asks for part `field`, or null: a part is at least as strict as its record. */
  fieldMarkingProblem(part: Omit<Marked, "originator">, record: Omit<Marked, "originator">): string | null {
    return isAtLeastAsStrict(part, record) ? null : `must be at least as strict as the record's marking ${record.marking}`;
  }

  /** What is wrong with an aggregate marking a writer asks for, or null: whoever reads a record may count it. */
  aggregateMarkingProblem(aggregate: Marking, record: Marking): string | null {
    if (!this.spec.aggregate) return `${this.type} has no aggregate marking`;
    return strictness(aggregate) > strictness(record)
      ? `must not be stricter than the record's marking ${record}: whoever sees a record may count it`
      : null;
  }

  /** The part of a row's own marking that a marked field takes when the writer names none: the record's, when it is stricter. */
  fieldMarkingDefault(current: Omit<Marked, "originator">, record: Omit<Marked, "originator">): Omit<Marked, "originator"> {
    return isAtLeastAsStrict(current, record) ? current : record;
  }

  /** Whether the viewer speaks for the record's originator: the only caller given originator-only answers (audience, marking changes, access log). */
  isOriginator(viewer: Viewer, row: Row): boolean {
    return viewer.partner !== null && viewer.partner === this.own(row).originator;
  }

  /** Who among the active partners reads the row now, and why (see `audienceOf`). */
  audience(row: Row, partners: readonly AudienceCandidate[], parent: Row | null = this.parentOf(row)): AudienceEntry[] {
    return audienceOf(this.effective(row), partners, (viewer) => this.canRead(viewer, row, parent));
  }

  /** Who would read a record of this type by `originator` under `marking`, published (`previewAudience`). */
  previewAudience(marking: Marked, partners: readonly AudienceCandidate[], parent: Row | null = null): AudienceEntry[] {
    const p = this.properties ?? OWN;
    const row = { [p.marking]: marking.marking, [p.releasableTo]: marking.releasableTo, [p.originator]: marking.originator };
    if (this.spec.parent && parent === null) return audienceOf(this.effective(row), partners, () => false);
    return this.audience(row, partners, parent);
  }

  /** Whether an alert about the row may go to `owner` (see `alertOwnerViewer`): the owner reads it now, and it is not a draft. */
  mayAlert(owner: Viewer, row: Row, parent: Row | null = this.parentOf(row)): boolean {
    return !this.isDraft(row) && this.canRead(owner, row, parent);
  }

  /** The aggregate filter: rows `viewer` may count, i.e. reads or reaches by the aggregate marking. */
  aggregateWhere(viewer: Viewer): Record<string, unknown> {
    const aggregate = this.spec.aggregate;
    if (!aggregate) return this.where(viewer);
    const p = this.properties!;
    return { $or: [this.where(viewer), markingWhere(viewer, { ...p, marking: aggregate.marking })] };
  }

  /** Whether an aggregate that counts `unreadable` rows the caller cannot read may show their part (the suppression threshold). */
  mayShowUnreadablePart(unreadable: number): boolean {
    const min = this.spec.aggregate?.minUnreadable;
    if (min === undefined) return unreadable === 0;
    return unreadable === 0 || unreadable >= min;
  }
}

const declared = new Map<string, MarkedType>();

/** Declares a marked record type (see `MarkedTypeSpec`); one declaration per GraphQL type name. */
export function declareMarkedType(spec: MarkedTypeSpec): MarkedType {
  if (declared.has(spec.type)) throw new Error(`marked type ${spec.type} is declared twice`);
  const type = new MarkedType(spec);
  declared.set(spec.type, type);
  return type;
}

/** Every declared marked type, by GraphQL type name. */
export function markedTypes(): MarkedType[] {
  return [...declared.values()];
}

/** The declaration of GraphQL type `type`, or null when none is declared (callers deny). */
export function markedType(type: string): MarkedType | null {
  return declared.get(type) ?? null;
}
