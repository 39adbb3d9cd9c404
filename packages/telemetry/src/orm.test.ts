import { Writable } from "node:stream";
import { MikroORM } from "@mikro-orm/core";
import { PostgreSqlDriver } from "@mikro-orm/postgresql";
import { Registry } from "prom-client";
import { createLogger } from "./logger.js";
import { knexPoolStats } from "./metrics.js";
import { serviceTelemetry } from "./service.js";

/** The ORM writing through the telemetry's logger and metrics, on the real PostgreSQL of the test run. */
describe("MikroORM with the telemetry", () => {
  let orm: MikroORM<PostgreSqlDriver>;
  const lines: Record<string, unknown>[] = [];
  const registry = new Registry();

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const telemetry = serviceTelemetry({
      service: "risk",
      registry,
      logger: createLogger({ service: "risk", destination, level: "debug" }),
    });
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = "/postgres";
    orm = await MikroORM.init<PostgreSqlDriver>({
      driver: PostgreSqlDriver,
      clientUrl: url.toString(),
      entities: [],
      discovery: { warnWhenNoEntities: false },
      pool: { min: 0, max: 4 },
      debug: ["query"],
      loggerFactory: telemetry.ormLoggerFactory,
    });
    telemetry.metrics.trackPool(knexPoolStats(orm.em.getConnection().getKnex()));
  });

  afterAll(() => orm?.close(true));

  it("times every statement, logs it at debug level, and reports the pool", async () => {
    const before = lines.length;
    await orm.em.getConnection().execute("SELECT 1 AS one");
    await orm.em.getConnection().execute("SELECT 2 AS two");
    const queries = lines.slice(before).filter((l) => l.orm === "query");
    expect(queries.map((l) => String(l.msg))).toEqual([
      expect.stringContaining("SELECT 1 AS one"),
      expect.stringContaining("SELECT 2 AS two"),
    ]);
    expect(queries.every((l) => l.level === "debug" && typeof l.durationMs === "number")).toBe(true);
    const body = await registry.metrics();
    expect(Number(/concert_db_query_duration_seconds_count\{service="risk"\} (\d+)/.exec(body)?.[1])).toBeGreaterThanOrEqual(2);
    expect(body).toContain('concert_db_pool_connections{service="risk",state="max"} 4');
    expect(Number(/concert_db_pool_connections\{service="risk",state="idle"\} (\d+)/.exec(body)?.[1])).toBeGreaterThanOrEqual(1);
  });
});
