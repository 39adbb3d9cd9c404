import {
  compiledQuery,
  compiledQueryOf,
  compiledRead,
  compiledSqlCacheStats,
  configureReads,
  countPlain,
  DEFAULT_READ_SETTINGS,
  findPlain,
  runCompiled,
} from "@concert/subgraph-kit/reads";
import { useSubgraphDatabase } from "@concert/system/testing";
import { type EntityClass, type FilterQuery, raw } from "@mikro-orm/core";
import type { Knex } from "@mikro-orm/postgresql";

const peacekeeping = useSubgraphDatabase("peacekeeping", { demo: true });
type Row = { id?: string; acronym?: string };
const entity = (name: string) => peacekeeping.entity<Row>(name) as EntityClass<Row>;
const Pledge = entity("Pledge");
const Mission = entity("Mission");

const key = (r: Row) => String(r.id ?? r.acronym);
const keys = (rows: object[]) => (rows as Row[]).map(key);

/** Filters of the shapes the subgraphs send: lists of different lengths, nulls, dates, $or, $and, ranges. */
const pledgeFilters: { name: string; where: Record<string, unknown> }[] = [
  { name: "$in of two", where: { status: { $in: ["PLEDGED", "VERIFIED"] } } },
  { name: "$in of three", where: { status: { $in: ["PLEDGED", "VERIFIED", "DEPLOYED"] } } },
  { name: "$in of one, other values", where: { status: { $in: ["WITHDRAWN"] } } },
  { name: "null", where: { mission: null } },
  { name: "$ne null", where: { mission: { $ne: null } } },
  { name: "number range", where: { quantity: { $gte: 2, $lte: 4 } } },
  { name: "date", where: { updatedAt: { $gt: new Date("2000-01-01T00:00:00Z") } } },
  { name: "date that excludes all", where: { updatedAt: { $gt: new Date("2999-01-01T00:00:00Z") } } },
  {
    name: "$or and $and",
    where: {
      $and: [{ status: { $in: ["PLEDGED", "VERIFIED"] } }, { $or: [{ marking: { $in: ["PUBLIC", "PARTNERS"] } }, { originator: "UN" }] }],
    },
  },
  { name: "array column $overlap", where: { releasableTo: { $overlap: ["USA", "SLF"] } } },
  {
    name: "a readable filter",
    where: {
      $or: [
        { marking: { $in: ["PUBLIC", "PARTNERS"] } },
        { originator: "USA" },
        { marking: "RESTRICTED", releasableTo: { $overlap: ["USA", "a,b", 'q"u{o}te'] } },
      ],
    },
  },
  // MikroORM writes an empty list as a constant condition (1 = 0): compiled with its constant.
  { name: "empty $in", where: { status: { $in: [] } } },
];

