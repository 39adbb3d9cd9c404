// Before/after figures for one statement or one subgraph on the bench's full data set (docs/benchmark.md, "What each
// optimisation bought"), without a whole bench run. The data set is generated once into .data/profile (about a
// minute) and reused. Run after `npm run build`:
//   node bench/scripts/profile.js pledge-gaps [--root DIR]     the gaps' pledge totals as the UN planner: one statement
//   node bench/scripts/profile.js risk-watchlist [--root DIR]  risk's part of the shared watchlist as the USA analyst
// --root runs another checkout's built code (a worktree of the commit before a change) on the same data, so that the
// two are compared on one machine, one after the other. Each prints a checksum of its answer: before and after must
// answer the same.
const { fork } = require("node:child_process");
const { createHash } = require("node:crypto");
const { existsSync, mkdirSync, readdirSync, readFileSync } = require("node:fs");
const { join, resolve } = require("node:path");

const HERE = resolve(__dirname, "..", "..");
const DATA_DIR = join(HERE, ".data", "profile", "postgres");
const rootArg = process.argv.indexOf("--root");
const ROOT = rootArg > 0 ? resolve(process.argv[rootArg + 1]) : HERE;
const from = (path) => require(join(ROOT, path));
// The full data set, as `npm run bench` generates it.
const FULL = require(join(HERE, "bench", "dist", "options.js")).parseOptions([]);
const RISK_FETCH = `query($min: Likelihood) { sharedWatchlist(minLikelihood: $min) { country { code } highestLikelihood likelihoodSpread
  listedBy { partner { code } rank } latestAssessments { likelihood trend periodEnd author { code } } } }`;

/** CPU milliseconds of a process (and, with `children`, of the processes it started), from /proc. */
function cpuMs(pid, children = false) {
  const ticks = (stat) => {
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  };
  let total = 0;
  for (const entry of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const { ppid, ticks: t } = ticks(readFileSync(`/proc/${entry}/stat`, "utf8"));
      if (Number(entry) === pid || (children && ppid === pid)) total += t;
    } catch {
      // the process ended while it was read
    }
  }
  return total * 10; // USER_HZ is 100 on Linux
}

const checksum = (value) => createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 12);

async function withData(work) {
  const { startEmbeddedPostgres } = require(join(HERE, "packages", "db", "dist", "index.js"));
  const fresh = !existsSync(join(DATA_DIR, "PG_VERSION"));
  mkdirSync(join(DATA_DIR, ".."), { recursive: true });
  const postgres = await startEmbeddedPostgres({ persistentDir: DATA_DIR });
  try {
    if (fresh) {
      const { loadDataSet } = require(join(HERE, "bench", "dist", "data", "index.js"));
      console.log("data set", await loadDataSet(postgres.url, FULL));
    }
    const postmaster = Number(readFileSync(join(DATA_DIR, "postmaster.pid"), "utf8").split("\n")[0]);
    await work(postgres.url, () => cpuMs(postmaster, true));
  } finally {
    await postgres.stop();
  }
}

/** The gaps' totals statement (pledgeTotals, as the gaps loader calls it), captured, then run alone N times. */
async function pledgeGaps(serverUrl, postgresCpu) {
  const { openDatabase } = from("packages/db/dist/index.js");
  const { peacekeepingSubgraph } = from("subgraphs/peacekeeping/dist/index.js");
  const { pledgeTotals } = from("subgraphs/peacekeeping/dist/analysis/totals.js");
  const { makeViewer } = from("packages/policy/dist/index.js");
  const db = await openDatabase({
    serverUrl,
    dbName: "peacekeeping",
    entities: peacekeepingSubgraph.entities,
    migrationsPath: peacekeepingSubgraph.migrationsPath,
  });
  try {
    const connection = db.orm.em.getConnection();
    const missions = (await connection.execute("select acronym from mission where status = 'ACTIVE'")).map((m) => m.acronym);
    const viewer = makeViewer({ subject: "profile", partner: "UN", kind: "MULTILATERAL", roles: ["planner"], groups: [] });
    const ctx = { em: db.orm.em.fork(), viewer, metrics: { countPolicyDecision() {} } };
    const statements = [];
    const execute = connection.execute.bind(connection);
    connection.execute = (sql, params, ...rest) => {
      statements.push({ sql, params });
      return execute(sql, params, ...rest);
    };
    const where = { mission: { $in: missions }, status: { $in: ["PLEDGED", "VERIFIED"] } };
    const rows = await pledgeTotals(ctx, where, ["mission", "capabilityType"], { caveats: true, keepSuppressed: true });
    connection.execute = execute;
    const sorted = [...rows].sort((a, b) => `${a.mission}|${a.capabilityType}`.localeCompare(`${b.mission}|${b.capabilityType}`));
    console.log(`${rows.length} gaps of ${missions.length} missions, answer ${checksum(sorted)}`);
    const { sql, params } = statements.at(-1);
    const knex = db.orm.em.getKnex();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 5; i++) await knex.raw(sql, params);
      const n = 40;
      const [cpu, started] = [postgresCpu(), process.hrtime.bigint()];
      for (let i = 0; i < n; i++) await knex.raw(sql, params);
      const ms = Number(process.hrtime.bigint() - started) / 1e6 / n;
      console.log(`round ${round + 1}: PostgreSQL CPU ${((postgresCpu() - cpu) / n).toFixed(1)} ms, ${ms.toFixed(1)} ms per statement`);
    }
  } finally {
    await db.orm.close();
  }
}

