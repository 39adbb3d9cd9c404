import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { TokenRejected } from "./identity.js";
import {
  cachingDirectory,
  type DirectorySnapshot,
  DirectoryUnavailable,
  REGISTRY_WAIT_MS,
  registryDeadline,
  registryFetchTimeout,
  remoteDirectory,
  staticDirectory,
  subjectDigest,
} from "./partner-directory.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const USA = { code: "USA", kind: "GOVERNMENT" as const, groups: ["SLF"] };

/** A registry whose answers the test controls: what it holds, whether it answers, how often it was read. */
function registry() {
  const state = { snapshot: { partners: [USA], forums: ["SLF"], revocations: [] } as DirectorySnapshot, down: false, loads: 0 };
  const load = async () => {
    state.loads++;
    await sleep(5);
    if (state.down) throw new Error("registry down");
    return structuredClone(state.snapshot);
  };
  return { state, load };
}

/** Every directory a test makes is closed after it: an open one keeps refreshing in the background, past the test. */
const open: { close(): void }[] = [];
afterEach(() => {
  for (const directory of open.splice(0)) directory.close();
});
function opened<T extends { close(): void }>(directory: T): T {
  open.push(directory);
  return directory;
}

describe("cachingDirectory", () => {
  it("never answers from a copy older than the freshness bound while the registry answers", async () => {
    const { state, load } = registry();
    const directory = opened(cachingDirectory(load, { freshnessMs: 100, outageMs: 1_000 }));
    expect(await directory.lookup("USA")).toEqual(USA);
    state.snapshot.partners = [];
    await sleep(150);
    expect(await directory.lookup("USA")).toBeNull();
  });

  it("reads the registry at most once per half bound under load, one read shared by concurrent checks", async () => {
    const { state, load } = registry();
    const directory = opened(cachingDirectory(load, { freshnessMs: 200, outageMs: 1_000 }));
    await Promise.all(Array.from({ length: 50 }, () => directory.lookup("USA")));
    expect(state.loads).toBe(1);
    const started = Date.now();
    for (let i = 0; i < 10; i++) {
      await Promise.all(Array.from({ length: 10 }, () => directory.lookup("USA")));
      await sleep(20);
    }
    // About 250 ms of checks (more on a busy machine): a background refresh every 100 ms, none per check.
    expect(state.loads).toBeGreaterThanOrEqual(2);
    expect(state.loads).toBeLessThanOrEqual(2 + Math.floor((Date.now() - started) / 100));
    directory.close();
  });

  it("serves the last copy up to the outage bound when the registry does not answer, then fails closed", async () => {
    const { state, load } = registry();
    const directory = opened(cachingDirectory(load, { freshnessMs: 50, outageMs: 300 }));
    await directory.lookup("USA");
    state.down = true;
    await sleep(100);
    expect(await directory.lookup("USA")).toEqual(USA);
    await sleep(250);
    await expect(directory.lookup("USA")).rejects.toBeInstanceOf(DirectoryUnavailable);
    state.down = false;
    await sleep(60);
    expect(await directory.lookup("USA")).toEqual(USA);
  });

  it("fails closed from the start when the registry never answered", async () => {
    const { state, load } = registry();
    state.down = true;
    await expect(opened(cachingDirectory(load, { freshnessMs: 50, outageMs: 300 })).lookup("USA")).rejects.toBeInstanceOf(
      DirectoryUnavailable,
    );
  });

  it("carries revocations, by digest, and knows partner and forum codes", async () => {
    const { state, load } = registry();
    state.snapshot.revocations = [{ subjectDigest: subjectDigest("USA", "jane"), revokedAt: "2026-03-01T12:00:00.000Z" }];
    const directory = opened(cachingDirectory(load, { freshnessMs: 100, outageMs: 1_000 }));
    expect(await directory.revokedAt("USA", "jane")).toBe(Date.parse("2026-03-01T12:00:00.000Z"));
    expect(await directory.revokedAt("CAN", "jane")).toBeNull();
    expect(await directory.unknownAudience(["USA", "SLF", "SFL"])).toEqual(["SFL"]);
    expect(await staticDirectory([USA]).unknownAudience(["SLF", "EU"])).toEqual(["EU"]);
  });

  it("lists the active partners of its copy", async () => {
    const { state, load } = registry();
    const directory = opened(cachingDirectory(load, { freshnessMs: 100, outageMs: 1_000 }));
    expect((await directory.activePartners()).map((e) => e.code)).toEqual(state.snapshot.partners.map((e) => e.code));
    expect(await staticDirectory([USA]).activePartners()).toEqual([USA]);
  });
});

