// Adds lock entries for optional platform packages that this registry cannot serve (other platforms' binaries),
// so that `npm ci` finds the lock complete; on this platform npm skips them by their os/cpu fields.
const fs = require("node:fs");
const file = process.argv[2];
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const OS = {
  darwin: "darwin",
  windows: "win32",
  win32: "win32",
  linux: "linux",
  android: "android",
  freebsd: "freebsd",
  openharmony: "openharmony",
  wasm32: null,
};
const CPU = ["arm64", "x64", "ia32", "loong64", "ppc64", "riscv64", "s390x", "arm", "wasm32"];
let added = 0;
for (const [path, pkg] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const base = path.startsWith("node_modules/") || path === "" ? "" : `${path}/`;
    const candidates = [`${base}node_modules/${name}`, `node_modules/${name}`];
    if (candidates.some((c) => lock.packages[c])) continue;
    const parts = name.split("/").pop().split("-");
    const os = parts.map((p) => OS[p]).find((x) => x !== undefined);
    const cpu = parts.includes("64") ? "x64" : CPU.find((c) => parts.includes(c) || parts.some((p) => p.startsWith(c)));
    const entry = { version, optional: true };
    if (pkg.dev) entry.dev = true;
    if (os) entry.os = [os];
    if (cpu) entry.cpu = [cpu === "64" ? "x64" : cpu];
    if (parts.includes("gnu") || parts.includes("gnueabihf")) entry.libc = ["glibc"];
    if (parts.includes("musl") || parts.includes("musleabihf")) entry.libc = ["musl"];
    lock.packages[`node_modules/${name}`] = entry;
    console.log("added", name, JSON.stringify(entry));
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : a > b ? 1 : 0)),
);
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added, "entries added");
