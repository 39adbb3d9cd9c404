import { mayFollowAllChanges, readableAudience, type Viewer } from "@concert/policy";
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

/** A list as a PostgreSQL array literal, for a `?::text[]` binding (knex would spread a JS array into a list). */
function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
}

/** The SQL form of the marking rule over a set of marking columns (see `readableAudience`). */
function readableSql(prefix: string, viewer: Viewer, params: unknown[]): string {
  const { openMarkings, names } = readableAudience(viewer);
  params.push(pgArray(openMarkings));
  let sql = `(e.${prefix}marking = any(?::text[])`;
  if (viewer.partner !== null) {
    params.push(viewer.partner, pgArray(names));
    sql += ` or e.originator = ? or (e.${prefix}marking = 'RESTRICTED' and e.${prefix}releasable_to && ?::text[])`;
  }
  return `${sql})`;
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
  const params: unknown[] = [after.xid, after.position, types.length === 0, pgArray(types)];
  let visible = "true";
  if (!mayFollowAllChanges(viewer)) {
    const now = readableSql("", viewer, params);
    const before = readableSql("previous_", viewer, params);
    visible = `(${now} or (e.kind = 'MARKING_CHANGED' and ${before}))`;
  }
  params.push(limit + 1, after.xid, after.position);
  const sql = `
    with horizon as (select pg_snapshot_xmin(s) as xmin, pg_snapshot_xmax(s) as xmax from pg_current_snapshot() as s),
    page as (
      select e.xid as sort_xid, e.position as sort_position, e.xid::text as xid, e.position::text as position, e.at,
        e.record_type, e.record_id, e.kind, e.version, e.marking, e.releasable_to, e.originator,
        e.previous_marking, e.previous_releasable_to
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
