import type { EntityManager } from "@mikro-orm/postgresql";
import { type CacheStats, cachePerOrm } from "./cache-per-orm.js";
import { type CompiledQueryDefinition, compiledQuery, runCompiled } from "./compiled-query.js";

/**
 * Answers kept until their data changes. An aggregate over thousands of rows (a mission's pledge totals) is read far
 * more often than those rows are written: each answer is kept, per process, with the version of its data it was read
 * at, and served again while that version has not moved.
 *
 * A version is the sum of its rows in `data_version` (a kit table), moved by a statement-level trigger on each table
 * the data spans (`dataVersionTriggersSql`, in the owning subgraph's migration), in the writing transaction: a reader
 * sees the new version exactly when it sees the new rows, whichever replica or code path wrote them. Each server
 * process of PostgreSQL writes its own row, so that writers never wait for one another (a transaction left open
 * does not hold up the others); `compactDataVersions` folds them into one now and then. Checking a version costs one
 * indexed read per answer. The `epoch`, random per database, keeps a database made again from answering with
 * another's versions.
 *
 * The key of an answer is its SQL and every value bound into it, which carry the caller's readability: two callers
 * share an answer only when the database would have answered them the same. Inside a transaction nothing is kept or
 * served (a write's own, uncommitted rows must not reach anyone else). The rows, their arrays and JSON values are
 * frozen: callers read them.
 */

interface Kept {
  version: string;
  rows: Promise<readonly Record<string, unknown>[]>;
}

const kept = cachePerOrm<Kept>((settings) => settings.untilChangedCacheRows, true);

/** The process's counters of answers kept until their data changes, for the metrics (`concert_until_changed_cache`). */
export function untilChangedCacheStats(): CacheStats {
  return kept.stats();
}

const NAME = /^[a-z][a-z0-9_]{0,62}$/;

function checkedName(name: string): string {
  if (!NAME.test(name)) throw new Error(`a data version's name is lower-case letters, digits and underscores, not ${JSON.stringify(name)}`);
  return name;
}

/**
 * The migration statements that make every write to `tables` move the data version `name` (one trigger per table for
 * inserts, updates and deletes, one for truncation), and give it its row, so that answers are kept from the first read
 * in a database written before: the `up` of the migration that declares the version.
 */
export function dataVersionTriggersSql(name: string, tables: readonly string[]): string[] {
  const bump = `for each statement execute function concert_bump_data_version('${checkedName(name)}')`;
  return [
    ...tables.flatMap((table) => [
      `create trigger "${checkedName(table)}_${name}_version" after insert or update or delete on "${table}" ${bump};`,
      `create trigger "${table}_${name}_version_truncate" after truncate on "${table}" ${bump};`,
    ]),
    `insert into "data_version" ("name", "slot", "version") values ('${name}', 0, 0) on conflict ("name", "slot") do nothing;`,
  ];
}

/** The `down` of `dataVersionTriggersSql`. */
export function dropDataVersionTriggersSql(name: string, tables: readonly string[]): string[] {
  return [
    ...tables.flatMap((table) => [
      `drop trigger if exists "${checkedName(table)}_${checkedName(name)}_version" on "${table}";`,
      `drop trigger if exists "${table}_${name}_version_truncate" on "${table}";`,
    ]),
    `delete from "data_version" where "name" = '${name}';`,
  ];
}

async function dataVersionOf(em: EntityManager, name: string): Promise<string | undefined> {
  const [row] = await em
    .getConnection()
    .execute<{ epoch: string | null; version: string }[]>(
      `select max(epoch::text) filter (where slot = 0) as epoch, sum(version)::text as version from data_version where name = ?`,
      [name],
      "all",
      undefined,
      em.getLoggerContext(),
    );
  return row?.epoch ? `${row.epoch}:${row.version}` : undefined;
}

/**
 * Folds each data version's rows into its slot 0, the sum unchanged. Skipped, to be tried again later, while any
 * writer holds a row of the table (`nowait`): it never makes a writer wait behind a transaction left open.
 */
export async function compactDataVersions(em: EntityManager): Promise<void> {
  await em.transactional(async (tx) => {
    const run = (sql: string) => tx.getConnection().execute(sql, [], "run", tx.getTransactionContext());
    try {
      await run(`lock table data_version in exclusive mode nowait`);
    } catch {
      return;
    }
    await run(`update data_version z set version = (select sum(version) from data_version a where a.name = z.name) where slot = 0`);
    await run(`delete from data_version where slot <> 0`);
  });
}

/** A row with its arrays and JSON values frozen too: callers share them, and a change in place would reach every one. */
function deepFrozen<V>(value: V): V {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  if (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)
    for (const item of Object.values(value)) deepFrozen(item);
  else return value; // a Date or a Buffer: its own type
  return Object.freeze(value);
}

const keyValue = (_key: string, value: unknown) => (typeof value === "bigint" ? `${value}n` : value);

/**
 * `runCompiled`, with the answer kept until the data version `name` moves (see above): one primary-key read when the
 * answer is kept, that read and the query otherwise. Concurrent callers of one answer share one query. Without a
 * name, simply `runCompiled`.
 */
export async function runCompiledUntilChanged<R = Record<string, unknown>, X = unknown, O = undefined>(
  em: EntityManager,
  name: string | undefined,
  query: CompiledQueryDefinition<X, O>,
  where: unknown,
  extra: readonly X[],
  options: O,
): Promise<readonly R[]> {
  const cache = name === undefined || em.isInTransaction() ? undefined : kept.of(em.getMetadata());
  const compiled = cache && compiledQuery(em, query, where, extra, options);
  if (!cache || !compiled) return runCompiled<R, X, O>(em, query, where, extra, options);
  const version = await dataVersionOf(em, name!);
  if (version === undefined) return runCompiled<R, X, O>(em, query, where, extra, options);
  const key = `${name}\u0000${compiled.sql}\u0000${JSON.stringify(compiled.params, keyValue)}`;
  const answer = cache.get(key);
  if (answer?.version === version) {
    kept.counters.hits++;
    return (await answer.rows) as readonly R[];
  }
  kept.counters.misses++;
  const rows = em
    .getConnection()
    .execute<Record<string, unknown>[]>(compiled.sql, compiled.params, "all", undefined, em.getLoggerContext())
    .then((read) => Object.freeze(read.map(deepFrozen)));
  const entry = { version, rows };
  // Sized in rows once read (one while in flight); an answer of more rows than the whole cache holds is not kept.
  cache.set(key, entry, { size: 1 });
  rows.then(
    (read) => {
      // a new object: lru-cache keeps the size of a value set again as it was
      if (cache.peek(key) === entry) cache.set(key, { version, rows }, { size: Math.max(1, read.length) });
    },
    () => {
      if (cache.peek(key) === entry) cache.delete(key);
    },
  );
  return (await rows) as readonly R[];
}
