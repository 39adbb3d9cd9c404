// Starts one throwaway embedded PostgreSQL for the whole test run, unless DATABASE_URL names a server.
const { startEmbeddedPostgres } = require("@concert/db");

module.exports = async () => {
  if (process.env.DATABASE_URL) return;
  const pg = await startEmbeddedPostgres();
  process.env.DATABASE_URL = pg.url;
  globalThis.__CONCERT_PG__ = pg;
};
