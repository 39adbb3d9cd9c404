// The bench's own install step (run by the root's `npm run bench`): `npm ci` in bench/ from bench/package-lock.json,
// skipped when bench/node_modules already holds what that lock says. The bench is not a root workspace, so that
// Hive Gateway, autocannon and their dependencies (some want Node 22) are not installed by the root's `npm ci`.
// Concert's own packages (@concert/*) and the libraries they share with the bench (MikroORM, pg, reflect-metadata)
// are resolved from the root's node_modules, one directory up, by Node's ordinary lookup.
// `node bench/scripts/install.js lighthouse` does the same for another such folder (the console's Lighthouse run).
const { createHash } = require("node:crypto");
const { execFileSync } = require("node:child_process");
const { existsSync, readFileSync, writeFileSync } = require("node:fs");
const { basename, join, resolve } = require("node:path");

const bench = process.argv[2] ? resolve(__dirname, "..", "..", process.argv[2]) : join(__dirname, "..");
const lock = readFileSync(join(bench, "package-lock.json"));
const stamp = join(bench, "node_modules", ".concert-installed");
const digest = createHash("sha256")
  .update(lock)
  .update(readFileSync(join(bench, "package.json")))
  .digest("hex");

if (existsSync(stamp) && readFileSync(stamp, "utf8") === digest) process.exit(0);

console.log(`[${basename(bench)}] installing its own dependencies (npm ci in ${basename(bench)}/)`);
// Under `npm run`, npm_execpath is the npm that runs us; otherwise the npm on the PATH.
const [command, args] = process.env.npm_execpath
  ? [process.execPath, [process.env.npm_execpath]]
  : [process.platform === "win32" ? "npm.cmd" : "npm", []];
execFileSync(command, [...args, "ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: bench, stdio: "inherit" });
writeFileSync(stamp, digest);
