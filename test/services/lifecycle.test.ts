import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dropDatabase, freePort } from "@concert/db";
import { DataDirLocked, lockDataDir } from "@concert/system";
import { runCli, serverUrl } from "./support";

const dataDir = mkdtempSync(join(tmpdir(), "concert-lifecycle-"));
const dbName = `life${process.pid}_engagements`;
/** What `serve engagements` needs, in development mode (it migrates its own database). */
const engagementsEnv = () => ({
  ENGAGEMENTS_DATABASE_URL: `${serverUrl()}/${dbName}`,
  CONCERT_DATA_DIR: dataDir,
  CONCERT_DEMO_DATA: "1",
  HOST: "127.0.0.1",
});

afterAll(async () => {
  await dropDatabase(serverUrl(), dbName);
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the data-directory lock", () => {
  it("refuses a second holder while the first lives, and takes over from one that is gone", () => {
    const dir = mkdtempSync(join(tmpdir(), "concert-lock-"));
    try {
      // A live process other than this one holds it (the parent of this test process).
      writeFileSync(join(dir, "concert.pid"), `${process.ppid}\n`);
      expect(() => lockDataDir(dir)).toThrow(DataDirLocked);
      expect(() => lockDataDir(dir)).toThrow(`Concert is already running on ${dir} (process ${process.ppid})`);
      expect(readFileSync(join(dir, "concert.pid"), "utf8")).toBe(`${process.ppid}\n`);

      // A pid file left by a killed run: no such process any more.
      writeFileSync(join(dir, "concert.pid"), "2147483646\n");
      const release = lockDataDir(dir);
      expect(readFileSync(join(dir, "concert.pid"), "utf8")).toBe(`${process.pid}\n`);
      release();
      expect(existsSync(join(dir, "concert.pid"))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("npm run serve", () => {
  it("reports every bad or missing variable at once, without a stack trace", async () => {
    const run = runCli("serve", ["risk"], {
      PORT: "99999", // fixed-port: not a port; the start is refused
      ENGAGEMENTS_URL: "not a url",
      SHUTDOWN_TIMEOUT_MS: "soon",
      CONCERT_DEMO_DATA: "yes",
    });
    expect(await run.exited).toBe(2);
    const output = run.output();
    for (const problem of [
      "PORT must be a port number (1–65535)",
      "ENGAGEMENTS_URL must be the full http(s) URL of the subgraph's /graphql",
      "SHUTDOWN_TIMEOUT_MS",
      "CONCERT_DEMO_DATA must be 1 or 0",
      "DATABASE_URL or RISK_DATABASE_URL is required",
    ]) {
      expect(output).toContain(problem);
    }
    expect(output).not.toMatch(/^\s+at /m);
  });

  it("names the service it does not know", async () => {
    const run = runCli("serve", ["billing"], {});
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain("usage: npm run serve -- <gateway|engagements|risk|peacekeeping|alerts|exchange>");
  });

  describe("a running subgraph", () => {
    let holder: Server;
    let heldPort: number;

    beforeAll(async () => {
      heldPort = await freePort();
      holder = createServer();
      await new Promise<void>((r) => holder.listen(heldPort, "127.0.0.1", r));
    });
    afterAll(() => new Promise<void>((r) => holder.close(() => r())));

    it("reports a port in use in one line", async () => {
      const run = runCli("serve", ["engagements"], { ...engagementsEnv(), PORT: String(heldPort) });
      expect(await run.exited).toBe(3);
      expect(run.output().trim()).toBe(
        `engagements: port ${heldPort} is in use on 127.0.0.1; stop what holds it or set PORT (or ENGAGEMENTS_PORT)`,
      );
    }, 120_000);

    it("answers every request in flight when stopped with SIGTERM, then exits 0", async () => {
      const [port, metricsPort] = [await freePort(), await freePort()];
      const run = runCli("serve", ["engagements"], {
        ...engagementsEnv(),
        ENGAGEMENTS_PORT: String(port),
        SHUTDOWN_TIMEOUT_MS: "20000",
        METRICS_PORT: String(metricsPort),
      });
      await run.waitFor(/engagements: serving/);
      // METRICS_PORT: /metrics is served there, for the monitoring namespace only.
      const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect([metrics.status, (await metrics.text()).includes("# HELP")]).toEqual([200, true]);
      const body = JSON.stringify({
        query: "{ countries { code name } partners { code name } practices(first: 50) { totalCount nodes { id } } }",
      });

      // Requests the server is in the middle of receiving when the signal comes: half of each body now, the rest after it.
      const requests = Array.from({ length: 8 }, () => {
        const req = request(`http://127.0.0.1:${port}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        });
        const answer = new Promise<{ status: number; data?: { countries: unknown[] }; errors?: unknown }>((resolve, reject) => {
          req.on("response", (res) => {
            let text = "";
            res.on("data", (chunk: Buffer) => (text += chunk.toString()));
            res.on("end", () => resolve({ status: res.statusCode!, ...JSON.parse(text) }));
          });
          req.on("error", reject);
        });
        req.write(body.slice(0, 20));
        return { req, answer };
      });
      await new Promise((r) => setTimeout(r, 500));
      run.child.kill("SIGTERM");
      await run.waitFor(/engagements: SIGTERM, draining \(up to 20000 ms\)/);
      for (const { req } of requests) req.end(body.slice(20));
      const answers = await Promise.all(requests.map((r) => r.answer));
      expect(answers.map((a) => [a.status, a.errors, (a.data?.countries.length ?? 0) > 0])).toEqual(Array(8).fill([200, undefined, true]));
      expect(await run.exited).toBe(0);
      // Stopped accepting: nothing listens any more.
      await expect(
        fetch(`http://127.0.0.1:${port}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body }),
      ).rejects.toThrow();
    }, 120_000);
  });
});
