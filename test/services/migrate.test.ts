import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { dropDatabase, freePort, withDatabaseClient } from "@concert/db";
import { runCli, serverUrl } from "./support";

const SUBGRAPHS = ["risk", "peacekeeping", "engagements", "alerts"] as const;
const prefix = `mig${process.pid}_`;
const dbName = (name: string) => `${prefix}${name}`;
const env = () => ({
  ...Object.fromEntries(SUBGRAPHS.map((n) => [`${n.toUpperCase()}_DATABASE_URL`, `${serverUrl()}/${dbName(n)}`])),
  // The gateway's own database: console sessions.
  GATEWAY_DATABASE_URL: `${serverUrl()}/${dbName("gateway")}`,
});
/** Every subgraph database gets the kit's migrations (its audit and change-feed tables) before its own. */
const migrationFiles = (name: string) => [
  ...readdirSync(resolve(__dirname, "../../packages/subgraph-kit/dist/migrations")).filter((f) => /^KitMigration.*\.js$/.test(f)),
  ...readdirSync(resolve(__dirname, `../../subgraphs/${name}/dist/migrations`)).filter((f) => /^Migration.*\.js$/.test(f)),
];
const query = <T>(name: string, sql: string) =>
  withDatabaseClient(serverUrl(), dbName(name), async (c) => (await c.query(sql)).rows as T[]);

afterAll(async () => {
  for (const name of [...SUBGRAPHS, "gateway", "behind"]) await dropDatabase(serverUrl(), dbName(name));
});

it("migrates empty databases once when three replicas run `npm run migrate` at once, reference data only", async () => {
  const runs = [1, 2, 3].map(() => runCli("migrate", [], env()));
  const codes = await Promise.all(runs.map((r) => r.exited));
  expect({ codes, output: runs.map((r) => r.output()) }).toEqual({ codes: [0, 0, 0], output: expect.any(Array) });

  for (const name of SUBGRAPHS) {
    const files = migrationFiles(name);
    // One replica applied them all; the others, after waiting for the lock, found nothing to do.
    const reports = runs.map((r) => new RegExp(`^${name}: (.*)$`, "m").exec(r.output())![1]).sort();
    expect(reports).toEqual([
      `applied ${files.length} migration(s) to database "${dbName(name)}"`,
      `database "${dbName(name)}" is up to date`,
      `database "${dbName(name)}" is up to date`,
    ]);
    const applied = await query<{ name: string; times: string }>(
      name,
      "select name, count(*) as times from mikro_orm_migrations group by name",
    );
    expect(applied).toHaveLength(files.length);
    expect(applied.every((row) => row.times === "1")).toBe(true);
  }
  const gatewayMigrations = readdirSync(resolve(__dirname, "../../gateway/dist/console/migrations")).filter((f) =>
    /^Migration.*\.js$/.test(f),
  );
  const gatewayReports = runs.map((r) => /^gateway: (.*)$/m.exec(r.output())![1]).sort();
  expect(gatewayReports).toEqual([
    `applied ${gatewayMigrations.length} migration(s) to database "${dbName("gateway")}" (console sessions)`,
    `database "${dbName("gateway")}" is up to date`,
    `database "${dbName("gateway")}" is up to date`,
  ]);
  expect(await query("gateway", "select count(*)::int as n from console_session")).toEqual([{ n: 0 }]);
  // Reference data seeded, demo data not (CONCERT_DEMO_DATA unset).
  expect(await query("risk", "select count(*)::int as n from risk_factor")).not.toEqual([{ n: 0 }]);
  expect(await query("risk", "select count(*)::int as n from risk_assessment")).toEqual([{ n: 0 }]);
  expect(await query("engagements", "select count(*)::int as n from partner")).not.toEqual([{ n: 0 }]);
  expect(await query("engagements", "select count(*)::int as n from engagement")).toEqual([{ n: 0 }]);

  // Run again with demo data asked for: nothing to migrate, demo records added.
  const again = runCli("migrate", [], { ...env(), CONCERT_DEMO_DATA: "1" });
  expect(await again.exited).toBe(0);
  expect(again.output()).toMatch(/risk: database ".*" is up to date/);
  expect(await query("risk", "select count(*)::int as n from risk_assessment where demo")).not.toEqual([{ n: 0 }]);
}, 180_000);

it("reports every missing or bad database setting at once", async () => {
  const run = runCli("migrate", [], { RISK_DATABASE_URL: "mysql://somewhere/risk" });
  expect(await run.exited).toBe(2);
  expect(run.output()).toContain("RISK_DATABASE_URL must be a URL such as postgres://");
  expect(run.output()).toContain("DATABASE_URL or PEACEKEEPING_DATABASE_URL is required");
  expect(run.output()).toContain("DATABASE_URL or ENGAGEMENTS_DATABASE_URL is required");
  expect(run.output()).toContain("DATABASE_URL or ALERTS_DATABASE_URL is required");
});

it("refuses to serve in production mode against a database whose migrations are behind", async () => {
  await withDatabaseClient(serverUrl(), "postgres", (c) => c.query(`CREATE DATABASE "${dbName("behind")}"`));
  const run = runCli("serve", ["engagements"], {
    NODE_ENV: "production",
    CHANGE_FEED_KEY: "a test key of the change feeds' cursors, 32+ characters",
    ENGAGEMENTS_DATABASE_URL: `${serverUrl()}/${dbName("behind")}`,
    PORT: String(await freePort()),
  });
  expect(await run.exited).toBe(4);
  expect(run.output()).toMatch(
    new RegExp(
      `refusing to serve: database "${dbName("behind")}" is behind: ${migrationFiles("engagements").length} migration\\(s\\) not applied .* run \`npm run migrate\` first`,
    ),
  );
}, 60_000);

it("refuses to serve the gateway in production mode against a sessions database whose migrations are behind", async () => {
  await withDatabaseClient(serverUrl(), "postgres", (c) => c.query(`CREATE DATABASE "${dbName("gatewaybehind")}"`));
  try {
    const run = runCli("serve", ["gateway"], {
      NODE_ENV: "production",
      GATEWAY_DATABASE_URL: `${serverUrl()}/${dbName("gatewaybehind")}`,
      CONCERT_SESSION_KEY: Buffer.alloc(32, 7).toString("base64"),
      ...Object.fromEntries(SUBGRAPHS.map((n) => [`${n.toUpperCase()}_URL`, `http://127.0.0.1:9/graphql`])),
      PORT: String(await freePort()),
    });
    expect(await run.exited).toBe(4);
    expect(run.output()).toMatch(
      new RegExp(`gateway: refusing to serve: database "${dbName("gatewaybehind")}" is behind: 2 migration\\(s\\) not applied`),
    );
  } finally {
    await dropDatabase(serverUrl(), dbName("gatewaybehind"));
  }
}, 60_000);
