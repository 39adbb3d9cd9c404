// CPU per pass of one journey, every part in its own process as the bench deploys it, on the full data set: before/after
// figures for a change, or a baseline commit against this one, without a whole bench run (docs/benchmark.md). Run after
// `npm run build && npx tsc -b bench`:
//   node bench/scripts/journey-cpu.js JOURNEY [--seconds N] [--conns N] [--root DIR]
// JOURNEY is one of the bench's (shared-watchlist, pledge-tracking, practice-comparison, console). Its pass is sent to
// Concert's gateway on `conns` connections (8) for `seconds` (30) after a warm-up, and the CPU milliseconds per pass of
// each process (gateway, subgraphs, PostgreSQL) are read from /proc. --root runs another checkout's build and its
// bench (a baseline worktree, bench/baselines/), with its own data set in DIR/.data/journey-cpu: a database migrated
// by a later commit cannot be read by an earlier one. The data set is generated on the first run (about a minute).
// With `node --cpu-prof --cpu-prof-dir=DIR bench/scripts/journey-cpu.js …` every part also writes a CPU profile.
const { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join, resolve } = require("node:path");

const USAGE = "usage: node bench/scripts/journey-cpu.js JOURNEY [--seconds N] [--conns N] [--root DIR]";

function parseArgs(argv) {
  const options = { seconds: 30, conns: 8, root: resolve(__dirname, "..", "..") };
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--seconds" || arg === "--conns") options[arg.slice(2)] = Number(argv[++i]);
    else if (arg === "--root") options.root = resolve(argv[++i] ?? "");
    else positional.push(arg);
  }
  const ok = positional.length === 1 && options.seconds > 0 && Number.isInteger(options.conns) && options.conns > 0;
  if (!ok) throw new Error(USAGE);
  return { journey: positional[0], ...options };
}

/** CPU milliseconds of `pid` (and, with `children`, of the processes it started), from /proc. */
function cpuMs(pid, children = false) {
  let total = 0;
  for (const entry of children ? readdirSync("/proc").filter((d) => /^\d+$/.test(d)) : [String(pid)]) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(entry) === pid || Number(fields[1]) === pid) total += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended while it was read
    }
  }
  return total * 10; // USER_HZ is 100 on Linux
}

const peakMiB = (pid) => Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmHWM:\s+(\d+)/)?.[1]) / 1024;

/** One pass of `journey` per call, connection `c` sending each operation as the bench does (persisted where marked). */
function passSender(journey, url, tokens, sha256) {
  const bodies = journey.operations.map((op) =>
    JSON.stringify(
      op.persisted
        ? {
            operationName: op.operationName,
            variables: op.variables,
            extensions: { persistedQuery: { version: 1, sha256Hash: sha256(op.query) } },
          }
        : { query: op.query, variables: op.variables },
    ),
  );
  return async (c) => {
    for (const [i, body] of bodies.entries()) {
      const authorization = `Bearer ${tokens[journey.operations[i].persona][c]}`;
      const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization }, body });
      const text = await response.text();
      if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 300)}`);
    }
  };
}

async function measure({ journey: name, seconds, conns, root }) {
  const bench = (path) => require(join(root, "bench", "dist", path));
  const { startEmbeddedPostgres } = require(join(root, "packages", "db", "dist", "index.js"));
  const { sha256 } = require(join(root, "gateway", "dist", "index.js"));
  const journey = [...bench("journeys.js").JOURNEYS, bench("console-journey.js").consoleJourney()].find((j) => j.name === name);
  if (!journey) throw new Error(`no journey ${name}\n${USAGE}`);
  const dataDir = join(root, ".data", "journey-cpu", "postgres");
  const fresh = !existsSync(join(dataDir, "PG_VERSION"));
  mkdirSync(join(dataDir, ".."), { recursive: true });
  const postgres = await startEmbeddedPostgres({ persistentDir: dataDir });
  let cluster;
  try {
    if (fresh) console.log("data set", await bench("data/index.js").loadDataSet(postgres.url, bench("options.js").parseOptions([])));
    const postmaster = Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    const partners = [...new Set(journey.personas.map((p) => p.partner))];
    cluster = await bench("services/cluster.js").startCluster(postgres.url, mkdtempSync(join(tmpdir(), "journey-cpu-")), partners);
    const sign = (p, i) => cluster.signToken({ partner: p.partner, roles: p.roles, subject: `journey-cpu:${i}`, ttl: "1h" });
    const tokens = await Promise.all(journey.personas.map((p) => Promise.all(Array.from({ length: conns }, (_, i) => sign(p, i)))));
    const pass = passSender(journey, cluster.concertUrl, tokens, sha256);
    const run = async (ms) => {
      let passes = 0;
      const end = Date.now() + ms;
      const connection = async (c) => {
        while (Date.now() < end) {
          await pass(c);
          passes++;
        }
      };
      await Promise.all(Array.from({ length: conns }, (_, c) => connection(c)));
      return passes;
    };
    await run(Math.min(10_000, seconds * 300));
    // the parts' processes, as the bench's sampler knows them (Hive Gateway idles: only Concert is sent the load)
    const pids = cluster.processes.pids;
    const before = Object.fromEntries(Object.entries(pids).map(([part, pid]) => [part, cpuMs(pid)]));
    const postgresBefore = cpuMs(postmaster, true);
    const passes = await run(seconds * 1000);
    const perPass = Object.fromEntries(
      Object.entries(pids).map(([part, pid]) => [part, +((cpuMs(pid) - before[part]) / passes).toFixed(1)]),
    );
    perPass.postgres = +((cpuMs(postmaster, true) - postgresBefore) / passes).toFixed(1);
    const node = ["concert", "engagements", "risk", "peacekeeping"].reduce((sum, part) => sum + perPass[part], 0);
    console.log(`${name}: ${passes} passes in ${seconds} s on ${conns} connections (${root})`);
    console.log(`CPU ms per pass: Node (gateway + subgraphs) ${node.toFixed(1)}, ${JSON.stringify(perPass)}`);
    console.log(
      `peak RSS MiB: ${JSON.stringify(Object.fromEntries(Object.entries(pids).map(([part, pid]) => [part, +peakMiB(pid).toFixed(0)])))}`,
    );
  } finally {
    await cluster?.stop();
    await postgres.stop();
  }
}

Promise.resolve()
  .then(() => measure(parseArgs(process.argv.slice(2))))
  .then(
    () => process.exit(0),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
