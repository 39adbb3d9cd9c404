import {
  compactDataVersions,
  compiledQueryOf,
  configureReads,
  countPlain,
  DEFAULT_READ_SETTINGS,
  runCompiledUntilChanged,
  untilChangedCacheStats,
} from "@concert/subgraph-kit/reads";
import { useSubgraphDatabase } from "@concert/system/testing";
import type { EntityClass } from "@mikro-orm/core";
import type { EntityManager, Knex } from "@mikro-orm/postgresql";

const peacekeeping = useSubgraphDatabase("peacekeeping", { demo: true });

/** Pledges and units per status among `where`'s pledges: an aggregate over the two tables of the version `pledges`. */
const BY_STATUS = compiledQueryOf<Knex.Value>((em, where) =>
  em
    .createQueryBuilder("Pledge", "p")
    .select(["p.status"])
    .where(where as never)
    .getKnexQuery()
    .select(em.getKnex().raw(`count(*)::int as "pledges", coalesce(sum(p.quantity), 0)::int as "units"`))
    .select(em.getKnex().raw(`(select count(*)::int from pledge_caveat) as "caveats"`))
    .groupBy("p.status")
    .orderBy("p.status"),
);

type Row = { status: string; pledges: number; units: number; caveats: number };
const em = () => peacekeeping.db.orm.em.fork() as unknown as EntityManager;
const byStatus = (where: object = {}, on: EntityManager = em()) =>
  runCompiledUntilChanged<Row, Knex.Value>(on, "pledges", BY_STATUS, where, [], undefined);
const sql = (text: string, params: unknown[] = []) => em().getConnection().execute(text, params);
/** What the database answers now, without anything kept (the same statement, the kept answers off). */
async function fresh(where: object = {}) {
  configureReads(peacekeeping.db.orm.getMetadata(), { untilChangedCacheRows: 0 });
  try {
    return [...(await byStatus(where))];
  } finally {
    configureReads(peacekeeping.db.orm.getMetadata(), { untilChangedCacheRows: DEFAULT_READ_SETTINGS.untilChangedCacheRows });
  }
}
const counted = async (work: () => Promise<unknown>) => {
  const before = untilChangedCacheStats();
  await work();
  const after = untilChangedCacheStats();
  return { hits: after.hits - before.hits, misses: after.misses - before.misses };
};