describe("a hung registry", () => {
  /** A registry that answers until `hang` is set, then never again. */
  function hanging() {
    const state = { hang: false, loads: 0 };
    const load = async (): Promise<DirectorySnapshot> => {
      state.loads++;
      if (state.hang) return new Promise(() => {});
      return { partners: [USA], forums: [], revocations: [] };
    };
    return { state, load };
  }
  const timed = async <T>(work: () => Promise<T>) => {
    const started = Date.now();
    const value = await work();
    return { value, ms: Date.now() - started };
  };

  it("costs a check at most REGISTRY_WAIT_MS, once; then the copy serves without waiting, up to the outage bound", async () => {
    const { state, load } = hanging();
    const directory = opened(cachingDirectory(load, { freshnessMs: 100, outageMs: 2_500 }));
    await directory.lookup("USA");
    state.hang = true;
    await sleep(150);
    const first = await timed(() => directory.lookup("USA"));
    expect(first.value).toEqual(USA);
    expect(first.ms).toBeLessThan(REGISTRY_WAIT_MS + 300);
    // The refresh under way never ends, but the registry is now known not to answer: no further check waits.
    for (let i = 0; i < 5; i++) expect((await timed(() => directory.lookup("USA"))).ms).toBeLessThan(50);
    await sleep(2_500);
    const refused = directory.lookup("USA").catch((err: unknown) => err);
    const err = (await refused) as DirectoryUnavailable;
    expect(err).toBeInstanceOf(DirectoryUnavailable);
    // a server condition, not a bad token
    expect(err).not.toBeInstanceOf(TokenRejected);
    expect(err).toMatchObject({ code: "SERVICE_UNAVAILABLE", serviceName: "engagements", retryAfterSeconds: 1 });
  }, 10_000);

  it("waits no longer than the request's deadline, wherever it has got to", async () => {
    const { state, load } = hanging();
    const directory = opened(cachingDirectory(load, { freshnessMs: 100, outageMs: 60_000 }));
    await directory.lookup("USA");
    state.hang = true;
    await sleep(150);
    const spent = await timed(() => directory.lookup("USA", Date.now() + 200));
    expect(spent.value).toEqual(USA);
    expect(spent.ms).toBeGreaterThanOrEqual(150);
    expect(spent.ms).toBeLessThan(500);
  });

  it("takes a forwarded deadline only to shorten the wait", () => {
    const now = 1_000_000;
    expect(registryDeadline(undefined, now)).toBe(now + REGISTRY_WAIT_MS);
    expect(registryDeadline(String(now + 300), now)).toBe(now + 300);
    expect(registryDeadline(String(now + 60_000), now)).toBe(now + REGISTRY_WAIT_MS);
    expect(registryDeadline("soon", now)).toBe(now + REGISTRY_WAIT_MS);
  });
});

describe("remoteDirectory", () => {
  it("does not let a hung registry hold a check past the fetch timeout: the last copy serves", async () => {
    let hang = false;
    const server = createServer((_req, res) => {
      if (hang) return; // never answers
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ data: { partners: [USA], forums: [{ code: "SLF" }], tokenRevocations: [] } }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const bounds = { freshnessMs: 100, outageMs: 60_000 };
    try {
      const directory = opened(remoteDirectory(`http://127.0.0.1:${port}/graphql`, bounds));
      expect((await directory.lookup("USA"))?.kind).toBe("GOVERNMENT");
      hang = true;
      await sleep(150);
      const started = Date.now();
      expect((await directory.lookup("USA"))?.kind).toBe("GOVERNMENT");
      expect(Date.now() - started).toBeLessThan(registryFetchTimeout(bounds) + 1_000);
      expect(registryFetchTimeout(bounds)).toBe(2_000);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
