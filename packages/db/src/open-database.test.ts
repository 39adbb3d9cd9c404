import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EntitySchema } from "@mikro-orm/core";
import { type Database, dropDatabase, openDatabase } from "./open-database.js";

const Probe = new EntitySchema({ name: "Probe", properties: { id: { type: "number", primary: true } } });
const serverUrl = process.env.DATABASE_URL!;
const dbName = `u${process.pid}_timeouts`;
const migrations = mkdtempSync(join(tmpdir(), "concert-migrations-"));
let db: Database;

beforeAll(async () => {
  db = await openDatabase({
    serverUrl,
    dbName,
    entities: [Probe as never],
    migrationsPath: migrations,
    timeouts: { statementTimeoutMs: 200, acquireTimeoutMs: 1_000 },
  });
});

afterAll(async () => {
  await db?.close();
  await dropDatabase(serverUrl, dbName);
  rmSync(migrations, { recursive: true, force: true });
});

describe("database timeouts", () => {
  it("sets statement_timeout on every connection, so a runaway statement is cancelled", async () => {
    const connection = db.orm.em.fork().getConnection();
    expect(await connection.execute("show statement_timeout")).toEqual([{ statement_timeout: "200ms" }]);
    const started = Date.now();
    await expect(connection.execute("select pg_sleep(5)")).rejects.toThrow(/statement timeout/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
