import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { databaseUrl, dropDatabase, ensureDatabase, withDatabaseClient } from "@concert/db";
import type pg from "pg";

/**
 * A database made by release 159f8da (each subgraph creating the kit's tables in its own migrations) upgrades with
 * `npm run migrate` alone: the kit's migrations adopt the tables it finds, the data and the feed's epoch survive, and
 * the result has the schema of a database made anew by this release. The old release's databases are built from the
 * SQL its migrations ran (test/migrations/release-159f8da.json, written by scripts/release-migrations.mjs).
 */

type Fixture = { release: string; subgraphs: Record<string, { name: string; statements: string[] }[]> };
const fixture: Fixture = JSON.parse(readFileSync(join(__dirname, "release-159f8da.json"), "utf8"));
const SUBGRAPHS = ["engagements", "risk", "peacekeeping", "alerts"] as const;
const WITH_KIT_TABLES = ["engagements", "risk", "peacekeeping"] as const;
const serverUrl = process.env.DATABASE_URL!;
const ROOT = join(__dirname, "..", "..");
const oldDb = (name: string) => `u${process.pid}_old_${name}`;
const newDb = (name: string) => `u${process.pid}_new_${name}`;

/** The kit's migrations, none of which the old release had (it created their tables in each subgraph's own). */
const KIT_MIGRATIONS = readdirSync(join(ROOT, "packages", "subgraph-kit", "src", "migrations")).filter((f) =>
  /^KitMigration\d+\.ts$/.test(f),
).length;

/** The migrations `npm run migrate` applies to an old release's database: the kit's, and the subgraph's own since. */
function newSince(name: string): number {
  const released = new Set(fixture.subgraphs[name]!.map((m) => m.name));
  const own = readdirSync(join(ROOT, "subgraphs", name, "src", "migrations")).filter((f) => /^Migration\d+\.ts$/.test(f));
  return KIT_MIGRATIONS + own.filter((f) => !released.has(f.replace(/\.ts$/, ""))).length;
}

/** `npm run migrate` (its compiled command) with one database per subgraph, and no gateway database. */
async function npmRunMigrate(dbName: (name: string) => string): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.GATEWAY_DATABASE_URL;
  delete env.CONCERT_DEMO_DATA;
  for (const name of SUBGRAPHS) env[`${name.toUpperCase()}_DATABASE_URL`] = databaseUrl(serverUrl, dbName(name));
  const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, "system/dist/cli/migrate.js")], { env, cwd: ROOT });
  return stdout;
}

const query = <T extends pg.QueryResultRow>(dbName: string, sql: string, values: unknown[] = []) =>
  withDatabaseClient(serverUrl, dbName, async (client) => (await client.query<T>(sql, values)).rows);

/** Tables, columns, indexes, constraints, functions and triggers, in a stable order (not the migrations' own table). */
async function schemaOf(dbName: string): Promise<string[]> {
  const rows = await query<{ line: string }>(
    dbName,
    `select concat_ws(' | ', 'column', table_name, column_name, data_type, udt_name, character_maximum_length, is_nullable,
              column_default, is_generated, generation_expression) as line
       from information_schema.columns where table_schema = 'public' and table_name <> 'mikro_orm_migrations'
     union all
     select concat_ws(' | ', 'index', tablename, indexdef) from pg_indexes where schemaname = 'public' and tablename <> 'mikro_orm_migrations'
     union all
     select concat_ws(' | ', 'constraint', conrelid::regclass::text, conname, pg_get_constraintdef(oid)) from pg_constraint
       where connamespace = 'public'::regnamespace and conrelid <> 'mikro_orm_migrations'::regclass
     union all
     select concat_ws(' | ', 'function', proname, pg_get_functiondef(oid)) from pg_proc where pronamespace = 'public'::regnamespace
     union all
     select concat_ws(' | ', 'trigger', tgname, pg_get_triggerdef(oid)) from pg_trigger where not tgisinternal`,
  );
  return rows.map((r) => r.line).sort();
}

/** Builds a database the way release 159f8da's `npm run migrate` did: its migrations' SQL, recorded by name. */
async function buildOldRelease(name: string): Promise<void> {
  await ensureDatabase(serverUrl, oldDb(name));
  await withDatabaseClient(serverUrl, oldDb(name), async (client) => {
    await client.query(
      `create table "mikro_orm_migrations" ("id" serial primary key, "name" varchar(255), "executed_at" timestamptz default CURRENT_TIMESTAMP)`,
    );
    for (const migration of fixture.subgraphs[name]!) {
      await client.query("begin");
      for (const sql of migration.statements) await client.query(sql);
      await client.query(`insert into "mikro_orm_migrations" ("name") values ($1)`, [migration.name]);
      await client.query("commit");
    }
  });
}

