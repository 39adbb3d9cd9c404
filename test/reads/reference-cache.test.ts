import { configureReads, DEFAULT_READ_SETTINGS, referenceCache } from "@concert/subgraph-kit/reads";
import { useSubgraphDatabase } from "@concert/system/testing";
import type { EntityClass } from "@mikro-orm/core";

/**
 * A reference table is read once and kept, and read again once older than the refresh bound: a row that another
 * replica's migration or seed adds is served without a restart, within the bound plus one read.
 */

const engagements = useSubgraphDatabase("engagements", { demo: false });
type Theme = { code: string; name: string };
const Theme = engagements.entity<Theme>("Theme") as EntityClass<Theme>;

it("serves a row added after the first read once the refresh bound has passed, and none before", async () => {
  configureReads(engagements.db.orm.getMetadata(), { referenceRefreshMs: 300 });
  const THEMES = referenceCache(Theme, "code", { orderBy: { code: "ASC" } });
  const ctx = { em: engagements.db.orm.em.fork() as never };
  const before = (await THEMES.all(ctx)).map((t) => t.code);
  expect(before.length).toBeGreaterThan(3);
  await engagements.db.orm.em.getConnection().execute(`insert into theme (code, name) values ('ZZ_NEW', 'A new theme')`);
  expect(await THEMES.get(ctx, "ZZ_NEW")).toBeNull();
  await new Promise((resolve) => setTimeout(resolve, 400));
  await THEMES.all(ctx); // older than the bound: answered from the copy, read again in the background
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect((await THEMES.get(ctx, "ZZ_NEW"))?.name).toBe("A new theme");
  expect(THEMES.lookup(ctx, "ZZ_NEW")).toMatchObject({ code: "ZZ_NEW" });
});

it("keeps the bound of each database's own settings: the default 5 minutes serves the first copy", async () => {
  configureReads(engagements.db.orm.getMetadata(), DEFAULT_READ_SETTINGS);
  const THEMES = referenceCache(Theme, "code", { orderBy: { code: "ASC" } });
  const ctx = { em: engagements.db.orm.em.fork() as never };
  await THEMES.all(ctx);
  await engagements.db.orm.em.getConnection().execute(`insert into theme (code, name) values ('ZZ_LATER', 'A later theme')`);
  await new Promise((resolve) => setTimeout(resolve, 400));
  await THEMES.all(ctx);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(await THEMES.get(ctx, "ZZ_LATER")).toBeNull();
});
