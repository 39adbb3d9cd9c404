import { execFileSync, spawn } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { dropDatabase, freePort } from "@concert/db";
import { serverUrl } from "./support";

/**
 * deploy/Dockerfile's runtime stage, reproduced without a Docker engine: the files it copies from the
 * build stage, its production-only install, then `migrate` and `serve` as an unprivileged user.
 * It installs from the npm registry (minutes): CONCERT_RUNTIME_STAGE_TEST=0 skips it.
 */
const ROOT = resolve(__dirname, "../..");
const enabled = process.env.CONCERT_RUNTIME_STAGE_TEST !== "0";
const NOBODY = 65534;

/** What the runtime stage copies from the build stage (source → destination in /app) and its install command. */
function runtimeStage(): { copies: [string, string][]; install: string[] } {
  const dockerfile = readFileSync(join(ROOT, "deploy/Dockerfile"), "utf8").replace(/\\\n\s*/g, " ");
  const stage = dockerfile.slice(dockerfile.indexOf("AS runtime"));
  const copies = [...stage.matchAll(/^COPY --from=build (.+)$/gm)].flatMap((m) => {
    const paths = m[1]!.trim().split(/\s+/);
    const to = paths.pop()!;
    return paths.map((from) => {
      const source = from.replace(/^\/src\//, "");
      return [source, to.endsWith("/") ? join(to, source.split("/").pop()!) : to] as [string, string];
    });
  });
  const install = /^RUN (npm ci [^&]+)/m.exec(stage)![1]!.trim().split(/\s+/).slice(1);
  return { copies, install };
}

(enabled ? it : it.skip)(
  "installs production dependencies only and serves as a non-root user",
  async () => {
    const app = mkdtempSync(join(tmpdir(), "concert-runtime-"));
    // As /app in the image: owned by root, readable by everyone.
    chmodSync(app, 0o755);
    const dbName = `rt${process.pid}_engagements`;
    try {
      const { copies, install } = runtimeStage();
      expect(copies.length).toBeGreaterThan(10);
      for (const [from, to] of copies) {
        const target = join(app, to);
        mkdirSync(dirname(target), { recursive: true });
        cpSync(join(ROOT, from), target, { recursive: true });
      }
      execFileSync("npm", install, { cwd: app, stdio: "ignore", timeout: 600_000 });
      // No development dependency came along.
      expect(() => readFileSync(join(app, "node_modules/typescript/package.json"))).toThrow();
      expect(() => readFileSync(join(app, "node_modules/jest/package.json"))).toThrow();
      const dataDir = join(app, "data");
      mkdirSync(dataDir);
      chmodSync(dataDir, 0o777);
      const asUser = process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {};
      const env = {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        CHANGE_FEED_KEY: "a test key of the change feeds' cursors, 32+ characters",
        CONCERT_DATA_DIR: dataDir,
        ENGAGEMENTS_DATABASE_URL: `${serverUrl()}/${dbName}`,
      };
      execFileSync(process.execPath, ["system/dist/cli/migrate.js"], {
        cwd: app,
        ...asUser,
        env: {
          ...env,
          RISK_DATABASE_URL: `${serverUrl()}/${dbName.replace("engagements", "risk")}`,
          PEACEKEEPING_DATABASE_URL: `${serverUrl()}/${dbName.replace("engagements", "peacekeeping")}`,
          ALERTS_DATABASE_URL: `${serverUrl()}/${dbName.replace("engagements", "alerts")}`,
        },
      });
      const port = await freePort();
      const child = spawn(process.execPath, ["system/dist/cli/serve.js", "engagements"], {
        cwd: app,
        ...asUser,
        env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
      });
      try {
        await new Promise<void>((ready, fail) => {
          let output = "";
          child.stdout.on("data", (c: Buffer) => {
            output += c.toString();
            if (/serving/.test(output)) ready();
          });
          child.stderr.on("data", (c: Buffer) => (output += c));
          child.on("exit", (code) => fail(new Error(`serve exited with ${code}: ${output}`)));
        });
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: "{ partners { code } }" }),
        });
        expect(res.status).toBe(200);
        expect(((await res.json()) as { data: { partners: unknown[] } }).data.partners.length).toBeGreaterThan(0);
        const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
        expect(ready.status).toBe(200);
        expect(await ready.json()).toEqual(expect.objectContaining({ status: "ok" }));
      } finally {
        // Waited for: a part still shutting down would hold its database (dropped below) and keep jest's worker alive.
        const exited = new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once("exit", r)));
        child.kill("SIGTERM");
        await exited;
      }
    } finally {
      for (const name of ["engagements", "risk", "peacekeeping", "alerts"])
        await dropDatabase(serverUrl(), dbName.replace("engagements", name));
      rmSync(app, { recursive: true, force: true });
    }
  },
  900_000,
);
