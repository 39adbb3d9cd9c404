import {
  badUserInput,
  decodeCursor,
  encodeCursor,
  findPlain,
  type Page,
  type PageArgs,
  pageSize,
  type RunnableSql,
  runCompiled,
  selects,
} from "@concert/subgraph-kit";
import type { EntityClass, FilterQuery } from "@mikro-orm/core";
import type { EntityManager, Knex } from "@mikro-orm/postgresql";
import type { GraphQLResolveInfo } from "graphql";

/** A record matching a search, with its relevance. */
export interface Match<T> {
  rank: number;
  node: T;
}

/** websearch_to_tsquery: quoted phrases, `or`, and `-word` work as in a web search engine. */
const MATCHES = `e.search_vector @@ websearch_to_tsquery('english', ?)`;
/** float8, so that a rank read into JavaScript compares equal when it comes back in a cursor. */
const RANK = `ts_rank(e.search_vector, websearch_to_tsquery('english', ?))::float8`;

/**
 * One page of the records of `entity` (a table with a `search_vector` column) that match `text`
 * and `where`, most relevant first, with the number of all matches when `info` selects `totalCount`.
 * At most three SQL statements whatever the page size: the page of ids, the count, and the records
 * (plain rows: search results are read-only).
 */
export async function fullTextSearch<T extends { id: string }>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  text: string,
  args: PageArgs,
  info?: GraphQLResolveInfo,
): Promise<Page<Match<T>>> {
  if (text.trim() === "") throw badUserInput("query", "must not be empty");
  const limit = pageSize(args.first);
  const knex = em.getKnex();
  // The text reaches the SQL as a binding through knex: MikroORM's raw() would write it into the statement.
  const matching = (w: unknown, t: Knex.Value, count = false) => {
    const qb = em.createQueryBuilder(entity, "e").where(w as never);
    if (count) qb.count();
    return qb.getKnexQuery().whereRaw(MATCHES, [t]);
  };
  const after = args.after ? decodeCursor(args.after, ["number", "uuid"]) : undefined;
  const page = (w: unknown, [t, rank, id]: Knex.Value[]) => {
    const query = matching(w, t)
      .clearSelect()
      .select("e.id", knex.raw(`${RANK} as rank`, [t]))
      .orderByRaw("rank desc, e.id asc")
      .limit(limit + 1);
    if (after) query.whereRaw(`(${RANK} < ? or (${RANK} = ? and e.id > ?))`, [t, rank, t, rank, id]);
    return query;
  };
  const run = <R>(key: string, values: Knex.Value[], build: (w: unknown, extra: Knex.Value[]) => RunnableSql) =>
    runCompiled<R, Knex.Value>(em, `${entity.name} ${key}`, where, values, build);
  const [ranked, totalCount] = await Promise.all([
    run<{ id: string; rank: number }>(
      `search ${after ? "after" : "first"} ${limit}`,
      after ? [text, ...(after as Knex.Value[])] : [text],
      page,
    ),
    selects(info, "totalCount")
      ? run<{ count: string }>("search count", [text], (w, [t]) => matching(w, t!, true)).then(([row]) => Number(row?.count ?? 0))
      : -1,
  ]);
  const hits = ranked.slice(0, limit);
  const records = hits.length > 0 ? await findPlain(em, entity, { id: { $in: hits.map((h) => h.id) } }) : [];
  const byId = new Map(records.map((r) => [r.id, r]));
  const edges = hits.map((h) => ({ cursor: encodeCursor([h.rank, h.id]), node: { rank: h.rank, node: byId.get(h.id)! } }));
  return {
    nodes: edges.map((e) => e.node),
    edges,
    totalCount,
    pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: ranked.length > limit },
  };
}
