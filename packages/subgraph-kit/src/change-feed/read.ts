import { markingSql, mayFollowAllChanges, pgTextArray, type SqlCondition, type Viewer } from "@concert/policy";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { StoredChangeKind } from "./entry.js";

/** One stored entry as the reader query returns it. */
export interface EntryRow {
  xid: string;
  position: string;
  at: string;
  record_type: string;
  record_id: string;
  kind: StoredChangeKind;
  version: number;
  marking: string;
  releasable_to: string[];
  originator: string;
  previous_marking: string | null;
  previous_releasable_to: string[] | null;
  parent_marking: string | null;
  parent_releasable_to: string[] | null;
  parent_originator: string | null;
  previous_parent_marking: string | null;
  previous_parent_releasable_to: string[] | null;
}

export interface EntryPage {
  /** Entries after the cursor that the viewer may hear of, in commit order; at most `limit + 1`. */
  rows: EntryRow[];
  /** The last entry after the cursor that is safe to read, whoever may see it: where an unfilled page ends. */
  last: { xid: string; position: string } | null;
  /** The next transaction id the database will assign: no cursor can be at or beyond it. */
  xmax: string;
  /** The database's epoch; null before its migration set one. */
  epoch: string | null;
}

/**
 * Whom an entry reaches, in SQL: its own marking and, for a child, its parent's (the policy's `markingSql` over the
 * entry's columns); `previous` reads the marking before a MARKING_CHANGED (the current one where it did not change).
 */
function entrySql(viewer: Viewer, previous: boolean): SqlCondition {
  const own = (column: string) => (previous ? `coalesce(e.previous_${column}, e.${column})` : `e.${column}`);
  const parent = (column: string) => (previous ? `coalesce(e.previous_parent_${column}, e.parent_${column})` : `e.parent_${column}`);
  const a = markingSql(viewer, { marking: own("marking"), releasableTo: own("releasable_to"), originator: "e.originator" });
  const b = markingSql(viewer, { marking: parent("marking"), releasableTo: parent("releasable_to"), originator: "e.parent_originator" });
  return { sql: `(${a.sql} and (e.parent_marking is null or ${b.sql}))`, params: [...a.params, ...b.params] };
}

/**
 * One page of a feed's entries after (xid, position), for `viewer`. Only entries of transactions older than the
 * oldest one still in flight (`pg_snapshot_xmin`) are read: an entry still uncommitted, whose (xid, position)
 * comes before ones already read, would otherwise be skipped for ever once it commits. All in one statement,
 * so the page, the end of what was scanned and the horizon come from the same snapshot.
 */
export async function readEntryPage(
  em: EntityManager,
  after: { xid: string; position: string },
  types: readonly string[],
  limit: number,
  viewer: Viewer,
): Promise<EntryPage> {
  const params: unknown[] = [after.xid, after.position, types.length === 0, pgTextArray(types)];
  let visible = "true";
  if (!mayFollowAllChanges(viewer)) {
    const now = entrySql(viewer, false);
    const before = entrySql(viewer, true);
    params.push(...now.params, ...before.params);
    visible = `(${now.sql} or (e.kind = 'MARKING_CHANGED' and ${before.sql}))`;
  }
  params.push(limit + 1, after.xid, after.position);
  const sql = `
    with horizon as (select pg_snapshot_xmin(s) as xmin, pg_snapshot_xmax(s) as xmax from pg_current_snapshot() as s),
    page as (
      select e.xid as sort_xid, e.position as sort_position, e.xid::text as xid, e.position::text as position, e.at,
        e.record_type, e.record_id, e.kind, e.version, e.marking, e.releasable_to, e.originator,
        e.previous_marking, e.previous_releasable_to, e.parent_marking, e.parent_releasable_to, e.parent_originator,
        e.previous_parent_marking, e.previous_parent_releasable_to
      from change_entry e, horizon h
      where e.xid < h.xmin and (e.xid, e.position) > (?::xid8, ?::bigint)
        and (?::boolean or e.record_type = any(?::text[]))
        and ${visible}
      order by e.xid, e.position
      limit ?
    ),
    scanned as (
      select e.xid::text as xid, e.position::text as position
      from change_entry e, horizon h
      where e.xid < h.xmin and (e.xid, e.position) > (?::xid8, ?::bigint)
      order by e.xid desc, e.position desc
      limit 1
    )
    select
      (select coalesce(json_agg(p order by p.sort_xid, p.sort_position), '[]'::json) from page p) as rows,
      (select row_to_json(s) from scanned s) as last,
      (select xmax::text from horizon) as xmax,
      (select epoch::text from change_feed_epoch limit 1) as epoch`;
  const [result] = await em.getConnection().execute<EntryPage[]>(sql, params);
  return result;
}

/** Removes the entries older than the retention; returns how many. */
/**
 * After a logical restore (pg_dump into another cluster) the entries carry transaction ids of the old cluster, which
 * may lie beyond this one's: they would never fall below the oldest transaction in flight, and new entries would sort
 * before them. When any entry's id lies beyond the server's next one, every entry is set to the frozen id (keeping
 * their order by position) and the epoch is renewed, so that every client resyncs. Returns whether it did so.
 */
export async function rebaseRestoredChangeEntries(em: EntityManager): Promise<boolean> {
  return em.transactional(async (tx) => {
    const run = (sql: string) => tx.getConnection().execute<Record<string, unknown>[]>(sql, [], "all", tx.getTransactionContext());
    const [{ restored }] = await run(
      "select exists (select 1 from change_entry where xid >= pg_snapshot_xmax(pg_current_snapshot())) as restored",
    );
    if (!restored) return false;
    await run("lock table change_entry in exclusive mode");
    await run("update change_entry set xid = '3'::xid8");
    await run("update change_feed_epoch set epoch = gen_random_uuid()");
    return true;
  });
}

export async function pruneChangeEntries(em: EntityManager, retentionDays: number): Promise<number> {
  const res = await em
    .getConnection()
    .execute<{ affectedRows?: number }>("delete from change_entry where at < now() - make_interval(days => ?)", [retentionDays], "run");
  return (res as { affectedRows?: number }).affectedRows ?? 0;
}
