import { type Database, dropDatabase, openDatabase } from "@concert/db";
import { findPlain, type PlainRow } from "@concert/subgraph-kit/reads";
import { type RequestEntityManager, wrap } from "@concert/subgraph-kit/server";
import { SUBGRAPHS } from "@concert/system";
import type { EntityClass } from "@mikro-orm/core";

/**
 * One plain-row shape for every read for display, and no way to write one: the request's EntityManager refuses a
 * plain row in `persist` at compile time (this file is type-checked by `tsc -p tsconfig.test.json`, so an
 * `@ts-expect-error` below that stops being an error fails the lint), while MikroORM itself would take it.
 */

const serverUrl = process.env.DATABASE_URL!;
const dbName = `u${process.pid}_plain_rows`;
const peacekeeping = SUBGRAPHS.peacekeeping;
type Pledge = { id: string; mission: { acronym: string } | null; quantity: number; originator: string };
const Pledge = peacekeeping.entities.find((e) => (e as { name?: string }).name === "Pledge") as EntityClass<Pledge>;
let db: Database;

beforeAll(async () => {
  db = await openDatabase({ serverUrl, dbName, entities: peacekeeping.entities, migrationsPath: peacekeeping.migrationsPath });
  await peacekeeping.seed(db.orm.em.fork(), { demo: true });
});

afterAll(async () => {
  await db?.close();
  await dropDatabase(serverUrl, dbName);
});

it("reads rows of the entity's class, each reference as its key, outside the identity map", async () => {
  const em = db.orm.em.fork();
  const rows: PlainRow<Pledge>[] = await findPlain(em, Pledge, { mission: { $ne: null } }, { orderBy: { id: "asc" }, limit: 5 });
  expect(rows.length).toBe(5);
  for (const row of rows) {
    expect(row).toBeInstanceOf(Pledge);
    expect(Object.keys(row.mission!)).toEqual(["acronym"]);
    expect(typeof row.quantity).toBe("number");
  }
  expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
});

it("refuses a plain row in the request's persist and the kit's wrap, in transactions too, where MikroORM would take it", async () => {
  const em = db.orm.em.fork() as RequestEntityManager;
  const [row] = await findPlain(em, Pledge, {}, { limit: 1 });
  const entity = await em.findOneOrFail(Pledge, { id: row!.id });
  em.persist(entity);
  em.persist([entity]);
  // @ts-expect-error a plain row is not an entity to write
  em.persist(row!);
  // @ts-expect-error nor is a list of them
  em.persist([row!]);
  expect(wrap(entity).isInitialized()).toBe(true);
  // @ts-expect-error the kit's wrap (subgraphs may not import MikroORM's: biome.jsonc) takes entities only
  wrap(row!).assign({ quantity: 12_345 });
  // MikroORM would assign to it as to an entity.
  expect(row!.quantity).toBe(12_345);
  // MikroORM takes it (it passes `instanceof`): flushed, it would insert a copy. Only the type stops it.
  expect(
    em
      .getUnitOfWork()
      .getPersistStack()
      .has(row as never),
  ).toBe(true);
  em.clear();
  await expect(
    em.transactional(async (tx) => {
      // @ts-expect-error the transaction's EntityManager is the request's type
      tx.persist(row!);
      // @ts-expect-error and so is a fork's
      tx.fork().persist(row!);
      throw new Error("rolled back");
    }),
  ).rejects.toThrow("rolled back");
});
