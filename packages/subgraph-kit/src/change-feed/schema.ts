import { canRead, type Marked, type Marking, mayFollowAllChanges, type Viewer } from "@concert/policy";
import { GraphQLError } from "graphql";
import {
  Arg,
  type ClassType,
  Ctx,
  createUnionType,
  Directive,
  Field,
  ID,
  Int,
  ObjectType,
  Query,
  Resolver,
  registerEnumType,
} from "type-graphql";
import type { SubgraphContext } from "../context.js";
import { enumObject, MarkingEnum } from "../enums.js";
import { badUserInput } from "../errors.js";
import { PageInfo, pageSize } from "../pagination.js";
import { parentsOf } from "../readable.js";
import { served } from "../visibility.js";
import { accessFingerprint, type FeedCursor, signCursor, verifyCursor } from "./cursor.js";
import { type EntryRow, readEntryPage } from "./read.js";
import { accessOf, type ChangeFeedDefinition, type FeedRecordType, type RecordData } from "./records.js";

export const CHANGE_KINDS = ["CREATED", "UPDATED", "DELETED", "ACCESS_REVOKED"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const ChangeKindEnum: { [K in ChangeKind]: K } = enumObject(CHANGE_KINDS);
registerEnumType(ChangeKindEnum, {
  name: "ChangeKind",
  description: "What a change-feed entry says happened to a record, as far as the caller is concerned.",
  valuesConfig: {
    CREATED: { description: "The record was created; `record` holds it as it is now." },
    UPDATED: {
      description:
        "The record changed (its own fields, a part of it, or its marking, which now lets you read it); `record` holds it as it is now.",
    },
    DELETED: { description: "The record was deleted: remove it from your copy. `record` is null." },
    ACCESS_REVOKED: {
      description: "The record's marking changed so that you may no longer read it: remove it from your copy. `record` is null.",
    },
  },
});

/** A resync: the client must do a full sync and follow the feed again without `after`. HTTP 200, beside other fields. */
export function resyncRequired(message: string): GraphQLError {
  return new GraphQLError(`${message}: do a full sync, then follow the feed again without \`after\``, {
    extensions: { code: "RESYNC_REQUIRED" },
  });
}

@Directive("@shareable")
@ObjectType({ simpleResolvers: true, description: "A record's marking before a change of marking (change feeds, service callers only)." })
export class ChangeMarking {
  @Field(() => MarkingEnum, { description: "Who could read the record before the change." })
  marking!: Marking;

  @Field(() => [String], { description: "For RESTRICTED: the partner and group codes it was releasable to, besides its originator." })
  releasableTo!: string[];
}

const DAY_MS = 86_400_000;
/** Tolerated clock difference between replicas for a cursor's issue time. */
const CLOCK_SKEW_MS = 5 * 60_000;

interface Presented {
  change: ChangeKind;
  previous: ChangeMarking | null;
}

const marked = (marking: string | null, releasableTo: string[] | null, originator: string | null): Marked | null =>
  marking === null ? null : { marking: marking as Marking, releasableTo: releasableTo ?? [], originator: originator ?? "" };

/** Whether `viewer` reads a version an entry describes: its own marking and, for a child, its parent's. */
function reads(viewer: Viewer, own: Marked, parent: Marked | null): boolean {
  return canRead(viewer, own) && (parent === null || canRead(viewer, parent));
}

/** What `viewer` hears of an entry: nothing (null), or a change kind (the same rule as `readEntryPage`'s SQL). */
export function present(row: EntryRow, viewer: Viewer): Presented | null {
  const now = marked(row.marking, row.releasable_to, row.originator)!;
  const parent = marked(row.parent_marking, row.parent_releasable_to, row.parent_originator);
  const changedMarking = row.kind === "MARKING_CHANGED";
  if (mayFollowAllChanges(viewer)) {
    const previous = changedMarking
      ? { marking: (row.previous_marking ?? row.marking) as Marking, releasableTo: row.previous_releasable_to ?? row.releasable_to }
      : null;
    return { change: changedMarking ? "UPDATED" : (row.kind as ChangeKind), previous };
  }
  if (reads(viewer, now, parent)) return { change: changedMarking ? "UPDATED" : (row.kind as ChangeKind), previous: null };
  if (!changedMarking) return null;
  const before = marked(row.previous_marking ?? row.marking, row.previous_releasable_to ?? row.releasable_to, row.originator)!;
  const parentBefore =
    parent === null
      ? null
      : marked(
          row.previous_parent_marking ?? row.parent_marking,
          row.previous_parent_releasable_to ?? row.parent_releasable_to,
          row.parent_originator,
        );
  return reads(viewer, before, parentBefore) ? { change: "ACCESS_REVOKED", previous: null } : null;
}

/** The current version of each record that an entry names and that `ctx.viewer` may read: one query per record type. */
async function readableRecords(
  ctx: SubgraphContext,
  records: ReadonlyMap<string, FeedRecordType>,
  wanted: { type: string; id: string }[],
): Promise<Map<string, object>> {
  const byType = new Map<string, Set<string>>();
  for (const w of wanted) byType.set(w.type, (byType.get(w.type) ?? new Set()).add(w.id));
  const found = new Map<string, object>();
  const everything = mayFollowAllChanges(ctx.viewer);
  for (const [type, ids] of byType) {
    const { declaration, entity } = records.get(type)!;
    const key = declaration.key;
    const rows = (await ctx.em.find(entity, { [key]: { $in: [...ids] } })) as RecordData[];
    const readable = everything ? rows : served(ctx, declaration, rows, await parentsOf(ctx, declaration, rows));
    for (const r of readable) found.set(`${type}:${String(r[key])}`, r);
  }
  return found;
}

/** The cursor a caller resumes from, or RESYNC_REQUIRED when it is forged, expired, or issued for other access or types. */
function verifiedCursor(after: string, settings: { key: string; retentionDays: number }, access: string, wanted: string[]): FeedCursor {
  const cursor = verifyCursor(after, settings.key);
  if (!cursor) throw resyncRequired("this cursor was not issued by this feed");
  const age = Date.now() - cursor.issuedAt;
  if (age > settings.retentionDays * DAY_MS || age < -CLOCK_SKEW_MS) throw resyncRequired("this cursor has expired");
  if (cursor.access !== access) throw resyncRequired("your access has changed since this cursor was issued");
  if (cursor.types.join() !== wanted.join()) throw badUserInput("types", "must be the types this cursor was issued for");
  return cursor;
}

/** The `<Domain>RecordType` enum and the `<Domain>Record` union of a feed's record types. */
function recordTypesOf(definition: ChangeFeedDefinition) {
  const { domain } = definition;
  const RecordTypeEnum = enumObject(definition.records.map((r) => r.declaration.feed));
  registerEnumType(RecordTypeEnum, {
    name: `${domain}RecordType`,
    description: `The kinds of record the ${domain.toLowerCase()} change feed reports.`,
    valuesConfig: Object.fromEntries(definition.records.map((r) => [r.declaration.feed, { description: r.description }])),
  });
  const entities = definition.records.map((r) => r.entity);
  const RecordUnion = createUnionType({
    name: `${domain}Record`,
    description: `A record the ${domain.toLowerCase()} change feed reports, through its own type.`,
    types: () => entities as never,
    resolveType: (value: object) => definition.records.find((r) => value instanceof r.entity)?.entity.name,
  });

  return { RecordTypeEnum, RecordUnion };
}

/** The `<Domain>Change` node and the `<Domain>ChangeConnection` a feed answers with. */
function feedTypesOf(domain: string, RecordTypeEnum: object, RecordUnion: ReturnType<typeof createUnionType>) {
  @ObjectType(`${domain}Change`, {
    simpleResolvers: true,
    description: `One change of a record, as the ${domain.toLowerCase()} change feed reports it to the caller.`,
  })
  class Change {
    @Field(() => RecordTypeEnum, { description: "The kind of record that changed." })
    recordType!: string;

    @Field(() => ID, { description: "The record's identifier, as its own type's key holds it (a mission's is its acronym)." })
    id!: string;

    @Field(() => ChangeKindEnum, { description: "What happened to it, as far as you are concerned." })
    change!: ChangeKind;

    @Field({ description: "When the change was made (the start of its transaction); entries come in commit order." })
    at!: Date;

    @Field(() => Int, { description: "The record's version after the change (its last one, for a deletion)." })
    version!: number;

    @Field(() => RecordUnion, {
      nullable: true,
      description:
        "The record as it is now, when you may read it: null for DELETED and ACCESS_REVOKED, and when a later entry deletes it or revokes your access.",
    })
    record!: object | null;

    @Field(() => ChangeMarking, {
      nullable: true,
      description: "For Concert's own services only: the marking before a change of marking; null otherwise, and always for partners.",
    })
    previous!: ChangeMarking | null;
  }

  @ObjectType(`${domain}ChangeEdge`, {
    simpleResolvers: true,
    description: `One ${domain.toLowerCase()} change and the cursor to resume after it.`,
  })
  class Edge {
    @Field({ description: "Opaque, signed cursor: pass it as `after` to resume after this change." })
    cursor!: string;

    @Field(() => Change, { description: "The change." })
    node!: Change;
  }

  @ObjectType(`${domain}ChangeConnection`, {
    simpleResolvers: true,
    description: `A page of the ${domain.toLowerCase()} change feed, in commit order.`,
  })
  class Connection {
    @Field(() => [Change], { description: "The changes of this page." })
    nodes!: Change[];

    @Field(() => [Edge], { description: "The changes of this page with their cursors." })
    edges!: Edge[];

    @Field(() => PageInfo, {
      description: "`endCursor` is always set, even for an empty page: pass it as `after` next time. `hasNextPage`: more changes wait now.",
    })
    pageInfo!: PageInfo;
  }

  return { Change, Connection };
}

/**
 * The GraphQL side of a subgraph's change feed: `<domain>Changes(after, first, types)` returning a connection of
 * `<Domain>Change` nodes, each with its record (a `<Domain>Record` union of the record types) when the caller may read it.
 * See docs/integrators.md, "Mirroring Concert".
 */
export function changeFeedResolver(definition: ChangeFeedDefinition): ClassType {
  const { domain } = definition;
  const records = new Map(definition.records.map((r) => [r.declaration.feed, r]));
  const { RecordTypeEnum, RecordUnion } = recordTypesOf(definition);
  const { Change, Connection } = feedTypesOf(domain, RecordTypeEnum, RecordUnion);

  const field = `${domain.charAt(0).toLowerCase()}${domain.slice(1)}Changes`;

  @Resolver()
  class ChangeFeedResolver {
    @Query(() => Connection, {
      name: field,
      nullable: true,
      description:
        `Every change of the ${domain.toLowerCase()} records you may read, in commit order, for keeping a copy in sync ` +
        '(docs/integrators.md, "Mirroring Concert"). Without `after`: from the oldest change kept (the retention). ' +
        "RESYNC_REQUIRED when the cursor is forged, expired, from another database, or your access has changed since.",
    })
    async changes(
      @Ctx() ctx: SubgraphContext,
      @Arg("after", () => String, { nullable: true, description: "A previous page's `pageInfo.endCursor` (or an edge's cursor)." })
      after: string | null | undefined,
      @Arg("first", () => Int, { nullable: true, description: "How many changes to return (1–200, default 100)." })
      first: number | null | undefined,
      @Arg("types", () => [RecordTypeEnum], {
        nullable: true,
        description: "Only these kinds of record (all when absent); a cursor goes on with the same types only.",
      })
      types: string[] | null | undefined,
    ): Promise<InstanceType<typeof Connection>> {
      const settings = ctx.changeFeed;
      if (!settings) throw new Error("the change feed has no settings");
      const limit = pageSize(first ?? undefined);
      const wanted = [...new Set(types ?? [])].sort();
      const access = accessFingerprint(accessOf(ctx.viewer));
      const cursor = after === null || after === undefined ? null : verifiedCursor(after, settings, access, wanted);
      const from: Pick<FeedCursor, "xid" | "position"> = cursor ?? { xid: "0", position: "0" };
      const page = await readEntryPage(ctx.em, from, wanted, limit, ctx.viewer);
      if (!page.epoch) throw new Error("the change feed's database has no epoch: is it migrated?");
      if (cursor && cursor.epoch !== page.epoch) throw resyncRequired("this cursor belongs to another database");
      if (cursor && BigInt(cursor.xid) >= BigInt(page.xmax))
        throw resyncRequired("this cursor is ahead of the database (restored from a backup?)");
      const rows = page.rows.slice(0, limit);
      const hasNextPage = page.rows.length > limit;
      const issuedAt = Date.now();
      const sign = (at: { xid: string; position: string }) =>
        signCursor({ xid: at.xid, position: at.position, access, epoch: page.epoch!, issuedAt, types: wanted }, settings.key);
      const shown = rows.flatMap((row) => {
        const presented = present(row, ctx.viewer);
        return presented ? [{ row, ...presented }] : [];
      });
      const current = await readableRecords(
        ctx,
        records,
        shown
          .filter((s) => s.change === "CREATED" || s.change === "UPDATED")
          .map((s) => ({ type: s.row.record_type, id: s.row.record_id })),
      );
      const edges = shown.map(({ row, change, previous }) => {
        const node = Object.assign(new Change(), {
          recordType: row.record_type,
          id: row.record_id,
          change,
          at: new Date(row.at),
          version: row.version,
          record: change === "CREATED" || change === "UPDATED" ? (current.get(`${row.record_type}:${row.record_id}`) ?? null) : null,
          previous,
        });
        return { cursor: sign(row), node };
      });
      const end = hasNextPage ? rows.at(-1)! : (page.last ?? rows.at(-1) ?? from);
      return Object.assign(new Connection(), {
        nodes: edges.map((e) => e.node),
        edges,
        pageInfo: { endCursor: sign(end), hasNextPage },
      });
    }
  }
  return ChangeFeedResolver;
}
