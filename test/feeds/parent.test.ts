import { dropDatabase, ensureDatabase, ormOptions, StatementCounter } from "@concert/db";
import { declareMarkedType, makeViewer, type Viewer } from "@concert/policy";
import { MarkedRecord } from "@concert/subgraph-kit/access";
import { ChangeEntry, ChangeFeedEpoch, ChangeRecorder } from "@concert/subgraph-kit/feeds";
import { Entity, ManyToOne, MikroORM, PrimaryKey, Property, type Ref, ref } from "@mikro-orm/core";
import type { PostgreSqlDriver } from "@mikro-orm/postgresql";
import { readEntryPage } from "../../packages/subgraph-kit/src/change-feed/read";
import { present } from "../../packages/subgraph-kit/src/change-feed/schema";
import { settled } from "./support";

/**
 * A record type whose declaration names a parent (an opinion on an assessment, a visit on a pledge) is read only by
 * whoever also reads its parent, in every derived reader: the SQL filter, the check on a loaded row, and the change
 * feed, where a change of the parent's marking is a marking change of each child, so that readers who lose the parent
 * are told ACCESS_REVOKED for its children. Test entities of their own, on a database of their own.
 */

const FOLDER = declareMarkedType({ type: "TestFolder" });
const NOTE = declareMarkedType({ type: "TestNote", parent: { type: FOLDER, property: "folder" } });

@Entity({ tableName: "test_folder" })
class TestFolder extends MarkedRecord {
  @PrimaryKey({ type: "string", length: 36 })
  id!: string;
}

@Entity({ tableName: "test_note" })
class TestNote extends MarkedRecord {
  @PrimaryKey({ type: "string", length: 36 })
  id!: string;

  @ManyToOne(() => TestFolder, { ref: true })
  folder!: Ref<TestFolder>;

  @Property({ type: "string" })
  text!: string;
}

const serverUrl = process.env.DATABASE_URL!;
const dbName = `u${process.pid}_parent_feed`;
let orm: MikroORM<PostgreSqlDriver>;

const viewer = (partner: string, kind: "GOVERNMENT" | "CIVIL_SOCIETY"): Viewer =>
  makeViewer({ subject: partner, partner, kind, roles: [], groups: [] });
const USA = viewer("USA", "GOVERNMENT");
const ICG = viewer("ICG", "CIVIL_SOCIETY");

beforeAll(async () => {
  await ensureDatabase(serverUrl, dbName);
  const recorder = new ChangeRecorder({
    domain: "Test",
    records: [
      { declaration: FOLDER, entity: TestFolder, description: "A folder." },
      { declaration: NOTE, entity: TestNote, description: "A note in a folder." },
    ],
  });
  orm = await MikroORM.init(
    ormOptions(
      {
        serverUrl,
        dbName,
        entities: [TestFolder, TestNote, ChangeEntry, ChangeFeedEpoch],
        subscribers: [recorder],
        migrationsPath: __dirname,
      },
      new StatementCounter(),
    ),
  );
  await orm.schema.createSchema();
  await orm.em.fork().insert(ChangeFeedEpoch, { epoch: "00000000-0000-4000-8000-000000000000" });
});

afterAll(async () => {
  await orm?.close(true);
  await dropDatabase(serverUrl, dbName);
});

const marked = (marking: string, originator: string) => ({ marking, releasableTo: [], originator, version: 1 }) as never;

it("reads a child only where its parent is readable: in SQL, on a loaded row, and in the change feed when the parent is re-marked", async () => {
  const em = orm.em.fork();
  const folder = Object.assign(new TestFolder(), { id: "f1", ...(marked("PARTNERS", "USA") as object) });
  const note = Object.assign(new TestNote(), { id: "n1", folder: ref(folder), text: "hello", ...(marked("PUBLIC", "CAN") as object) });
  em.persist([folder, note]);
  await em.flush();

  const readers = async (v: Viewer) => {
    const filtered = (await orm.em.fork().find(TestNote, NOTE.where(v) as never)).map((n) => n.id);
    const { sql, params } = NOTE.sql(v, "t");
    const bySql = await orm.em.getConnection().execute<{ id: string }[]>(`select t.id from test_note t where ${sql}`, params);
    expect(bySql.map((r) => r.id)).toEqual(filtered);
    return filtered;
  };
  expect(await readers(USA)).toEqual(["n1"]);
  expect(await readers(ICG)).toEqual(["n1"]);

  // The folder tightened to governments: civil society loses the note, through its parent.
  folder.marking = "GOVERNMENTS";
  await em.flush();
  expect(await readers(USA)).toEqual(["n1"]);
  expect(await readers(ICG)).toEqual([]);
  const loaded = await orm.em.fork().findOneOrFail(TestNote, { id: "n1" }, { populate: ["folder"] });
  expect([USA, ICG].map((v) => NOTE.canRead(v, loaded))).toEqual([true, false]);
  const unloaded = await orm.em.fork().findOneOrFail(TestNote, { id: "n1" });
  expect(NOTE.canRead(USA, unloaded)).toBe(false); // a parent not loaded denies

  await settled();
  const entries = async (v: Viewer) => {
    const page = await readEntryPage(orm.em.fork() as never, { xid: "0", position: "0" }, ["TEST_NOTE"], 100, v);
    return page.rows.map((row) => `${row.kind}:${present(row, v)?.change ?? "-"}`);
  };
  // Created under a PARTNERS folder, then re-marked with it.
  expect(await entries(USA)).toEqual(["CREATED:CREATED", "MARKING_CHANGED:UPDATED"]);
  expect(await entries(ICG)).toEqual(["CREATED:CREATED", "MARKING_CHANGED:ACCESS_REVOKED"]);
  const [, remark] = (await readEntryPage(orm.em.fork() as never, { xid: "0", position: "0" }, ["TEST_NOTE"], 100, USA)).rows;
  expect(remark).toMatchObject({ marking: "PUBLIC", parent_marking: "GOVERNMENTS", previous_parent_marking: "PARTNERS", version: 1 });
});
