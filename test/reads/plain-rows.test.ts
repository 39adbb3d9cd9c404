import { findPlain, type PlainRow } from "@concert/subgraph-kit/reads";
import { type RequestEntityManager, wrap } from "@concert/subgraph-kit/server";
import { useSubgraphDatabase } from "@concert/system/testing";
import type { EntityClass } from "@mikro-orm/core";

/**
 * One plain-row shape for every read for display, and no way to write one: the request's EntityManager refuses a
 * plain row in `persist` at compile time (this file is type-checked by `tsc -p tsconfig.test.json`, so an
 * `@ts-expect-error` below that stops being an error fails the lint), while MikroORM itself would take it.
 */

const peacekeeping = useSubgraphDatabase("peacekeeping", { demo: true });
type Pledge = { id: string; mission: { acronym: string } | null; quantity: number; originator: string };
const Pledge = peacekeeping.entity<Pledge>("Pledge") as EntityClass<Pledge>;

it("reads rows of the entity's class, each reference as its key, outside the identity map", async () => {
  const em = peacekeeping.db.orm.em.fork();
  const rows: PlainRow<Pledge>[] = await findPlain(em, Pledge, { mission: { $ne: null } }, { orderBy: { id: "asc" }, limit: 5 });
  expect(rows.length).toBe(5);
  for (const row of rows) {
    expect(row).toBeInstanceOf(Pledge);
    expect(Object.keys(row.mission!)).toEqual(["acronym"]);
    expect(typeof row.quantity).toBe("number");
  }
  expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
});

type Snapshot = { id: string; month: string; units: number; latestOfMission?: boolean };
const Snapshot = peacekeeping.entity<Snapshot>("DeploymentSnapshot") as EntityClass<Snapshot>;

it("leaves lazy properties out, as em.find does, with every other column; a filter may still name them", async () => {
  const em = peacekeeping.db.orm.em.fork();
  const where = { latestOfMission: true };
  const rows = await findPlain(em, Snapshot, where, { orderBy: { id: "asc" }, limit: 3 });
  const entities = await em.fork().find(Snapshot, where, { orderBy: { id: "asc" }, limit: 3 });
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.map((r) => r.id)).toEqual(entities.map((e) => e.id));
  for (const [i, row] of rows.entries()) {
    expect(Object.hasOwn(row, "latestOfMission")).toBe(false);
    expect(row.latestOfMission).toBeUndefined();
    expect([row.month, row.units]).toEqual([entities[i]!.month, entities[i]!.units]);
  }
  const columns = Object.keys(rows[0]!);
  expect(columns).toEqual(expect.arrayContaining(["id", "mission", "month", "contributor", "capabilityType", "units", "personnel"]));
  // A read that names it reads it too.
  const [named] = await findPlain(em, Snapshot, where, { orderBy: { id: "asc" }, limit: 1, lazy: ["latestOfMission"] });
  expect(named).toEqual(expect.objectContaining({ id: rows[0]!.id, latestOfMission: true }));
  expect(Object.keys(named!).sort()).toEqual([...columns, "latestOfMission"].sort());
});

it("refuses a plain row in the request's persist and the kit's wrap, in transactions too, where MikroORM would take it", async () => {
  const em = peacekeeping.db.orm.em.fork() as RequestEntityManager;
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