describe("answers kept until their data changes", () => {
  it("answers again from memory, the same rows, frozen, until a pledge is written", async () => {
    const first = await byStatus();
    expect(first.length).toBeGreaterThan(1);
    expect(await counted(() => byStatus())).toEqual({ hits: 1, misses: 0 });
    expect(await byStatus()).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first[0])).toBe(true);
    expect([...first]).toEqual(await fresh());
  });

  it("reads again after any insert, update or delete of a pledge or a caveat, and answers the new rows", async () => {
    const pledged = () => byStatus().then((rows) => rows.find((r) => r.status === "PLEDGED")!);
    const before = await pledged();
    const id = (await sql("select id from pledge where status = 'PLEDGED' order by id limit 1"))[0].id as string;
    await sql("update pledge set quantity = quantity + 5 where id = ?", [id]);
    expect(await counted(pledged)).toEqual({ hits: 0, misses: 1 });
    expect((await pledged()).units).toBe(before.units + 5);
    await sql("update pledge set quantity = quantity - 5 where id = ?", [id]);
    expect((await pledged()).units).toBe(before.units);

    const caveats = (await pledged()).caveats;
    // a copy of a caveat, under a new id
    await sql(
      `insert into pledge_caveat select (jsonb_populate_record(null::pledge_caveat, to_jsonb(c) || jsonb_build_object('id', gen_random_uuid(), 'text', 'kept-answers test'))).*
         from pledge_caveat c limit 1`,
    );
    expect((await pledged()).caveats).toBe(caveats + 1);
    await sql("delete from pledge_caveat where text = 'kept-answers test'");
    expect((await pledged()).caveats).toBe(caveats);
    expect(await byStatus()).toEqual(await fresh());
  });

  it("keeps each filter's values apart: another status list is another answer", async () => {
    const pledged = await byStatus({ status: { $in: ["PLEDGED"] } });
    const withdrawn = await byStatus({ status: { $in: ["WITHDRAWN"] } });
    expect(pledged.map((r) => r.status)).toEqual(["PLEDGED"]);
    expect(withdrawn.every((r) => r.status === "WITHDRAWN")).toBe(true);
    expect(await byStatus({ status: { $in: ["PLEDGED"] } })).toBe(pledged);
  });

  it("inside a transaction serves and keeps nothing: its own uncommitted write is its alone, and a rollback moves nothing", async () => {
    const kept = await byStatus();
    const total = (rows: readonly Row[]) => rows.reduce((n, r) => n + r.units, 0);
    await expect(
      em().transactional(async (tx) => {
        await tx.getConnection().execute("update pledge set quantity = quantity + 7", [], "run", tx.getTransactionContext());
        const inside = await byStatus({}, tx as unknown as EntityManager);
        expect(total(inside)).toBeGreaterThan(total(kept));
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await counted(() => byStatus())).toEqual({ hits: 1, misses: 0 });
    expect(await byStatus()).toBe(kept);
  });

  it("keeps a list's count until its rows change (countPlain with a data version, as paginate's keptUntil)", async () => {
    const Pledge = peacekeeping.entity<object>("Pledge") as EntityClass<object>;
    const pledged = () => countPlain(em(), Pledge, { status: "PLEDGED" }, "pledges");
    const before = await pledged();
    expect(before).toBeGreaterThan(0);
    expect(await counted(pledged)).toEqual({ hits: 1, misses: 0 });
    const id = (await sql("select id from pledge where status = 'PLEDGED' order by id limit 1"))[0].id as string;
    await sql("update pledge set status = 'VERIFIED' where id = ?", [id]);
    expect(await pledged()).toBe(before - 1);
    await sql("update pledge set status = 'PLEDGED' where id = ?", [id]);
    expect(await pledged()).toBe(before);
    expect(await countPlain(em(), Pledge, { status: "PLEDGED" })).toBe(before);
  });

  it("lets writers of one version write at once, a transaction left open holding up none, and compacts without changing it", async () => {
    const kept = await byStatus();
    const held = await peacekeeping.db.orm.em.fork().getConnection().getKnex().transaction();
    try {
      await held.raw("update pledge set quantity = quantity where id = (select id from pledge order by id limit 1)");
      // another writer, while the first transaction is open: it does not wait for it
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        sql("update pledge set quantity = quantity where id = (select id from pledge order by id desc limit 1)"),
        new Promise((_, fail) => {
          timer = setTimeout(() => fail(new Error("the second writer waited for the first")), 5_000);
        }),
      ]).finally(() => clearTimeout(timer));
      const moved = await byStatus();
      expect(moved).not.toBe(kept);
      await compactDataVersions(em());
      // skipped while a writer holds its row: still several rows
      const rows = async () => Number((await sql("select count(*) as n from data_version where name = 'pledges'"))[0].n);
      expect(await rows()).toBeGreaterThan(1);
      await held.commit();
    } catch (err) {
      await held.rollback();
      throw err;
    }
    const afterCommit = await byStatus();
    expect(afterCommit).not.toBe(kept);
    await compactDataVersions(em());
    expect(Number((await sql("select count(*) as n from data_version where name = 'pledges'"))[0].n)).toBe(1);
    expect(await byStatus()).toBe(afterCommit);
  });

  it("holds at most its rows, all answers together: an answer of more is read every time, the least recently used goes first", async () => {
    const rows = (await fresh()).length;
    expect(rows).toBeGreaterThan(2);
    configureReads(peacekeeping.db.orm.getMetadata(), { untilChangedCacheRows: rows - 1 });
    try {
      await byStatus();
      expect(await counted(() => byStatus())).toEqual({ hits: 0, misses: 1 });
      configureReads(peacekeeping.db.orm.getMetadata(), { untilChangedCacheRows: rows });
      const pledged = { status: { $in: ["PLEDGED"] } };
      await byStatus();
      expect(await counted(() => byStatus())).toEqual({ hits: 1, misses: 0 });
      await byStatus(pledged); // its one row and the first answer's are more than the cache holds: the first is evicted
      expect(await counted(() => byStatus(pledged))).toEqual({ hits: 1, misses: 0 });
      expect(await counted(() => byStatus())).toEqual({ hits: 0, misses: 1 });
    } finally {
      configureReads(peacekeeping.db.orm.getMetadata(), { untilChangedCacheRows: DEFAULT_READ_SETTINGS.untilChangedCacheRows });
    }
  });

  it("keeps nothing when its size is 0", async () => {
    configureReads(peacekeeping.db.orm.getMetadata(), { untilChangedCacheRows: 0 });
    try {
      expect(await counted(async () => [await byStatus(), await byStatus()])).toEqual({ hits: 0, misses: 0 });
    } finally {
      configureReads(peacekeeping.db.orm.getMetadata(), { untilChangedCacheRows: DEFAULT_READ_SETTINGS.untilChangedCacheRows });
    }
  });
});