describe("reads compiled once per shape of their filter", () => {
  it.each(pledgeFilters)("answers $name exactly as MikroORM's find and count do, again from the compiled SQL", async ({ where }) => {
    const em = peacekeeping.db.orm.em.fork();
    const expected = keys(await em.find(Pledge, where as FilterQuery<Row>, { orderBy: { id: "asc" } }));
    const expectedCount = await em.count(Pledge, where as FilterQuery<Row>);
    for (let round = 0; round < 2; round++) {
      expect(keys(await findPlain(em, Pledge, where, { orderBy: { id: "asc" } }))).toEqual(expected);
      expect(await countPlain(em, Pledge, where)).toBe(expectedCount);
    }
    expect(compiledRead(em, Pledge, "rows", where, { orderBy: { id: "asc" } })).toBeDefined();
  });

  it("binds each read's own values into its shape's SQL, the limit included", async () => {
    const em = peacekeeping.db.orm.em.fork();
    const all = keys(await em.find(Pledge, {}, { orderBy: { id: "asc" } }));
    expect(all.length).toBeGreaterThan(3);
    const first = compiledRead(em, Pledge, "rows", { id: { $gt: all[0] } }, { orderBy: { id: "asc" }, limit: 2 })!;
    const second = compiledRead(em, Pledge, "rows", { id: { $gt: all[1] } }, { orderBy: { id: "asc" }, limit: 2 })!;
    expect(second.sql).toBe(first.sql);
    expect(first.params).toEqual([all[0], 2]);
    expect(second.params).toEqual([all[1], 2]);
    expect(keys(await findPlain(em, Pledge, { id: { $gt: all[1] } }, { orderBy: { id: "asc" }, limit: 2 }))).toEqual(all.slice(2, 4));
  });

  it("writes an array column's literal from each read's own values", async () => {
    const em = peacekeeping.db.orm.em.fork();
    const where = (codes: string[]) => ({ hostCountryCodes: { $overlap: codes } });
    for (const codes of [
      ["COD", "SSD"],
      ["MLI", "CAF"],
      ["XXX", "YYY"],
    ]) {
      const expected = keys(await em.find(Mission, where(codes) as FilterQuery<Row>, { orderBy: { acronym: "asc" } }));
      expect(keys(await findPlain(em, Mission, where(codes), { orderBy: { acronym: "asc" } }))).toEqual(expected);
    }
    expect(keys(await findPlain(em, Mission, where(["COD", "SSD"]))).length).toBeGreaterThan(0);
    expect(compiledRead(em, Mission, "rows", where(["MLI", "CAF"]))!.params).toEqual(["{MLI,CAF}"]);
  });

  it("compiles a knex query's list parameters and constants, and binds each call's own list", async () => {
    const em = peacekeeping.db.orm.em.fork();
    const hosting = compiledQueryOf<Knex.Value>((em, w, [codes]) =>
      em
        .createQueryBuilder(Mission, "m")
        .select("m.acronym")
        .where(w as never)
        .getKnexQuery()
        .whereRaw("m.host_country_codes && array[?]::text[]", [codes!])
        .orderBy("m.acronym")
        .limit(50),
    );
    const where = { version: { $gte: 1 } };
    for (const codes of [["COD", "SSD"], ["MLI"], ["CAF", "XXX"]]) {
      const expected = keys(
        await em.find(Mission, { ...where, hostCountryCodes: { $overlap: codes } } as FilterQuery<Row>, { orderBy: { acronym: "asc" } }),
      );
      const rows = await runCompiled<Row, Knex.Value>(em, hosting, where, [codes], undefined);
      expect(rows.map(key)).toEqual(expected);
      expect(compiledQuery(em, hosting, where, [codes], undefined)!.params).toEqual([1, codes, 50]);
    }
  });

  it("reads a shape it cannot compile through the query builder, with the same answer", async () => {
    const em = peacekeeping.db.orm.em.fork();
    // MikroORM's raw() writes its params into the statement's text: no stand-in comes back as a binding.
    const inlined = compiledQueryOf<string>(
      (em, w, [acronym]) =>
        em
          .createQueryBuilder(Mission, "m")
          .select("m.acronym")
          .where(w as never)
          .andWhere(raw("m.acronym = ?", [acronym])) as never,
    );
    const where = { version: { $gte: 1 } };
    expect(compiledQuery(em, inlined, where, ["MONUSCO"], undefined)).toBeUndefined();
    expect((await runCompiled<Row, string>(em, inlined, where, ["MONUSCO"], undefined)).map(key)).toEqual(["MONUSCO"]);
    expect(await runCompiled<Row, string>(em, inlined, where, ["NONE"], undefined)).toEqual([]);
    // Objects that are not plain data (an entity, a raw fragment) are never compiled.
    expect(compiledRead(em, Mission, "rows", { acronym: new (class Opaque {})() })).toBeUndefined();
  });

  it("puts list lengths into a few buckets: a batch of 5 ids and one of 7 share one SQL, with the same answers", async () => {
    const em = peacekeeping.db.orm.em.fork();
    const all = keys(await em.find(Pledge, {}, { orderBy: { id: "asc" } }));
    const five = compiledRead(em, Pledge, "rows", { id: { $in: all.slice(0, 5) } }, { orderBy: { id: "asc" } })!;
    const seven = compiledRead(em, Pledge, "rows", { id: { $in: all.slice(0, 7) } }, { orderBy: { id: "asc" } })!;
    expect(five.sql).toBe(seven.sql);
    expect(keys(await findPlain(em, Pledge, { id: { $in: all.slice(0, 5) } }, { orderBy: { id: "asc" } }))).toEqual(all.slice(0, 5));
    expect(keys(await findPlain(em, Pledge, { id: { $in: all.slice(0, 7) } }, { orderBy: { id: "asc" } }))).toEqual(all.slice(0, 7));
  });

  it("keys a hand-built query by its definition, options and shape, not by a name its caller writes", () => {
    const em = peacekeeping.db.orm.em.fork();
    const first = compiledQueryOf<never, number>(
      (em, w, _, limit) =>
        em
          .createQueryBuilder(Mission)
          .where(w as never)
          .limit(limit) as never,
    );
    const second = compiledQueryOf<never, number>((em, w) => em.createQueryBuilder(Mission).where(w as never) as never);
    const where = { version: { $gte: 1 } };
    expect(compiledQuery(em, first, where, [], 5)!.sql).toMatch(/limit/);
    expect(compiledQuery(em, first, where, [], 6)!.params).toContain(6);
    expect(compiledQuery(em, second, where, [], 5)!.sql).not.toMatch(/limit/);
  });

  it("counts hits and misses, and evicts the least recently used shape past its size", () => {
    const em = peacekeeping.db.orm.em.fork();
    const before = compiledSqlCacheStats();
    compiledRead(em, Pledge, "rows", { quantity: { $gte: 1 }, personnel: { $lte: 1000 } });
    compiledRead(em, Pledge, "rows", { quantity: { $gte: 2 }, personnel: { $lte: 2000 } });
    const after = compiledSqlCacheStats();
    expect(after.misses - before.misses).toBe(1);
    expect(after.hits - before.hits).toBe(1);
    // Distinct options past the cache's size: the oldest are evicted, and the cache keeps no more than its size.
    const limited = compiledQueryOf<never, number>(
      (em, w, _, limit) =>
        em
          .createQueryBuilder(Pledge)
          .where(w as never)
          .limit(limit) as never,
    );
    for (let i = 1; i <= 2100; i++) compiledQuery(em, limited, { quantity: 1 }, [], i);
    const full = compiledSqlCacheStats();
    expect(full.evictions - after.evictions).toBeGreaterThanOrEqual(100);
    expect(full.entries).toBeLessThanOrEqual(2000 + 16);
    // The size is the ORM's setting (CONCERT_COMPILED_SQL_CACHE_SIZE through runSubgraph): a smaller one keeps fewer.
    configureReads(peacekeeping.db.orm.getMetadata(), { compiledSqlCacheSize: 50 });
    try {
      for (let i = 1; i <= 120; i++) compiledQuery(em, limited, { quantity: 1 }, [], i);
      expect(compiledSqlCacheStats().entries).toBeLessThanOrEqual(50);
      expect(compiledSqlCacheStats().evictions - full.evictions).toBeGreaterThanOrEqual(70);
    } finally {
      configureReads(peacekeeping.db.orm.getMetadata(), DEFAULT_READ_SETTINGS);
    }
  });
});
