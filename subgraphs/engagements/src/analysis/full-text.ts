import { badUserInput } from "@concert/subgraph-kit/errors";
import {
  compiledQueryOf,
  decodeCursor,
  encodeCursor,
  findPlain,
  type Page,
  type PageArgs,
  pageSize,
  runCompiledUntilChanged,
  selects,
} from "@concert/subgraph-kit/reads";
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

/** The records of `entity` (by name) matching `where` and the text; the text reaches the SQL as a binding through knex (MikroORM's raw() would write it into the statement). */
function matching(em: EntityManager, entity: string, where: unknown, text: Knex.Value, count = false) {
  const qb = em.createQueryBuilder(entity, "e").where(where as never);
  if (count) qb.count();
  return qb.getKnexQuery().whereRaw(MATCHES, [text]);
}

interface PageShape {
  entity: string;
  limit: number;
  after: boolean;
}

/** A page of matching ids by rank: `extra` is the text, then the cursor's rank and id when `after`. */
const SEARCH_PAGE = compiledQueryOf<Knex.Value, PageShape>((em, where, [text, rank, id], o) => {
  const query = matching(em, o.entity, where, text!)
    .clearSelect()
    .select("e.id", em.getKnex().raw(`${RANK} as rank`, [text!]))
    .orderByRaw("rank desc, e.id asc")
    .limit(o.limit + 1);
  if (o.after) query.whereRaw(`(${RANK} < ? or (${RANK} = ? and e.id > ?))`, [text!, rank!, text!, rank!, id!]);
  return query;
});

const SEARCH_COUNT = compiledQueryOf<Knex.Value, string>((em, where, [text], entity) => matching(em, entity, where, text!, true));

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
  /** The data version every write to the entity's table moves: the matches and their count are kept until it does. */
  keptUntil?: string,
): Promise<Page<Match<T>>> {
  if (text.trim() === "") throw badUserInput("query", "must not be empty");
  const limit = pageSize(args.first);
  const after = args.after ? decodeCursor(args.after, ["number", "uuid"]) : undefined;
  const [ranked, totalCount] = await Promise.all([
    runCompiledUntilChanged<{ id: string; rank: number }, Knex.Value, PageShape>(
      em,
      keptUntil,
      SEARCH_PAGE,
      where,
      after ? [text, ...(after as Knex.Value[])] : [text],
      {
        entity: entity.name,
        limit,
        after: after !== undefined,
      },
    ),
    selects(info, "totalCount")
      ? runCompiledUntilChanged<{ count: string }, Knex.Value, string>(em, keptUntil, SEARCH_COUNT, where, [text], entity.name).then(
          ([row]) => Number(row?.count ?? 0),
        )
      : -1,
  ]);
  const hits = ranked.slice(0, limit);
  const records = hits.length > 0 ? await findPlain(em, entity, { id: { $in: hits.map((h) => h.id) } }, {}, keptUntil) : [];
  const byId = new Map(records.map((r) => [r.id, r]));
  const edges = hits.map((h) => ({ cursor: encodeCursor([h.rank, h.id]), node: { rank: h.rank, node: byId.get(h.id)! } }));
  return {
    nodes: edges.map((e) => e.node),
    edges,
    totalCount,
    pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: ranked.length > limit },
  };
}