/** What the old release's users wrote in the kit's tables. */
async function writeKitData(name: string): Promise<void> {
  await query(
    oldDb(name),
    `insert into audit_entry (at, subject, partner, action, entity_type, entity_ids, originator, marking, decision, reason)
     values ('2026-12-01T10:00:00Z', 'analyst@usa', 'USA', 'READ', 'Engagement', '{a,b}', 'CAN', 'RESTRICTED', 'ALLOWED', null)`,
  );
  await query(
    oldDb(name),
    `insert into change_entry (record_type, record_id, kind, version, marking, releasable_to, originator)
     values ('Engagement', '00000000-0000-4000-8000-000000000001', 'CREATED', 1, 'PARTNERS', '{}', 'CAN'),
            ('Engagement', '00000000-0000-4000-8000-000000000001', 'MARKING_CHANGED', 2, 'RESTRICTED', '{USA}', 'CAN')`,
  );
}

const kitData = async (dbName: string) => ({
  audit: await query(
    dbName,
    "select at, subject, partner, action, entity_type, entity_ids, originator, marking, decision from audit_entry",
  ),
  changes: await query(
    dbName,
    "select position, record_type, record_id, kind, version, marking, releasable_to from change_entry order by position",
  ),
  epoch: await query(dbName, "select epoch from change_feed_epoch"),
});

let epochs: Record<string, unknown[]>;
let upgradeOutput: string;

beforeAll(async () => {
  for (const name of SUBGRAPHS) await buildOldRelease(name);
  epochs = {};
  for (const name of WITH_KIT_TABLES) {
    await writeKitData(name);
    epochs[name] = await query(oldDb(name), "select epoch from change_feed_epoch");
  }
  upgradeOutput = await npmRunMigrate(oldDb);
  await npmRunMigrate(newDb);
}, 240_000);

afterAll(async () => {
  for (const name of SUBGRAPHS) {
    await dropDatabase(serverUrl, oldDb(name));
    await dropDatabase(serverUrl, newDb(name));
  }
});

it("the old release's databases had the kit's tables, made by each subgraph's own migrations", async () => {
  for (const name of WITH_KIT_TABLES) {
    const sqls = fixture.subgraphs[name]!.map((m) => m.statements.join("\n"));
    expect(sqls.filter((sql) => sql.includes(`"change_entry"`)).length).toBeGreaterThanOrEqual(2);
    expect(epochs[name]).toHaveLength(1);
  }
});

it("upgrades with npm run migrate alone: the kit's migrations are recorded, nothing of the old release runs again", async () => {
  for (const name of WITH_KIT_TABLES) {
    expect(upgradeOutput).toContain(`${name}: applied ${newSince(name)} migration(s) to database "${oldDb(name)}"`);
    const recorded = (await query<{ name: string }>(oldDb(name), "select name from mikro_orm_migrations")).map((m) => m.name);
    expect(recorded.filter((m) => m.startsWith("KitMigration"))).toHaveLength(KIT_MIGRATIONS);
  }
  // Alerts had none of the kit's tables: it gets them now (it audits rule writes), all four kit migrations run.
  expect(upgradeOutput).toContain(`alerts: applied ${newSince("alerts")} migration(s) to database "${oldDb("alerts")}"`);
  const again = await npmRunMigrate(oldDb);
  for (const name of SUBGRAPHS) expect(again).toContain(`${name}: database "${oldDb(name)}" is up to date`);
}, 120_000);

it("keeps the kit's tables' rows and the feed's epoch, so that clients' cursors stay valid", async () => {
  for (const name of WITH_KIT_TABLES) {
    const data = await kitData(oldDb(name));
    expect(data.epoch).toEqual(epochs[name]);
    expect(data.audit).toEqual([expect.objectContaining({ entity_ids: ["a", "b"], originator: "CAN", marking: "RESTRICTED" })]);
    expect(data.changes.map((c) => [c.kind, c.version, c.marking, c.releasable_to])).toEqual([
      ["CREATED", 1, "PARTNERS", []],
      ["MARKING_CHANGED", 2, "RESTRICTED", ["USA"]],
    ]);
  }
});

it("gives an upgraded database the schema of a database made anew, kit's tables included", async () => {
  for (const name of SUBGRAPHS) {
    const fresh = await schemaOf(newDb(name));
    expect(await schemaOf(oldDb(name))).toEqual(fresh);
    expect(fresh.filter((line) => line.startsWith("column | audit_entry | entity_ids | ARRAY | _text | NO"))).toHaveLength(1);
    if (name !== "alerts") {
      expect(
        fresh.filter((line) => line.startsWith("column | change_entry | parent_marking | character varying | varchar | 20 | YES")),
      ).toHaveLength(1);
      expect((await query(newDb(name), "select epoch from change_feed_epoch")).length).toBe(1);
      expect(await query(newDb(name), "select epoch from change_feed_epoch")).not.toEqual(epochs[name]);
    }
  }
});