/** Risk in a process of its own, sent its part of the shared watchlist, 4 in flight (the admission limit's default on 2 cores). */
async function riskWatchlist(serverUrl) {
  const child = fork(__filename, ["serve-risk", "--root", ROOT], {
    env: { ...process.env, NODE_ENV: "production", PROFILE_DB: serverUrl },
  });
  const { url, token } = await new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error("risk did not start within 120 s")), 120_000);
    child.once("message", (started) => {
      clearTimeout(timer);
      done(started);
    });
    child.once("exit", (code) => fail(new Error(`risk exited with ${code}`)));
  });
  try {
    const send = async () => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: RISK_FETCH, variables: { min: "VERY_HIGH" } }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = await response.json();
      if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 300));
      return body.data;
    };
    const first = await send();
    console.log(`${first.sharedWatchlist.length} countries, answer ${checksum(first)}`);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 20; i++) await send();
      const n = 200;
      let sent = 0;
      const cpu = cpuMs(child.pid);
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (sent++ < n) await send();
        }),
      );
      console.log(`round ${round + 1}: risk CPU ${((cpuMs(child.pid) - cpu) / n).toFixed(1)} ms per fetch`);
    }
    const peak = readFileSync(`/proc/${child.pid}/status`, "utf8").match(/VmHWM:\s+(\d+)/)?.[1];
    console.log(`risk peak RSS ${(Number(peak) / 1024).toFixed(1)} MiB`);
  } finally {
    child.kill();
  }
}

async function serveRisk() {
  const { tmpdir } = require("node:os");
  const { mkdtempSync } = require("node:fs");
  const { createTokenVerifier, ensureDevIssuer, signDevToken, staticDirectory } = from("packages/auth/dist/index.js");
  const { runSubgraph } = from("packages/subgraph-kit/dist/entry/server.js");
  const { developmentChangeFeed } = from("packages/subgraph-kit/dist/entry/feeds.js");
  const { riskSubgraph } = from("subgraphs/risk/dist/index.js");
  const { edgeFromEnv } = from("system/dist/config/index.js");
  const { freePort } = require(join(HERE, "packages", "db", "dist", "index.js"));
  const dataDir = mkdtempSync(join(tmpdir(), "concert-profile-"));
  const running = await runSubgraph(riskSubgraph, {
    serverUrl: process.env.PROFILE_DB,
    dbName: "risk",
    port: await freePort(),
    host: "127.0.0.1",
    verify: createTokenVerifier([await ensureDevIssuer(dataDir)]),
    directory: staticDirectory([{ code: "USA", kind: "GOVERNMENT", groups: ["SLF"] }]),
    changeFeed: developmentChangeFeed(dataDir),
    development: false,
    database: "verify",
    logLevel: "warn",
    edge: edgeFromEnv({}, false),
  });
  const token = await signDevToken(dataDir, { partner: "USA", roles: ["analyst"], subject: "profile:usa", ttl: "1h" });
  process.send({ url: running.url, token });
}

const journeys = { "pledge-gaps": pledgeGaps, "risk-watchlist": riskWatchlist };
const [what] = process.argv.slice(2);
if (what === "serve-risk") serveRisk();
else if (journeys[what]) {
  withData(journeys[what]).then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  console.error(`usage: node bench/scripts/profile.js ${Object.keys(journeys).join("|")} [--root DIR]`);
  process.exit(2);
}
